import type { Report } from "@sci-gate/core";

type Revision = "base" | "head";

/** The revisions a report has runs of. */
export function listRevisions(report: Report): Revision[] {
  const revisions = new Set(report.scenarios.flatMap((s) => s.runs.map((run) => run.revision)));
  return (["base", "head"] as const).filter((revision) => revisions.has(revision));
}

/**
 * One report as one side of a two-report comparison. A report measured on its own holds only
 * "head" runs (the working tree it ran in), so as the base it is relabelled; a report holding
 * both keeps the side asked for. Pair numbers are dropped: runs from two sessions were not
 * interleaved, so pairing them would claim a shared noise they do not share.
 */
export function selectSide(report: Report, side: Revision): Report {
  const other: Revision = side === "base" ? "head" : "base";
  const present = listRevisions(report);
  const from: Revision = present.includes(side) || present.length === 0 ? side : other;
  const revisionInfo = report.revisions[from] ?? report.revisions[side];
  const config = report.configs[from] ?? report.configs[side];
  return {
    ...report,
    revisions: revisionInfo === undefined ? {} : { [side]: revisionInfo },
    configs: config === undefined ? {} : { [side]: config },
    scenarios: report.scenarios.map((scenario) => ({
      ...scenario,
      runs: scenario.runs.filter((run) => run.revision === from).map((run) => ({ ...run, revision: side, pair: null })),
    })),
  };
}
