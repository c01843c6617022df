import { computeMedianOfSorted, sortAscending } from "./descriptive.js";
import { assertFiniteValues, assertOpenUnitInterval, StatsInputError } from "./errors.js";
import { selectExactCriticalRank, selectNormalCriticalRank, selectOrderedBounds } from "./rank-interval.js";
import { DEFAULT_CONFIDENCE } from "./t-interval.js";

/**
 * The exact Mann–Whitney distribution is tabulated while nX·nY ≤ this (e.g. 70 per side, or
 * 5 against 1000); the table costs ~(nX·nY)²/4 additions. Larger samples use the normal
 * approximation, which is accurate there (both sides well above ~50).
 */
export const EXACT_RANK_SUM_MAX_PRODUCT = 5000;

/**
 * Exact null distribution of the Mann–Whitney statistic U = #{(i, j): xᵢ > yⱼ} for samples of
 * sizes m and n: entry u is P(U = u), u = 0 … m·n. Recurrence on where the largest observation
 * came from: P_{m,n}(u) = m/(m+n)·P_{m−1,n}(u − n) + n/(m+n)·P_{m,n−1}(u).
 */
export function computeRankSumPmf(m: number, n: number): number[] {
  for (const [name, size] of [
    ["m", m],
    ["n", n],
  ] as const) {
    if (!Number.isInteger(size) || size < 0) {
      throw new StatsInputError("invalid-argument", `${name} is ${size}; expected a non-negative integer`);
    }
  }
  // U's distribution is symmetric in (m, n); iterating the smaller size innermost keeps the
  // rows of tables small.
  const outer = Math.max(m, n);
  const inner = Math.min(m, n);
  // row[j] holds P_{i,j} for the current i; P_{0,j} and P_{i,0} are the point mass at 0.
  let row: number[][] = Array.from({ length: inner + 1 }, () => [1]);
  for (let i = 1; i <= outer; i++) {
    const next: number[][] = [[1]];
    for (let j = 1; j <= inner; j++) {
      const fromOuter = row[j]!; // P_{i−1,j}, shifted by j
      const fromInner = next[j - 1]!; // P_{i,j−1}
      const weightOuter = i / (i + j);
      const weightInner = j / (i + j);
      const pmf = new Array<number>(i * j + 1).fill(0);
      for (let u = 0; u < fromOuter.length; u++) pmf[u + j]! += weightOuter * fromOuter[u]!;
      for (let u = 0; u < fromInner.length; u++) pmf[u]! += weightInner * fromInner[u]!;
      next.push(pmf);
    }
    row = next;
  }
  return row[inner]!;
}

/** All nX·nY differences xᵢ − yⱼ, sorted ascending. */
export function computePairwiseDifferences(x: readonly number[], y: readonly number[]): number[] {
  assertFiniteValues(x, "x");
  assertFiniteValues(y, "y");
  const differences: number[] = [];
  for (const xi of x) for (const yj of y) differences.push(xi - yj);
  return sortAscending(differences);
}

/**
 * Hodges–Lehmann estimate of the shift between two independent samples: the median of all
 * differences xᵢ − yⱼ (for unpaired base and head runs, x = head and y = base log values).
 */
export function estimateHodgesLehmannShift(x: readonly number[], y: readonly number[]): number {
  if (x.length === 0 || y.length === 0) {
    throw new StatsInputError("empty-sample", "a shift needs at least one value on each side");
  }
  return computeMedianOfSorted(computePairwiseDifferences(x, y));
}

/** Hodges–Lehmann shift with its Mann–Whitney confidence interval. */
export type HodgesLehmannShiftInterval = {
  ok: true;
  /** "exact" while nX·nY ≤ EXACT_RANK_SUM_MAX_PRODUCT, then the normal approximation. */
  method: "exact" | "normal-approximation";
  nX: number;
  nY: number;
  /** Estimated shift of x relative to y. */
  estimate: number;
  lower: number;
  upper: number;
  requestedConfidence: number;
  achievedConfidence: number;
  /** k: the interval is [D(k), D(nX·nY + 1 − k)] of the sorted pairwise differences. */
  criticalRank: number;
};

/** Too few observations for any interval to reach the requested confidence. */
export type TooFewSamples = {
  ok: false;
  reason: "too-few-samples";
  nX: number;
  nY: number;
  requestedConfidence: number;
  /** The best coverage attainable, 1 − 2/C(nX + nY, nX). */
  maxConfidence: number;
  estimate: number | null;
};

/** C(m + n, m) as a float; only compared against 2/α, so float precision is plenty. */
function countArrangements(m: number, n: number): number {
  let count = 1;
  for (let i = 1; i <= Math.min(m, n); i++) count = (count * (Math.max(m, n) + i)) / i;
  return count;
}

/**
 * Distribution-free interval for the shift between two independent samples (Hollander &
 * Wolfe §4.3): the shortest [D(k), D(nX·nY + 1 − k)] whose coverage is ≥ the request. Assumes
 * the two distributions differ only by the shift and have no ties. Exact for small samples,
 * normal approximation (with continuity correction, without tie correction) for large ones.
 */
export function computeHodgesLehmannShiftInterval(
  x: readonly number[],
  y: readonly number[],
  confidence: number = DEFAULT_CONFIDENCE,
): HodgesLehmannShiftInterval | TooFewSamples {
  assertOpenUnitInterval(confidence, "confidence");
  const nX = x.length;
  const nY = y.length;
  const differences = computePairwiseDifferences(x, y);
  const estimate = differences.length === 0 ? null : computeMedianOfSorted(differences);
  const product = nX * nY;
  const exact = product <= EXACT_RANK_SUM_MAX_PRODUCT;
  const critical =
    product === 0
      ? null
      : exact
        ? selectExactCriticalRank(computeRankSumPmf(nX, nY), confidence)
        : selectNormalCriticalRank(product / 2, (product * (nX + nY + 1)) / 12, confidence);
  if (critical === null || estimate === null) {
    const maxConfidence = product === 0 ? 0 : Math.max(0, 1 - 2 / countArrangements(nX, nY));
    return { ok: false, reason: "too-few-samples", nX, nY, requestedConfidence: confidence, maxConfidence, estimate };
  }
  return {
    ok: true,
    method: exact ? "exact" : "normal-approximation",
    nX,
    nY,
    estimate,
    ...selectOrderedBounds(differences, critical.k),
    requestedConfidence: confidence,
    achievedConfidence: critical.achievedConfidence,
    criticalRank: critical.k,
  };
}
