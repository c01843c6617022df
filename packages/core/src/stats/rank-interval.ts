import { computeNormalCdf, computeNormalQuantile } from "./normal.js";

/**
 * Shared machinery of the rank-based intervals (Wilcoxon signed-rank and Mann–Whitney). Both
 * invert their test the same way (Hollander & Wolfe, §3.3 and §4.3; Bauer 1972): with the M
 * estimates (Walsh averages or pairwise differences) sorted, [E(k), E(M + 1 − k)] covers the
 * true shift with probability 1 − 2·P(S ≤ k − 1), S being the null rank statistic.
 */

/** Critical rank k and the coverage 1 − 2·P(S ≤ k − 1) it attains. */
export type CriticalRank = { k: number; achievedConfidence: number };

// P(S ≤ k − 1) equal to α/2 up to rounding counts as meeting the request: 0.9375 is attainable
// with 5 pairs and must not be refused because 1 − 0.9375 was computed in floating point.
const RELATIVE_TOLERANCE = 1e-9;

/**
 * The largest k ≥ 1 whose coverage is still ≥ the requested confidence, i.e. the shortest
 * interval meeting the request, from the exact null distribution of S (pmf indexed by S).
 * null when even k = 1 (the widest interval, from the extreme estimates) falls short.
 * R's `wilcox.test` makes the same choice except when the coverage equals the request exactly,
 * where R takes the next wider interval.
 */
export function selectExactCriticalRank(pmf: readonly number[], confidence: number): CriticalRank | null {
  const halfAlpha = ((1 - confidence) / 2) * (1 + RELATIVE_TOLERANCE);
  // Invariant: lowerTail = P(S ≤ k − 1) ≤ α/2; k grows while the next tail still fits.
  let lowerTail = 0;
  let k = 0;
  for (let q = 0; q < pmf.length; q++) {
    const next = lowerTail + pmf[q]!;
    if (next > halfAlpha) break;
    lowerTail = next;
    k = q + 1;
  }
  if (k === 0) return null;
  return { k, achievedConfidence: 1 - 2 * lowerTail };
}

/**
 * The same choice under the normal approximation of S (mean μ, variance σ²) with a
 * continuity correction, P(S ≤ q) ≈ Φ((q + ½ − μ)/σ); for samples too large to tabulate.
 */
export function selectNormalCriticalRank(mean: number, variance: number, confidence: number): CriticalRank | null {
  const sd = Math.sqrt(variance);
  const zLow = computeNormalQuantile((1 - confidence) / 2);
  // Largest q with (q + ½ − μ)/σ ≤ z_{α/2}, then k = q + 1.
  const k = Math.floor(mean - 0.5 + sd * zLow) + 1;
  if (k < 1) return null;
  return { k, achievedConfidence: 1 - 2 * computeNormalCdf((k - 1 + 0.5 - mean) / sd) };
}

/** The interval [E(k), E(M + 1 − k)] from estimates sorted ascending (1-based k). */
export function selectOrderedBounds(sorted: readonly number[], k: number): { lower: number; upper: number } {
  return { lower: sorted[k - 1]!, upper: sorted[sorted.length - k]! };
}
