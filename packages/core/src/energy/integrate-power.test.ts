import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { integratePowerJ } from "./integrate-power.js";

describe("integratePowerJ", () => {
  it("matches a trapezoid worked by hand over irregular intervals", () => {
    // [0,1]: (100+200)/2·1 = 150 J; [1,1.5]: (200+200)/2·0.5 = 100 J; [1.5,3.5]: (200+0)/2·2 = 200 J.
    const result = integratePowerJ(
      [
        { tS: 0, powerW: 100 },
        { tS: 1, powerW: 200 },
        { tS: 1.5, powerW: 200 },
        { tS: 3.5, powerW: 0 },
      ],
      { gapThresholdS: 10 },
    );
    expect(result.energyJ).toBeCloseTo(450, 10);
    expect(result.coveredS).toBeCloseTo(3.5, 10);
    expect(result.gapS).toBe(0);
    expect(result.gaps).toEqual([]);
  });

  it("bridges a gap longer than 5× the median interval, and reports it", () => {
    const samples = [0, 0.1, 0.2, 0.3, 0.4, 2.4, 2.5].map((tS) => ({ tS, powerW: 50 }));
    const result = integratePowerJ(samples);
    expect(result.gapThresholdS).toBeCloseTo(0.5, 10);
    expect(result.energyJ).toBeCloseTo(50 * 2.5, 10);
    expect(result.gaps).toHaveLength(1);
    expect(result.gaps[0]).toMatchObject({ fromS: 0.4, toS: 2.4 });
    expect(result.gaps[0]!.durationS).toBeCloseTo(2, 10);
    expect(result.gaps[0]!.bridgedEnergyJ).toBeCloseTo(100, 10);
    expect(result.gapS).toBeCloseTo(2, 10);
    expect(result.coveredS).toBeCloseTo(0.5, 10);
  });

  it("does not call an ordinary interval a gap", () => {
    const samples = [0, 0.1, 0.25, 0.3, 0.42].map((tS) => ({ tS, powerW: 10 }));
    expect(integratePowerJ(samples).gaps).toEqual([]);
  });

  it("drops unusable samples and counts them instead of guessing", () => {
    const result = integratePowerJ([
      { tS: 0, powerW: 10 },
      { tS: 1, powerW: Number.NaN },
      { tS: 2, powerW: -5 },
      { tS: Number.POSITIVE_INFINITY, powerW: 3 },
      { tS: 2, powerW: 10 },
    ]);
    expect(result.droppedSamples).toBe(3);
    expect(result.sampleCount).toBe(2);
    expect(result.energyJ).toBeCloseTo(20, 10);
  });

  it("is zero with fewer than two samples", () => {
    expect(integratePowerJ([]).energyJ).toBe(0);
    expect(integratePowerJ([{ tS: 3, powerW: 99 }])).toMatchObject({ energyJ: 0, coveredS: 0, gapThresholdS: null });
  });

  it("does not depend on the order samples arrive in", () => {
    const samples = [
      { tS: 2, powerW: 30 },
      { tS: 0, powerW: 10 },
      { tS: 1, powerW: 20 },
    ];
    expect(integratePowerJ(samples).energyJ).toBeCloseTo(40, 10);
  });

  it("gives P × span for constant power, and covered + gap equals the span (property)", () => {
    fc.assert(
      fc.property(
        fc.float({ min: 0, max: 2000, noNaN: true }),
        fc.array(fc.float({ min: Math.fround(0.001), max: 10, noNaN: true }), { minLength: 1, maxLength: 60 }),
        (powerW, stepsS) => {
          let tS = 0;
          const samples = [{ tS, powerW }];
          for (const dt of stepsS) {
            tS += dt;
            samples.push({ tS, powerW });
          }
          const result = integratePowerJ(samples);
          expect(result.energyJ).toBeCloseTo(powerW * tS, 6);
          expect(result.coveredS + result.gapS).toBeCloseTo(tS, 9);
          expect(result.energyJ).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});
