import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { selectExactCriticalRank, selectNormalCriticalRank } from "./rank-interval.js";
import { createRng } from "./rng.js";
import {
  computeHodgesLehmannInterval,
  computeSignedRankPmf,
  computeWalshAverages,
  estimateHodgesLehmann,
  type HodgesLehmannInterval,
} from "./wilcoxon.js";

// −0 and +0 are the same estimate; which one comes out depends on the order of equal values.
const withoutSign = (x: number) => x + 0;

function expectOk(result: ReturnType<typeof computeHodgesLehmannInterval>): HodgesLehmannInterval {
  if (!result.ok) throw new Error(`expected an interval, got ${result.reason}`);
  return result;
}

describe("computeSignedRankPmf", () => {
  it("counts the 32 subsets of {1, …, 5} by rank sum, as enumerated by hand", () => {
    // w: subsets with that sum
    // 0: {}   1: {1}   2: {2}   3: {3} {1,2}   4: {4} {1,3}   5: {5} {1,4} {2,3}
    // 6: {1,5} {2,4} {1,2,3}   7: {2,5} {3,4} {1,2,4}; w > 7 mirrors 15 − w (complements).
    const counts = computeSignedRankPmf(5).map((p) => p * 32);
    expect(counts).toEqual([1, 1, 1, 2, 2, 3, 3, 3, 3, 3, 3, 2, 2, 1, 1, 1]);
    // P(W ≤ 0) = 1/32, P(W ≤ 1) = 2/32, P(W ≤ 3) = 5/32.
    const pmf = computeSignedRankPmf(5);
    expect(pmf[0]).toBe(1 / 32);
    expect(pmf[0]! + pmf[1]!).toBe(2 / 32);
    expect(pmf.slice(0, 4).reduce((a, b) => a + b, 0)).toBe(5 / 32);
  });

  it("sums to one and has the textbook mean and variance for large n", () => {
    const n = 200;
    const pmf = computeSignedRankPmf(n);
    expect(pmf).toHaveLength((n * (n + 1)) / 2 + 1);
    const total = pmf.reduce((a, b) => a + b, 0);
    const mean = pmf.reduce((a, p, w) => a + p * w, 0);
    const variance = pmf.reduce((a, p, w) => a + p * (w - mean) ** 2, 0);
    expect(total).toBeCloseTo(1, 12);
    expect(mean / ((n * (n + 1)) / 4)).toBeCloseTo(1, 12);
    expect(variance / ((n * (n + 1) * (2 * n + 1)) / 24)).toBeCloseTo(1, 10);
  });
});

describe("Hodges–Lehmann estimate", () => {
  it("is the median of the Walsh averages, worked by hand", () => {
    // d = 1, 3, 8: Walsh averages 1, 2, 4.5, 3, 5.5, 8 → sorted 1, 2, 3, 4.5, 5.5, 8 → (3 + 4.5)/2.
    expect(computeWalshAverages([1, 3, 8])).toEqual([1, 2, 3, 4.5, 5.5, 8]);
    expect(estimateHodgesLehmann([1, 3, 8])).toBe(3.75);
    expect(estimateHodgesLehmann([0.2])).toBe(0.2);
  });
});

describe("computeHodgesLehmannInterval", () => {
  it("refuses 95% with 5 pairs, naming the best coverage attainable", () => {
    // The widest interval [W(1), W(15)] covers with probability 1 − 2·P(T⁺ ≤ 0) = 1 − 2/32.
    expect(computeHodgesLehmannInterval([0.1, 0.2, 0.3, 0.4, 0.5])).toEqual({
      ok: false,
      reason: "too-few-pairs",
      n: 5,
      requestedConfidence: 0.95,
      maxConfidence: 0.9375,
      estimate: 0.3,
    });
    expect(computeHodgesLehmannInterval([])).toMatchObject({ ok: false, maxConfidence: 0, estimate: null });
  });

  it("gives 5 pairs their widest interval when 90% or exactly 93.75% is asked", () => {
    for (const confidence of [0.9, 0.9375]) {
      const result = expectOk(computeHodgesLehmannInterval([5, 1, 4, 2, 3], confidence));
      expect(result).toMatchObject({ criticalRank: 1, achievedConfidence: 0.9375, lower: 1, upper: 5 });
    }
  });

  it("matches R's wilcox.test(d, conf.int = TRUE) for 8 pairs, derived by hand", () => {
    // d = −3, 1, 2, 4, 5, 7, 8, 11 (no ties among |d|, no zeros, so R takes its exact branch).
    // The 36 Walsh averages, sorted:
    //   −3, −1, −0.5, 0.5, 1, 1, 1.5, 2, 2, 2.5, 2.5, 3, 3, 3.5, 4, 4, 4, 4.5,
    //   4.5, 4.5, 5, 5, 5.5, 6, 6, 6, 6.5, 6.5, 7, 7.5, 7.5, 8, 8, 9, 9.5, 11.
    // Estimate: the 18th and 19th are both 4.5.
    // Subsets of {1..8} with sum ≤ 3: {}, {1}, {2}, {3}, {1,2} → 5; with sum ≤ 4 add {4}, {1,3} → 7.
    // α/2·256 = 6.4, so k − 1 = 3, k = 4 (R: qsignrank(0.025, 8) = 4), coverage 1 − 2·5/256.
    // Interval [W(4), W(33)] = [0.5, 8].
    const result = expectOk(computeHodgesLehmannInterval([-3, 1, 2, 4, 5, 7, 8, 11]));
    expect(result).toEqual({
      ok: true,
      method: "exact",
      n: 8,
      estimate: 4.5,
      lower: 0.5,
      upper: 8,
      requestedConfidence: 0.95,
      achievedConfidence: 1 - 10 / 256,
      criticalRank: 4,
    });
  });

  it("matches R for 10 pairs, derived by hand", () => {
    // Subsets of {1..10} with sum ≤ 8 are the partitions of 0..8 into distinct parts:
    // 1 + 1 + 1 + 2 + 2 + 3 + 4 + 5 + 6 = 25; with sum 9 add 8 more → 33.
    // α/2·1024 = 25.6 → k − 1 = 8, k = 9, coverage 1 − 50/1024 = 0.9511719 (R agrees).
    // d = −5, −1, 2, 3, 6, 7, 9, 12, 15, 20. Smallest Walsh averages:
    //   −5, −3, −1.5, −1, −1, 0.5, 0.5, 1, 1 (9th), 2 …
    // Largest: 20, 17.5, 16, 15, 14.5, 13.5, 13.5, 13, 12 (9th from the top), 12 …
    const result = expectOk(computeHodgesLehmannInterval([20, -5, 3, -1, 2, 9, 6, 12, 7, 15]));
    expect(result).toMatchObject({ lower: 1, upper: 12, criticalRank: 9, achievedConfidence: 1 - 50 / 1024, estimate: 7 });
  });

  it("covers the true centre about as often as it claims", () => {
    const rng = createRng("wilcoxon-coverage");
    const runs = 3000;
    let covered = 0;
    for (let run = 0; run < runs; run++) {
      const values = Array.from({ length: 8 }, () => 0.05 + 0.02 * rng.nextNormal());
      const result = expectOk(computeHodgesLehmannInterval(values));
      if (result.lower <= 0.05 && 0.05 <= result.upper) covered++;
    }
    // Claimed 0.9609; the sd of the estimate over 3000 runs is 0.0035.
    expect(Math.abs(covered / runs - (1 - 10 / 256))).toBeLessThan(0.014);
  });

  it("switches to the normal approximation beyond the exact limit, agreeing with it at the limit", () => {
    const n = 400;
    const exact = selectExactCriticalRank(computeSignedRankPmf(n), 0.95);
    const approximate = selectNormalCriticalRank((n * (n + 1)) / 4, (n * (n + 1) * (2 * n + 1)) / 24, 0.95);
    // k = 35567 exact vs 35565 approximate, out of 80200 Walsh averages; coverage 0.950005 vs 0.950034.
    expect(Math.abs(exact!.k - approximate!.k)).toBeLessThanOrEqual(2);
    expect(approximate!.achievedConfidence).toBeCloseTo(exact!.achievedConfidence, 4);
    const rng = createRng(5);
    const values = Array.from({ length: 450 }, () => rng.nextNormal());
    const result = expectOk(computeHodgesLehmannInterval(values));
    expect(result.method).toBe("normal-approximation");
    expect(result.achievedConfidence).toBeGreaterThanOrEqual(0.95);
    expect(result.lower).toBeLessThan(result.estimate);
    expect(result.upper).toBeGreaterThan(result.estimate);
  });

  it("mirrors under negation, shifts with a constant, and attains at least the request", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 6, maxLength: 40 }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.double({ min: 0.5, max: 0.96, noNaN: true }),
        (values, shift, confidence) => {
          const base = expectOk(computeHodgesLehmannInterval(values, confidence));
          // Equality up to rounding counts as attained (see rank-interval.ts).
          expect(base.achievedConfidence).toBeGreaterThanOrEqual(confidence - 1e-9);
          const negated = expectOk(computeHodgesLehmannInterval(values.map((v) => -v), confidence));
          expect(withoutSign(negated.estimate)).toBe(withoutSign(-base.estimate));
          expect(withoutSign(negated.lower)).toBe(withoutSign(-base.upper));
          expect(withoutSign(negated.upper)).toBe(withoutSign(-base.lower));
          const shifted = expectOk(computeHodgesLehmannInterval(values.map((v) => v + shift), confidence));
          expect(shifted.estimate).toBeCloseTo(base.estimate + shift, 12);
          expect(shifted.lower).toBeCloseTo(base.lower + shift, 12);
          expect(shifted.upper).toBeCloseTo(base.upper + shift, 12);
        },
      ),
    );
  });
});
