import { computeMedianOfSorted } from "./descriptive.js";
import { assertFiniteValues, assertNonEmpty, assertOpenUnitInterval, StatsInputError } from "./errors.js";
import { selectOrderStatistic } from "./order-statistic.js";
import { type CriticalRank, selectExactCriticalRank, selectNormalCriticalRank } from "./rank-interval.js";
import { DEFAULT_CONFIDENCE } from "./t-interval.js";

/**
 * Up to this many pairs the signed-rank distribution is tabulated exactly (O(n³/6) additions,
 * ~11 M at 400, a few milliseconds); beyond, the normal approximation is already excellent.
 */
export const EXACT_SIGNED_RANK_MAX_PAIRS = 400;

/**
 * Exact null distribution of the Wilcoxon signed-rank statistic T⁺ (sum of the ranks of the
 * positive differences) for n pairs: entry w is P(T⁺ = w), w = 0 … n(n+1)/2, i.e. the number of
 * subsets of {1, …, n} with sum w divided by 2ⁿ. Built by the subset-sum recurrence
 * P_k(w) = ½·P_{k−1}(w) + ½·P_{k−1}(w − k), carried in probabilities so nothing overflows;
 * values are exact in binary while the counts stay below 2⁵³ (n ≲ 60), and within ~1e-14 after.
 */
export function computeSignedRankPmf(n: number): number[] {
  if (!Number.isInteger(n) || n < 0) {
    throw new StatsInputError("invalid-argument", `n is ${n}; expected a non-negative integer`);
  }
  let pmf = [1];
  for (let k = 1; k <= n; k++) {
    const next = new Array<number>(pmf.length + k).fill(0);
    for (let w = 0; w < pmf.length; w++) {
      const half = pmf[w]! / 2;
      next[w]! += half;
      next[w + k]! += half;
    }
    pmf = next;
  }
  return pmf;
}

/** The n(n+1)/2 Walsh averages (dᵢ + dⱼ)/2, i ≤ j, unsorted. */
function buildWalshAverages(values: readonly number[]): Float64Array {
  const n = values.length;
  const averages = new Float64Array((n * (n + 1)) / 2);
  let next = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) averages[next++] = (values[i]! + values[j]!) / 2;
  }
  return averages;
}

/** All n(n+1)/2 Walsh averages (dᵢ + dⱼ)/2, i ≤ j, sorted ascending. */
export function computeWalshAverages(values: readonly number[]): number[] {
  assertFiniteValues(values, "values");
  return Array.from(buildWalshAverages(values).sort());
}

/**
 * Hodges–Lehmann estimate of the centre of a symmetric distribution: the median of the Walsh
 * averages. Robust to a stray run (breakdown 29%) yet nearly as efficient as the mean.
 */
export function estimateHodgesLehmann(values: readonly number[]): number {
  assertNonEmpty(values, "values");
  return computeMedianOfSorted(computeWalshAverages(values));
}

/**
 * The critical rank depends only on n and the confidence, and tabulating the distribution is
 * O(n³): remembered, so a simulation of thousands of comparisons tabulates each n once.
 */
const criticalRanks = new Map<string, CriticalRank | null>();
const maxCriticalRanks = 1024;

function selectSignedRankCriticalRank(n: number, confidence: number): CriticalRank | null {
  const key = `${n}/${confidence}`;
  const known = criticalRanks.get(key);
  if (known !== undefined) return known;
  const critical =
    n <= EXACT_SIGNED_RANK_MAX_PAIRS
      ? selectExactCriticalRank(computeSignedRankPmf(n), confidence)
      : selectNormalCriticalRank((n * (n + 1)) / 4, (n * (n + 1) * (2 * n + 1)) / 24, confidence);
  if (criticalRanks.size >= maxCriticalRanks) criticalRanks.clear();
  criticalRanks.set(key, critical);
  return critical;
}

/** Hodges–Lehmann estimate with its Wilcoxon signed-rank confidence interval. */
export type HodgesLehmannInterval = {
  ok: true;
  /** "exact" up to EXACT_SIGNED_RANK_MAX_PAIRS pairs, then the normal approximation. */
  method: "exact" | "normal-approximation";
  n: number;
  estimate: number;
  lower: number;
  upper: number;
  requestedConfidence: number;
  /** Coverage actually attained, ≥ requested (the statistic is discrete). */
  achievedConfidence: number;
  /** k: the interval is [W(k), W(M + 1 − k)] of the M = n(n+1)/2 sorted Walsh averages. */
  criticalRank: number;
};

/** Too few pairs for any interval to reach the requested confidence. */
export type TooFewPairs = {
  ok: false;
  reason: "too-few-pairs";
  n: number;
  requestedConfidence: number;
  /** The best coverage n pairs can give, 1 − 2/2ⁿ (0.9375 for 5 pairs). */
  maxConfidence: number;
  /** The point estimate is still reported when there is at least one pair. */
  estimate: number | null;
};

/**
 * Exact distribution-free interval for the centre of symmetric paired differences (Bauer 1972;
 * Hollander & Wolfe §3.3): the shortest [W(k), W(M + 1 − k)] whose coverage is ≥ the request.
 * Assumes continuous data (no ties among |dᵢ|, no zeros); with ties the stated coverage is
 * approximate. 95% needs at least 6 pairs.
 */
export function computeHodgesLehmannInterval(
  values: readonly number[],
  confidence: number = DEFAULT_CONFIDENCE,
): HodgesLehmannInterval | TooFewPairs {
  assertOpenUnitInterval(confidence, "confidence");
  assertFiniteValues(values, "values");
  const n = values.length;
  const walsh = buildWalshAverages(values);
  const m = walsh.length;
  // Order statistics by selection: the same values a full sort would give, in O(M).
  const estimate = n === 0 ? null : (selectOrderStatistic(walsh, Math.floor((m - 1) / 2)) + selectOrderStatistic(walsh, Math.ceil((m - 1) / 2))) / 2;
  const exact = n <= EXACT_SIGNED_RANK_MAX_PAIRS;
  const critical = selectSignedRankCriticalRank(n, confidence);
  if (critical === null || estimate === null) {
    const maxConfidence = Math.max(0, 1 - 2 / 2 ** n);
    return { ok: false, reason: "too-few-pairs", n, requestedConfidence: confidence, maxConfidence, estimate };
  }
  const lower = selectOrderStatistic(walsh, critical.k - 1);
  const upper = selectOrderStatistic(walsh, m - critical.k);
  return {
    ok: true,
    method: exact ? "exact" : "normal-approximation",
    n,
    estimate,
    lower,
    upper,
    requestedConfidence: confidence,
    achievedConfidence: critical.achievedConfidence,
    criticalRank: critical.k,
  };
}
