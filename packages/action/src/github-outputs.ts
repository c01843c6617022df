import type { Comparison, Outcome } from "@sci-gate/core";

export interface ActionOutputs {
  verdict: Outcome;
  "results-json": string;
  "sci-head": string;
  "sci-base": string;
  "change-pct": string;
  "report-path": string;
  "comment-url": string;
}

/** The outputs a later step reads: the headline scenario's figures and every scenario's verdict. */
export function computeOutputs(comparison: Comparison, reportPath: string, commentUrl: string | null): ActionOutputs {
  const headline = comparison.scenarios.find((s) => s.name === comparison.headline) ?? comparison.scenarios[0];
  const results = comparison.scenarios.map((s) => ({
    name: s.name,
    unit: s.unit,
    outcome: s.outcome,
    sciBaseGPerUnit: s.base?.sciGPerUnit ?? null,
    sciHeadGPerUnit: s.head?.sciGPerUnit ?? null,
    changePct: s.sci ? { estimate: s.sci.pct.estimate, lower: s.sci.pct.lower, upper: s.sci.pct.upper, confidence: s.sci.pct.confidence } : null,
    energyJPerUnit: { base: s.base?.energyJPerUnit ?? null, head: s.head?.energyJPerUnit ?? null },
    decidedBy: s.decidedBy,
  }));
  return {
    verdict: comparison.outcome,
    "results-json": JSON.stringify(results),
    "sci-head": headline?.head ? String(headline.head.sciGPerUnit) : "",
    "sci-base": headline?.base ? String(headline.base.sciGPerUnit) : "",
    "change-pct": headline?.sci ? headline.sci.pct.estimate.toFixed(3) : "",
    "report-path": reportPath,
    "comment-url": commentUrl ?? "",
  };
}
