import { computeStudentTQuantile } from "../stats/student-t.js";
import { formatChangePct, formatChangeRange, formatThresholdPct } from "./format-change.js";
import { estimatePairsForMargin, estimatePairsToResolveVerdict, resolvePower } from "./pairs-to-resolve.js";
import type { BudgetVerdict, LogInterval, Outcome } from "./types.js";

export { formatChangePct, formatChangePctNumber, formatChangeRange, formatThresholdPct } from "./format-change.js";
export { estimatePairsForMargin, estimatePairsToResolveVerdict, type IntervalNow, maxResolvePairs, resolvePower } from "./pairs-to-resolve.js";

const pct = (logRatio: number) => Math.expm1(logRatio) * 100;

/**
 * Pairs likely needed (80 % power) for an interval of this spread to clear `thresholdLog` on the
 * side the estimate lies, if the estimate and the spread stay as measured. One threshold only:
 * decideRelative picks the crossing that settles its verdict first.
 */
export function estimatePairsToResolve(estimate: number, sdLog: number, thresholdLog: number, confidence: number): number | null {
  return estimatePairsForMargin(Math.abs(estimate - thresholdLog), sdLog, confidence, resolvePower);
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
  const ci = formatChangeRange(pct(interval.lower), pct(interval.upper));
  const failText = budget.fail === null ? null : formatThresholdPct(budget.fail);
  const warnText = budget.warn === null ? null : formatThresholdPct(budget.warn);
  let outcome: Outcome;
  let reason: string;
  if (failLog !== null && interval.lower > failLog) {
    outcome = "fail";
    reason = `the whole ${Math.round(interval.confidence * 100)}% interval (${ci}) is above the ${failText} budget`;
  } else if (warnLog !== null && interval.lower > warnLog) {
    outcome = "warn";
    reason = `the whole interval (${ci}) is above the ${warnText} warning level`;
  } else if (failLog !== null && interval.lower > 0 && interval.estimate > failLog) {
    outcome = "warn";
    reason = `an increase is certain and its estimate (${formatChangePct(pct(interval.estimate))}) is above the ${failText} budget, but the interval (${ci}) reaches below it`;
  } else if (passLog !== null && interval.upper <= passLog) {
    outcome = "pass";
    reason = `the whole interval (${ci}) is within the ${failText ?? warnText} budget`;
  } else {
    outcome = "inconclusive";
    reason = `the interval (${ci}) straddles the ${failText ?? warnText} budget`;
  }
  let pairsToResolve: number | null = null;
  if (outcome === "inconclusive" && passLog !== null && sdLog !== null) {
    pairsToResolve = estimatePairsToResolveVerdict([{ estimate: interval.estimate, outcome }], 1, sdLog, budget, enforce, interval.confidence);
    reason += describePairsToResolve(pairsToResolve);
  }
  if (!enforce && outcome === "fail") {
    outcome = "warn";
    reason += " (enforce: false, so reported as a warning)";
  }
  return { kind: "relative", budgetIndex: budget.budgetIndex, warnAt: budget.warn, failAt: budget.fail, enforced: enforce, outcome, reason, pairsToResolve };
}

/** The tail of an inconclusive reason: how many pairs would likely settle it. */
export function describePairsToResolve(pairs: number | null): string {
  return pairs === null ? "; more pairs would not resolve it at this noise" : `; about ${pairs} pairs would likely resolve it`;
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
