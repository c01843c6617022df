import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeNormalCdf, computeNormalQuantile } from "./normal.js";
import { computeStudentTCdf, computeStudentTPdf, computeStudentTQuantile } from "./student-t.js";

const expectRelative = (actual: number, expected: number, tolerance = 1e-10) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.abs(expected));

describe("Student t distribution", () => {
  it("matches the printed table of two-sided critical values", () => {
    // Six-decimal table values (e.g. Hogg & Tanis, Table VI).
    expect(computeStudentTQuantile(0.975, 1)).toBeCloseTo(12.706205, 6);
    expect(computeStudentTQuantile(0.975, 4)).toBeCloseTo(2.776445, 6);
    expect(computeStudentTQuantile(0.975, 9)).toBeCloseTo(2.262157, 6);
    expect(computeStudentTQuantile(0.975, 30)).toBeCloseTo(2.042272, 6);
    expect(computeStudentTQuantile(0.995, 2)).toBeCloseTo(9.924843, 6);
    expect(computeStudentTQuantile(0.9, 9)).toBeCloseTo(1.383029, 6);
    expect(computeStudentTQuantile(0.999, 3)).toBeCloseTo(10.214532, 6);
  });

  it("matches full-precision quantiles, including fractional (Welch) df", () => {
    // Reference values from SciPy 1.17 stats.t.ppf.
    expectRelative(computeStudentTQuantile(0.975, 4), 2.7764451051977934);
    expectRelative(computeStudentTQuantile(0.975, 9), 2.262157162798205);
    expectRelative(computeStudentTQuantile(0.975, 5.5), 2.501858617589239);
    expectRelative(computeStudentTQuantile(0.95, 1.5), 3.70518082009675);
    expectRelative(computeStudentTQuantile(0.975, 484 / 137), 2.9274053061524556);
  });

  it("matches closed forms for df 1 (Cauchy) and 2, and the normal for huge df", () => {
    for (const t of [-50, -2, -0.3, 0, 1, 7]) {
      expect(computeStudentTCdf(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 15);
      expect(computeStudentTCdf(t, 2)).toBeCloseTo(0.5 + t / (2 * Math.sqrt(2 + t * t)), 15);
      expect(computeStudentTCdf(t, 1e8)).toBeCloseTo(computeNormalCdf(t), 8);
    }
    // Deep lower tail of the Cauchy: F(t) = atan(1/|t|)/π, with relative accuracy.
    expectRelative(computeStudentTCdf(-1e6, 1), Math.atan(1e-6) / Math.PI, 1e-13);
    expect(computeStudentTQuantile(0.975, Number.POSITIVE_INFINITY)).toBe(computeNormalQuantile(0.975));
    expect(computeStudentTQuantile(0.975, 1e9)).toBeCloseTo(1.959963984540054, 8);
  });

  it("matches reference CDF values, tails included", () => {
    // SciPy 1.17 stats.t.cdf.
    expectRelative(computeStudentTCdf(-2.5, 7), 0.020496109292876444);
    expectRelative(computeStudentTCdf(1.3, 2.7), 0.8532736781480773);
    expectRelative(computeStudentTCdf(-40, 3), 1.7190340394579253e-5);
    expect(computeStudentTCdf(2.262157162798205, 9)).toBeCloseTo(0.975, 14);
  });

  it("integrates to its CDF (density check by the trapezoid rule)", () => {
    const df = 3.7;
    let area = 0;
    const step = 1e-3;
    for (let t = -1; t < 1.5 - step / 2; t += step) {
      area += (step * (computeStudentTPdf(t, df) + computeStudentTPdf(t + step, df))) / 2;
    }
    expect(area).toBeCloseTo(computeStudentTCdf(1.5, df) - computeStudentTCdf(-1, df), 7);
  });

  // Monotone up to rounding: two probabilities one ulp apart may give quantiles that differ by
  // an ulp in the wrong order, which no root finder on a floating-point CDF can exclude.
  it("is monotone in p and inverts its CDF for any df ≥ 1", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-9, max: 1 - 1e-9, noNaN: true }),
        fc.double({ min: 1e-9, max: 1 - 1e-9, noNaN: true }),
        fc.double({ min: 1, max: 500, noNaN: true }),
        (p1, p2, df) => {
          const [lo, hi] = p1 < p2 ? [p1, p2] : [p2, p1];
          const tLo = computeStudentTQuantile(lo, df);
          const tHi = computeStudentTQuantile(hi, df);
          expect(tLo).toBeLessThanOrEqual(tHi + 1e-13 * Math.max(Math.abs(tLo), Math.abs(tHi)));
          const t = computeStudentTQuantile(p1, df);
          const tail = Math.min(p1, 1 - p1);
          expect(Math.abs(computeStudentTCdf(t, df) - p1)).toBeLessThanOrEqual(1e-12 * Math.max(tail, 1e-4));
        },
      ),
    );
  });

  it("rejects df ≤ 0", () => {
    expect(() => computeStudentTQuantile(0.975, 0)).toThrow(expect.objectContaining({ code: "invalid-argument" }));
  });
});
