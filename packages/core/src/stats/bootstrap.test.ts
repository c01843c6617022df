import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type BootstrapInterval, computeBootstrapInterval, computeBootstrapMeanInterval } from "./bootstrap.js";
import { computeMedian } from "./descriptive.js";
import { createRng } from "./rng.js";
import { computeTInterval } from "./t-interval.js";

function expectOk(result: ReturnType<typeof computeBootstrapMeanInterval>): BootstrapInterval {
  if (!result.ok) throw new Error(`expected an interval, got ${result.reason}`);
  return result;
}

const LOG_RATIOS = [0.031, 0.012, 0.044, 0.027, 0.019, 0.038, 0.023, 0.05, 0.008, 0.029];

describe("computeBootstrapMeanInterval", () => {
  it("is deterministic given the seed, and changes with it", () => {
    const first = expectOk(computeBootstrapMeanInterval(LOG_RATIOS, { seed: 42 }));
    const again = expectOk(computeBootstrapMeanInterval(LOG_RATIOS, { seed: 42 }));
    const other = expectOk(computeBootstrapMeanInterval(LOG_RATIOS, { seed: 43 }));
    expect(again).toEqual(first);
    expect(other.lower).not.toBe(first.lower);
    // Without a seed the documented default seed is used, so the result is still reproducible.
    expect(computeBootstrapMeanInterval(LOG_RATIOS)).toEqual(computeBootstrapMeanInterval(LOG_RATIOS));
    expect(first).toMatchObject({ n: 10, resamples: 2000, confidence: 0.95, seed: 42 });
    expect(first.estimate).toBeCloseTo(0.0281, 12);
  });

  it("agrees with the t interval on a large normal sample", () => {
    const rng = createRng("bootstrap-vs-t");
    const values = Array.from({ length: 200 }, () => 0.03 + 0.02 * rng.nextNormal());
    const boot = expectOk(computeBootstrapMeanInterval(values, { seed: 1 }));
    const t = computeTInterval(values);
    if (!t.ok) throw new Error("expected a t interval");
    // Both half-widths are ≈ 0.0028; the percentile bootstrap is ~1% narrower (√((n−1)/n) and
    // z instead of t) plus resampling noise.
    expect(Math.abs(boot.lower - t.lower)).toBeLessThan(0.1 * t.halfWidth);
    expect(Math.abs(boot.upper - t.upper)).toBeLessThan(0.1 * t.halfWidth);
  });

  it("says there is not enough data below two values", () => {
    expect(computeBootstrapMeanInterval([0.1])).toEqual({ ok: false, reason: "not-enough-data", n: 1, minimum: 2 });
  });

  it("rejects a non-integer number of resamples and a non-finite statistic", () => {
    expect(() => computeBootstrapMeanInterval(LOG_RATIOS, { resamples: 1.5 })).toThrow(expect.objectContaining({ code: "invalid-argument" }));
    expect(() => computeBootstrapInterval(LOG_RATIOS, () => Number.NaN)).toThrow(expect.objectContaining({ code: "non-finite-value" }));
  });

  it("bootstraps any statistic, e.g. the median", () => {
    const result = computeBootstrapInterval(LOG_RATIOS, computeMedian, { resamples: 500, confidence: 0.9, seed: "median" });
    if (!result.ok) throw new Error("expected an interval");
    expect(result.estimate).toBe(0.028);
    expect(result.lower).toBeLessThanOrEqual(result.estimate);
    expect(result.upper).toBeGreaterThanOrEqual(result.estimate);
    expect(result.lower).toBeGreaterThanOrEqual(0.008);
    expect(result.upper).toBeLessThanOrEqual(0.05);
  });

  it("mirrors under negation and shifts with a constant (same seed)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 2, maxLength: 20 }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.integer(),
        (values, shift, seed) => {
          const options = { seed, resamples: 200 };
          const base = expectOk(computeBootstrapMeanInterval(values, options));
          const negated = expectOk(computeBootstrapMeanInterval(values.map((v) => -v), options));
          expect(negated.lower).toBeCloseTo(-base.upper, 12);
          expect(negated.upper).toBeCloseTo(-base.lower, 12);
          const shifted = expectOk(computeBootstrapMeanInterval(values.map((v) => v + shift), options));
          expect(shifted.lower).toBeCloseTo(base.lower + shift, 12);
          expect(shifted.upper).toBeCloseTo(base.upper + shift, 12);
        },
      ),
      { numRuns: 50 },
    );
  });
});
