import { describe, expect, it } from "vitest";
import {
  computeDetectableIncrease,
  computeDetectionProbability,
  computeIntervalHalfWidth,
  computeRequiredPairs,
} from "./power.js";
import { createRng } from "./rng.js";
import { computeStudentTQuantile } from "./student-t.js";
import { computeTInterval } from "./t-interval.js";

describe("computeIntervalHalfWidth", () => {
  it("is t·σ/√n, worked by hand", () => {
    // σ = 0.02, n = 5: 2.776445·0.02/√5 = 0.0248333.
    expect(computeIntervalHalfWidth(0.02, 5)).toBeCloseTo(0.02483327996407528, 12);
    expect(computeIntervalHalfWidth(0.02, 5, 0.9)).toBeCloseTo((2.131847 * 0.02) / Math.sqrt(5), 7);
    expect(() => computeIntervalHalfWidth(0.02, 1)).toThrow(expect.objectContaining({ code: "invalid-argument" }));
  });
});

describe("computeDetectionProbability", () => {
  it("is α/2 for a change exactly at the budget (the false-fail rate at the boundary)", () => {
    expect(computeDetectionProbability({ sdLogRatio: 0.02, pairs: 10, budgetIncrease: 0.05, trueIncrease: 0.05 })).toBeCloseTo(0.025, 10);
  });

  it("is certain or impossible without noise", () => {
    expect(computeDetectionProbability({ sdLogRatio: 0, pairs: 3, budgetIncrease: 0.05, trueIncrease: 0.06 })).toBe(1);
    expect(computeDetectionProbability({ sdLogRatio: 0, pairs: 3, budgetIncrease: 0.05, trueIncrease: 0.05 })).toBe(0);
  });
});

describe("computeDetectableIncrease", () => {
  it("approaches the closed form ln(1+T) + h + t_{0.9}·σ/√n for many pairs", () => {
    const [sd, pairs, budget] = [0.02, 100, 0.05];
    const closedForm =
      Math.log1p(budget) + computeIntervalHalfWidth(sd, pairs) + (computeStudentTQuantile(0.9, pairs - 1) * sd) / Math.sqrt(pairs);
    const result = computeDetectableIncrease({ sdLogRatio: sd, pairs, budgetIncrease: budget });
    // The closed form's ncp is 3.2739 vs exact 3.2733 at n = 100 (SciPy nct).
    expect(result.logRatio).toBeCloseTo(closedForm, 4);
    expect(result.increase).toBeCloseTo(Math.expm1(result.logRatio), 15);
    expect(result.halfWidth).toBeCloseTo(computeIntervalHalfWidth(sd, pairs), 15);
  });

  it("needs more than the closed form at 3 pairs (ncp 6.7956 vs 6.1884)", () => {
    const result = computeDetectableIncrease({ sdLogRatio: 0.02, pairs: 3, budgetIncrease: 0.05 });
    expect(result.logRatio).toBeCloseTo(Math.log1p(0.05) + (6.795612156884926 * 0.02) / Math.sqrt(3), 9);
  });

  it("is detected 90% of the time in a simulation of the gate's rule", () => {
    const [sd, pairs, budget] = [0.03, 6, 0.05];
    const { logRatio } = computeDetectableIncrease({ sdLogRatio: sd, pairs, budgetIncrease: budget });
    const rng = createRng("power-simulation");
    const runs = 4000;
    let fails = 0;
    for (let run = 0; run < runs; run++) {
      const ratios = Array.from({ length: pairs }, () => logRatio + sd * rng.nextNormal());
      const interval = computeTInterval(ratios);
      if (interval.ok && interval.lower > Math.log1p(budget)) fails++;
    }
    // sd of the simulated rate is √(0.9·0.1/4000) = 0.0047.
    expect(Math.abs(fails / runs - 0.9)).toBeLessThan(0.02);
  });
});

describe("computeRequiredPairs", () => {
  it("returns the smallest n whose detection probability reaches the power", () => {
    const inputs = { sdLogRatio: 0.03, budgetIncrease: 0.05, trueIncrease: 0.1 };
    const result = computeRequiredPairs(inputs);
    if (!result.ok) throw new Error(`expected a number of pairs, got ${result.reason}`);
    expect(result.detectionProbability).toBeGreaterThanOrEqual(0.9);
    expect(computeDetectionProbability({ ...inputs, pairs: result.pairs - 1 })).toBeLessThan(0.9);
    // Consistent with the detectable increase at that n and the one before.
    const trueLog = Math.log1p(0.1);
    expect(computeDetectableIncrease({ ...inputs, pairs: result.pairs }).logRatio).toBeLessThanOrEqual(trueLog);
    expect(computeDetectableIncrease({ ...inputs, pairs: result.pairs - 1 }).logRatio).toBeGreaterThan(trueLog);
  });

  it("says when the change is within budget or needs more than maxPairs", () => {
    expect(computeRequiredPairs({ sdLogRatio: 0.03, budgetIncrease: 0.05, trueIncrease: 0.05 })).toEqual({ ok: false, reason: "within-budget" });
    const result = computeRequiredPairs({ sdLogRatio: 0.2, budgetIncrease: 0.05, trueIncrease: 0.051, maxPairs: 50 });
    expect(result).toMatchObject({ ok: false, reason: "beyond-max-pairs", maxPairs: 50 });
  });

  it("needs 2 pairs when the increase dwarfs the noise", () => {
    expect(computeRequiredPairs({ sdLogRatio: 1e-4, budgetIncrease: 0.05, trueIncrease: 0.5 })).toMatchObject({ ok: true, pairs: 2 });
  });
});
