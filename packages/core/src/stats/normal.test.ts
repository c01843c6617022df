import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeNormalCdf, computeNormalQuantile } from "./normal.js";

const expectRelative = (actual: number, expected: number, tolerance = 1e-12) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.abs(expected));

describe("standard normal", () => {
  it("matches textbook quantiles", () => {
    expect(computeNormalQuantile(0.975)).toBeCloseTo(1.959964, 6);
    expectRelative(computeNormalQuantile(0.975), 1.959963984540054);
    expectRelative(computeNormalQuantile(0.995), 2.5758293035489004);
    expectRelative(computeNormalQuantile(0.9), 1.2815515655446004);
    expectRelative(computeNormalQuantile(1e-10), -6.361340902404056);
    expect(computeNormalQuantile(0.5)).toBe(0);
    expect(computeNormalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(computeNormalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
  });

  it("matches textbook CDF values, with relative accuracy deep in the lower tail", () => {
    expectRelative(computeNormalCdf(-1), 0.15865525393145707);
    expectRelative(computeNormalCdf(0.5), 0.6914624612740131);
    expectRelative(computeNormalCdf(-10), 7.61985302416047e-24);
    expectRelative(computeNormalCdf(-30), 4.906713927147908e-198, 1e-11);
    expect(computeNormalCdf(0)).toBe(0.5);
    expect(computeNormalCdf(1.959963984540054)).toBeCloseTo(0.975, 14);
  });

  it("inverts its own CDF and is symmetric", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }), (p) => {
        const x = computeNormalQuantile(p);
        expect(Math.abs(computeNormalCdf(x) - p)).toBeLessThanOrEqual(1e-13 * Math.max(p, 1e-3));
        // 1 − q is exact for q ≥ ½, so this compares the two tails at the very same probability.
        const q = 1 - p;
        expect(computeNormalQuantile(q)).toBe(-computeNormalQuantile(1 - q));
      }),
    );
  });

  it("rejects probabilities outside [0, 1]", () => {
    expect(() => computeNormalQuantile(1.5)).toThrow(expect.objectContaining({ code: "invalid-argument" }));
  });
});
