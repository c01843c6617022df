import { computeStudentTQuantile } from "../stats/student-t.js";
import type { BudgetVerdict, LogInterval, Outcome } from "./types.js";

const pct = (logRatio: number) => (Math.exp(logRatio) - 1) * 100;
const fmtPct = (value: number) => `${value >= 0 ? "+" : ""}${value.toFixed(1)} %`;

/**
 * Pairs likely needed for an interval of this spread to clear `thresholdLog` on the side the
 * estimate lies, assuming the estimate and the spread stay as measured.
 */
export function estimatePairsToResolve(estimate: number, sdLog: number, thresholdLog: number, confidence: number): number | null {
  const margin = Math.abs(estimate - thresholdLog);
  if (!(sdLog > 0) || margin === 0) return null;
  const halfWidth = (n: number) => (computeStudentTQuantile((1 + confidence) / 2, n - 1) * sdLog) / Math.sqrt(n);
  if (halfWidth(1000) >= margin) return null;
  // The half-width falls monotonically with n: bisect for the smallest n that clears the margin.
  let low = 2;
  let high = 1000;
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (halfWidth(mid) < margin) high = mid;
    else low = mid + 1;
  }
  return low;
}

/**
 * The rule for a relative budget, on an interval of ln(head/base):
 * fail when the whole interval lies above ln(1 + T_fail); warn when it lies above
 * ln(1 + T_warn), or above 0 while the estimate exceeds T_fail; pass when the upper end is at
 * most ln(1 + T_fail); otherwise inconclusive. A true change up to the budget then fails with
 * probability at most (1 − confidence)/2.
 */
export function decideRelative(
  interval: LogInterval,
  budget: { warn: number | null; fail: number | null; budgetIndex: number },
  enforce: boolean,
  sdLog: number | null,
): BudgetVerdict {
  const failLog = budget.fail === null ? null : Math.log1p(budget.fail / 100);
  const warnLog = budget.warn === null ? null : Math.log1p(budget.warn / 100);
  const passLog = failLog ?? warnLog;
  const ci = `${fmtPct(pct(interval.lower))} … ${fmtPct(pct(interval.upper))}`;
  let outcome: Outcome;
  let reason: string;
  if (failLog !== null && interval.lower > failLog) {
    outcome = "fail";
    reason = `the whole ${Math.round(interval.confidence * 100)}% interval (${ci}) is above the ${budget.fail} % budget`;
  } else if (warnLog !== null && interval.lower > warnLog) {
    outcome = "warn";
    reason = `the whole interval (${ci}) is above the ${budget.warn} % warning level`;
  } else if (failLog !== null && interval.lower > 0 && interval.estimate > failLog) {
    outcome = "warn";
    reason = `an increase is certain and its estimate (${fmtPct(pct(interval.estimate))}) is above the ${budget.fail} % budget, but the interval (${ci}) reaches below it`;
  } else if (passLog !== null && interval.upper <= passLog) {
    outcome = "pass";
    reason = `the whole interval (${ci}) is within the ${budget.fail ?? budget.warn} % budget`;
  } else {
    outcome = "inconclusive";
    reason = `the interval (${ci}) straddles the ${budget.fail ?? budget.warn} % budget`;
  }
  let pairsToResolve: number | null = null;
  if (outcome === "inconclusive" && passLog !== null && sdLog !== null) {
    pairsToResolve = estimatePairsToResolve(interval.estimate, sdLog, passLog, interval.confidence);
    reason += pairsToResolve === null ? "; more pairs would not resolve it at this noise" : `; about ${pairsToResolve} pairs would likely resolve it`;
  }
  if (!enforce && outcome === "fail") {
    outcome = "warn";
    reason += " (enforce: false, so reported as a warning)";
  }
  return { kind: "relative", budgetIndex: budget.budgetIndex, warnAt: budget.warn, failAt: budget.fail, enforced: enforce, outcome, reason, pairsToResolve };
}

/**
 * An absolute ceiling on the head's SCI per unit, judged on the interval of its geometric mean:
 * fail only when the lower end is above the ceiling.
 */
export function decideAbsolute(
  head: { estimateG: number; lowerG: number; upperG: number; runs: number },
  budget: { warn: number | null; fail: number | null; budgetIndex: number },
  enforce: boolean,
  formatG: (g: number) => string,
): BudgetVerdict {
  let outcome: Outcome;
  let reason: string;
  const range = `${formatG(head.lowerG)} … ${formatG(head.upperG)}`;
  const ceiling = budget.fail ?? budget.warn ?? Number.POSITIVE_INFINITY;
  if (head.runs < 2 && head.estimateG > ceiling) {
    outcome = "inconclusive";
    reason = `one run (${formatG(head.estimateG)} per unit) is above the ceiling of ${formatG(ceiling)}, but one run cannot show it beyond noise`;
  } else if (budget.fail !== null && head.lowerG > budget.fail) {
    outcome = "fail";
    reason = `the head's SCI (${range} per unit) is above the ceiling of ${formatG(budget.fail)}`;
  } else if (budget.warn !== null && head.lowerG > budget.warn) {
    outcome = "warn";
    reason = `the head's SCI (${range} per unit) is above the warning ceiling of ${formatG(budget.warn)}`;
  } else if (budget.fail !== null && head.estimateG > budget.fail) {
    outcome = "warn";
    reason = `the head's SCI estimate (${formatG(head.estimateG)}) is above the ceiling of ${formatG(budget.fail)}, but its interval reaches below it`;
  } else if (head.upperG <= ceiling) {
    outcome = "pass";
    reason = `the head's SCI (${range} per unit) is under the ceiling of ${formatG((budget.fail ?? budget.warn)!)}`;
  } else {
    outcome = "inconclusive";
    reason = `the head's SCI (${range} per unit) straddles the ceiling of ${formatG((budget.fail ?? budget.warn)!)}`;
  }
  if (!enforce && outcome === "fail") {
    outcome = "warn";
    reason += " (enforce: false, so reported as a warning)";
  }
  return { kind: "absolute", budgetIndex: budget.budgetIndex, warnAt: budget.warn, failAt: budget.fail, enforced: enforce, outcome, reason, pairsToResolve: null };
}

/** t interval of a log-scale mean, for one side's absolute figure. */
export function computeLogMeanInterval(logs: readonly number[], confidence: number): { estimate: number; lower: number; upper: number } {
  const n = logs.length;
  const mean = logs.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { estimate: mean, lower: mean, upper: mean };
  const sd = Math.sqrt(logs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const half = (computeStudentTQuantile((1 + confidence) / 2, n - 1) * sd) / Math.sqrt(n);
  return { estimate: mean, lower: mean - half, upper: mean + half };
}
