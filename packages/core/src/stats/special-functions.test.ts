import { describe, expect, it } from "vitest";
import { computeIncompleteBeta, computeLogBeta, computeLogGamma, computeUpperIncompleteGamma } from "./special-functions.js";

const expectRelative = (actual: number, expected: number, tolerance = 1e-13) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.abs(expected));

describe("special functions", () => {
  it("matches known log-gamma values", () => {
    expectRelative(computeLogGamma(0.5), Math.log(Math.sqrt(Math.PI)));
    expectRelative(computeLogGamma(10), Math.log(362880)); // 9!
    expectRelative(computeLogGamma(100), 359.1342053695754); // ln 99!
    expectRelative(computeLogGamma(0.1), 2.2527126517342055); // reflection branch
    expect(Math.abs(computeLogGamma(1))).toBeLessThan(1e-14);
    expect(Math.abs(computeLogGamma(2))).toBeLessThan(1e-14);
  });

  it("joins the Stirling branch of log-beta smoothly", () => {
    for (const b of [0.5, 1, 3.5]) {
      const direct = computeLogGamma(20) + computeLogGamma(b) - computeLogGamma(20 + b);
      expectRelative(computeLogBeta(20, b), direct, 1e-13);
      expectRelative(computeLogBeta(b, 20), direct, 1e-13);
    }
    // Where ln Γ(a) − ln Γ(a + ½) would cancel to ~1e-9; reference from mpmath at 40 digits.
    expectRelative(computeLogBeta(1e6, 0.5), -6.335390211057437, 1e-14);
    expectRelative(computeLogBeta(20, 0.5), -0.919251844406604, 1e-14);
  });

  it("matches closed forms of the incomplete beta and gamma functions", () => {
    // I_x(1, 1) = x; I_x(2, 1) = x²; I_x(1, 3) = 1 − (1 − x)³.
    expectRelative(computeIncompleteBeta(1, 1, 0.3).lower, 0.3);
    expectRelative(computeIncompleteBeta(2, 1, 0.7).lower, 0.49);
    expectRelative(computeIncompleteBeta(1, 3, 0.2).lower, 1 - 0.8 ** 3);
    // Values from SciPy 1.17 special.betainc.
    expectRelative(computeIncompleteBeta(2.5, 0.5, 0.3).lower, 0.018927124071945658, 1e-12);
    expectRelative(computeIncompleteBeta(30, 0.5, 0.99).lower, 0.43933436890525074, 1e-12);
    // Q(1, x) = e^{−x}.
    expectRelative(computeUpperIncompleteGamma(1, 0.5), Math.exp(-0.5));
    expectRelative(computeUpperIncompleteGamma(1, 40), Math.exp(-40));
  });

  it("keeps the tiny tail exact when x is given with its complement", () => {
    // For t = 1e-9 and ν = 4: x = ν/(ν + t²) rounds to 1, yet 1 − x = t²/(ν + t²) is kept.
    const t2 = 1e-18;
    const { upper } = computeIncompleteBeta(2, 0.5, 4 / (4 + t2), t2 / (4 + t2));
    expect(upper).toBeGreaterThan(0);
    expect(upper).toBeLessThan(1e-8);
  });
});
