import { formatChangeRange } from "./format-change.js";
import { estimatePairsToResolveVerdict, type IntervalNow } from "./pairs-to-resolve.js";
import type { BudgetVerdict, ChangeEstimate } from "./types.js";
import { decideRelative, describePairsToResolve } from "./verdict.js";

export interface RelativeRule {
  budget: { warn: number | null; fail: number | null; budgetIndex: number };
  enforce: boolean;
  /** compare.minPairs: with fewer pairs a change can warn but never fail the build. */
  minPairs: number;
}

export interface DecideOptions {
  /** Say how many pairs would resolve an inconclusive verdict (default true; a simulation skips it). */
  pairsToResolve?: boolean;
}

const pctRange = (interval: { lower: number; upper: number }) => formatChangeRange(Math.expm1(interval.lower) * 100, Math.expm1(interval.upper) * 100);

/**
 * The whole decision on a relative budget, exactly as compare makes it and calibrate simulates
 * it: the t interval's verdict (decideRelative); from 6 pairs the Hodges–Lehmann estimate with its
 * exact Wilcoxon interval as a check, a disagreement on the verdict making it inconclusive;
 * fewer pairs than compare.minPairs cap a fail at warn. An inconclusive verdict says how many
 * pairs would likely resolve it, disagreement included.
 */
export function decideRelativeChange(change: ChangeEstimate, rule: RelativeRule, options: DecideOptions = {}): BudgetVerdict {
  const verdict = decideRelative(change.logRatio, rule.budget, rule.enforce, null);
  const intervals: IntervalNow[] = [{ estimate: change.logRatio.estimate, outcome: verdict.outcome }];
  if (change.robust) {
    const robust = decideRelative(change.robust.logRatio, rule.budget, rule.enforce, null);
    if (robust.outcome !== verdict.outcome) {
      intervals.push({ estimate: change.robust.logRatio.estimate, outcome: robust.outcome });
      verdict.reason = `the t interval (${pctRange(change.logRatio)}) says ${verdict.outcome} but the Hodges–Lehmann/Wilcoxon interval (${pctRange(change.robust.logRatio)}) says ${robust.outcome}, so neither is trusted`;
      verdict.outcome = "inconclusive";
    }
  }
  if (verdict.outcome === "fail" && change.n < rule.minPairs) {
    verdict.outcome = "warn";
    verdict.reason += `; only ${change.n} pairs, fewer than compare.minPairs (${rule.minPairs}) needed to fail the build`;
  }
  if (verdict.outcome === "inconclusive" && options.pairsToResolve !== false && change.sdLog !== null && (rule.budget.fail ?? rule.budget.warn) !== null) {
    verdict.pairsToResolve = estimatePairsToResolveVerdict(intervals, change.n, change.sdLog, rule.budget, rule.enforce, change.logRatio.confidence);
    verdict.reason += describePairsToResolve(verdict.pairsToResolve);
  }
  return verdict;
}
