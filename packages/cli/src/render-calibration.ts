import type { Calibration, ScenarioCalibration } from "@sci-gate/core";
import { formatTextTable, sanitisePlainText, textLimits } from "@sci-gate/report";

const dash = "—";
const pct = (value: number | null, signed = false) => (value === null ? dash : `${signed && value >= 0 ? "+" : ""}${value.toFixed(1)} %`);
const noise = (sdLogRatio: number | null) => (sdLogRatio === null ? dash : pct(Math.expm1(sdLogRatio) * 100));

function describeRow(s: ScenarioCalibration): string[] {
  return [
    sanitisePlainText(s.name, textLimits.name),
    s.failedRuns > 0 ? `${s.runs} (+${s.failedRuns} failed)` : String(s.runs),
    s.cv === null ? dash : pct(s.cv * 100),
    `${noise(s.sdLogRatio)}${s.sdLogRatioFrom === "pairs" ? " (pairs)" : ""}`,
    s.halfWidthPct === null ? dash : `±${pct(s.halfWidthPct)} at ${s.configuredPairs}`,
    pct(s.failBudgetPct),
    s.detectableIncreasePct === null && s.cannotFail !== null ? "cannot fail" : pct(s.detectableIncreasePct, true),
    pct(s.targetIncreasePct, true),
    s.requiredPairs !== null ? String(s.requiredPairs) : s.requiredPairsOver !== null ? `> ${s.requiredPairsOver}` : dash,
    String(s.suggestedRuns),
  ];
}

/** The calibration as a table a user reads once, then the one-line advice per scenario. */
export function renderCalibration(calibration: Calibration): string {
  const confidence = `${Math.round(calibration.confidence * 100)} %`;
  const power = `${Math.round(calibration.power * 100)} %`;
  const table = formatTextTable(
    ["Scenario", "Runs", "CV", "Noise/pair", `${confidence} CI`, "Budget", `Caught (${power})`, "Target", "Pairs needed", "Suggested runs"],
    calibration.scenarios.map(describeRow),
    ["left", "right", "right", "right", "right", "right", "right", "right", "right", "right"],
  );
  const lines = calibration.scenarios.map((s) => `- ${sanitisePlainText(s.explanation, 600)}`);
  const changes = calibration.scenarios.filter((s) => s.suggestedRuns !== s.configuredPairs);
  const advice =
    changes.length === 0
      ? "The configured runs already fit."
      : `To apply, set in sci-gate.yml: ${changes.map((s) => `${sanitisePlainText(s.name, textLimits.name)} runs: ${s.suggestedRuns}`).join("; ")}.`;
  const simulated = String(calibration.simulatedComparisons).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${table}\n\n${lines.join("\n")}\n\n${advice}\nNoise/pair is the spread of one ln(head/base) ratio; "Caught" is the smallest increase the gate fails ${power} of the time with the configured pairs, and "Pairs needed" the pairs that catch the target as often, both from ${simulated} seeded simulated comparisons of the gate's own rule (robust check and minPairs ${calibration.minPairs} included).\n`;
}
