import { describe, expect, it } from "vitest";
import {
  computeCoefficientOfVariation,
  computeMean,
  computeMedian,
  computeQuantile,
  computeSampleSd,
  sumValues,
} from "./descriptive.js";
import { StatsInputError } from "./errors.js";

describe("descriptive statistics", () => {
  it("computes mean, median and sample sd worked by hand", () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 40/8 = 5; squared deviations sum to 32; sd = √(32/7).
    const values = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(computeMean(values)).toBe(5);
    expect(computeMedian(values)).toBe(4.5);
    expect(computeSampleSd(values)).toBeCloseTo(Math.sqrt(32 / 7), 14);
    expect(computeMedian([3, 1, 2])).toBe(2);
  });

  it("computes the coefficient of variation", () => {
    // [9, 11]: mean 10, squared deviations 1 + 1 over n − 1 = 1 → sd = √2; cv = √2/10.
    expect(computeCoefficientOfVariation([9, 11])).toBeCloseTo(Math.SQRT2 / 10, 14);
    expect(() => computeCoefficientOfVariation([-1, 1])).toThrow(StatsInputError);
  });

  it("interpolates quantiles as R's type 7", () => {
    // h = (n − 1)p = 3·0.25 = 0.75 → 1 + 0.75·(2 − 1).
    expect(computeQuantile([4, 3, 2, 1], 0.25)).toBe(1.75);
    expect(computeQuantile([4, 3, 2, 1], 0)).toBe(1);
    expect(computeQuantile([4, 3, 2, 1], 1)).toBe(4);
    expect(computeQuantile([10, 20, 30, 40, 50], 0.9)).toBe(46);
  });

  it("keeps a compensated sum exact where naive summation drifts", () => {
    expect(sumValues([1e16, 1, -1e16])).toBe(1);
    expect(sumValues(Array.from({ length: 10 }, () => 0.1))).toBe(1);
  });

  it("rejects empty samples, NaN and out-of-range probabilities with typed errors", () => {
    expect(() => computeMean([])).toThrow(expect.objectContaining({ code: "empty-sample" }));
    expect(() => computeSampleSd([1])).toThrow(expect.objectContaining({ code: "empty-sample" }));
    expect(() => computeMean([1, Number.NaN])).toThrow(expect.objectContaining({ code: "non-finite-value" }));
    expect(() => computeQuantile([1, 2], 95)).toThrow(expect.objectContaining({ code: "invalid-argument" }));
  });
});
