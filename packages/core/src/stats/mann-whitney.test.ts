import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  computeHodgesLehmannShiftInterval,
  computePairwiseDifferences,
  computeRankSumPmf,
  estimateHodgesLehmannShift,
  type HodgesLehmannShiftInterval,
} from "./mann-whitney.js";
import { selectExactCriticalRank, selectNormalCriticalRank } from "./rank-interval.js";
import { createRng } from "./rng.js";

// −0 and +0 are the same estimate; which one comes out depends on the order of equal values.
const withoutSign = (x: number) => x + 0;

function expectOk(result: ReturnType<typeof computeHodgesLehmannShiftInterval>): HodgesLehmannShiftInterval {
  if (!result.ok) throw new Error(`expected an interval, got ${result.reason}`);
  return result;
}

describe("computeRankSumPmf", () => {
  it("counts the orderings of two small samples by U, as enumerated by hand", () => {
    // m = n = 2, x positions in the sorted pooled sample: xxyy U=0, xyxy 1, xyyx 2, yxxy 2,
    // yxyx 3, yyxx 4 → counts 1, 1, 2, 1, 1 of C(4, 2) = 6.
    expect(computeRankSumPmf(2, 2).map((p) => Math.round(p * 6 * 1e9) / 1e9)).toEqual([1, 1, 2, 1, 1]);
    // m = 3, n = 2: partitions of u into ≤ 3 parts each ≤ 2 → 1, 1, 2, 2, 2, 1, 1 of 10.
    expect(computeRankSumPmf(3, 2).map((p) => Math.round(p * 10 * 1e9) / 1e9)).toEqual([1, 1, 2, 2, 2, 1, 1]);
    expect(computeRankSumPmf(2, 3)).toEqual(computeRankSumPmf(3, 2));
  });

  it("sums to one with the textbook mean and variance", () => {
    const [m, n] = [30, 12];
    const pmf = computeRankSumPmf(m, n);
    const mean = pmf.reduce((a, p, u) => a + p * u, 0);
    const variance = pmf.reduce((a, p, u) => a + p * (u - mean) ** 2, 0);
    expect(pmf.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(mean).toBeCloseTo((m * n) / 2, 9);
    expect(variance).toBeCloseTo((m * n * (m + n + 1)) / 12, 7);
  });
});

describe("Hodges–Lehmann shift", () => {
  it("is the median of the pairwise differences, worked by hand", () => {
    // x = 5, 7; y = 1, 2, 4: differences 4, 3, 1, 6, 5, 3 → 1, 3, 3, 4, 5, 6 → (3 + 4)/2.
    expect(computePairwiseDifferences([5, 7], [1, 2, 4])).toEqual([1, 3, 3, 4, 5, 6]);
    expect(estimateHodgesLehmannShift([5, 7], [1, 2, 4])).toBe(3.5);
    expect(() => estimateHodgesLehmannShift([], [1])).toThrow(expect.objectContaining({ code: "empty-sample" }));
  });
});

describe("computeHodgesLehmannShiftInterval", () => {
  it("matches R's wilcox.test(x, y, conf.int = TRUE) for 5 against 5, derived by hand", () => {
    // Orderings with U ≤ 2: 1 + 1 + 2 = 4; with U ≤ 3 add 3 → 7 (of C(10, 5) = 252).
    // α/2·252 = 6.3 → k − 1 = 2, k = 3 (R: qwilcox(0.025, 5, 5) = 3); coverage 1 − 8/252.
    // x = 10, 12, 15, 17, 21; y = 1, 4, 6, 9, 14. The 25 differences sorted:
    //   −4, −2, 1, 1, 3, 3, 4, 6, 6, 6, 7, 8, 8 (13th), 9, 9, 11, 11, 11, 12, 13, 14, 15, 16, 17, 20.
    // Interval [D(3), D(23)] = [1, 16]; estimate D(13) = 8.
    const result = computeHodgesLehmannShiftInterval([10, 12, 15, 17, 21], [1, 4, 6, 9, 14]);
    expect(result).toEqual({
      ok: true,
      method: "exact",
      nX: 5,
      nY: 5,
      estimate: 8,
      lower: 1,
      upper: 16,
      requestedConfidence: 0.95,
      achievedConfidence: 1 - 8 / 252,
      criticalRank: 3,
    });
  });

  it("refuses 95% with 3 against 3, naming the best coverage attainable", () => {
    // The widest interval misses with probability 2/C(6, 3) = 0.1.
    expect(computeHodgesLehmannShiftInterval([1, 2, 3], [4, 5, 6])).toMatchObject({
      ok: false,
      reason: "too-few-samples",
      maxConfidence: 0.9,
      estimate: -3,
    });
    expect(computeHodgesLehmannShiftInterval([], [1, 2])).toMatchObject({ ok: false, maxConfidence: 0, estimate: null });
  });

  it("uses the normal approximation for large samples, close to exact at the limit", () => {
    const exact = selectExactCriticalRank(computeRankSumPmf(70, 70), 0.95);
    const approximate = selectNormalCriticalRank(2450, (4900 * 141) / 12, 0.95);
    expect(Math.abs(exact!.k - approximate!.k)).toBeLessThanOrEqual(2);
    const rng = createRng("mann-whitney");
    const x = Array.from({ length: 80 }, () => 1 + rng.nextNormal());
    const y = Array.from({ length: 80 }, () => rng.nextNormal());
    const result = expectOk(computeHodgesLehmannShiftInterval(x, y));
    expect(result.method).toBe("normal-approximation");
    expect(result.lower).toBeLessThan(1);
    expect(result.upper).toBeGreaterThan(1);
  });

  it("mirrors when the samples are swapped and shifts with a constant", () => {
    const sample = fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 4, maxLength: 15 });
    fc.assert(
      fc.property(sample, sample, fc.double({ min: -1, max: 1, noNaN: true }), (x, y, shift) => {
        const forward = expectOk(computeHodgesLehmannShiftInterval(x, y));
        expect(forward.achievedConfidence).toBeGreaterThanOrEqual(0.95 - 1e-9);
        const backward = expectOk(computeHodgesLehmannShiftInterval(y, x));
        expect(withoutSign(backward.estimate)).toBe(withoutSign(-forward.estimate));
        expect(withoutSign(backward.lower)).toBe(withoutSign(-forward.upper));
        expect(withoutSign(backward.upper)).toBe(withoutSign(-forward.lower));
        const shifted = expectOk(computeHodgesLehmannShiftInterval(x.map((v) => v + shift), y));
        expect(shifted.lower).toBeCloseTo(forward.lower + shift, 12);
        expect(shifted.upper).toBeCloseTo(forward.upper + shift, 12);
      }),
    );
  });
});
