import { describe, expect, it } from "vitest";
import { energyFromUtilisation } from "./utilisation-energy.js";

// A linear model, 2 W idle to 10 W busy, so expected values can be worked by hand.
const linearW = (util: number) => 2 + 8 * util;

describe("energyFromUtilisation", () => {
  it("applies each sample's utilisation to the interval before it", () => {
    // [0,1] at 50% → 6 W · 1 s; [1,3] at 100% → 10 W · 2 s; [3,3.5] at 0% → 2 W · 0.5 s.
    const result = energyFromUtilisation(
      [
        { tS: 0, util: 0.9 },
        { tS: 1, util: 0.5 },
        { tS: 3, util: 1 },
        { tS: 3.5, util: 0 },
      ],
      linearW,
    );
    expect(result.energyJ).toBeCloseTo(6 + 20 + 1, 10);
    expect(result.durationS).toBe(3.5);
    expect(result.meanPowerW).toBeCloseTo(27 / 3.5, 10);
  });

  it("clamps a tick overshoot to [0, 1] before calling the model", () => {
    const seen: number[] = [];
    energyFromUtilisation(
      [
        { tS: 0, util: 0 },
        { tS: 1, util: 1.02 },
        { tS: 2, util: -0.01 },
      ],
      (u) => {
        seen.push(u);
        return linearW(u);
      },
    );
    expect(seen).toEqual([1, 0]);
  });

  it("drops non-finite samples, letting the next sample cover their interval", () => {
    const result = energyFromUtilisation(
      [
        { tS: 0, util: 0 },
        { tS: 1, util: Number.NaN },
        { tS: 2, util: 1 },
      ],
      linearW,
    );
    expect(result.droppedSamples).toBe(1);
    expect(result.energyJ).toBeCloseTo(20, 10);
  });

  it("is zero with no interval", () => {
    expect(energyFromUtilisation([], linearW)).toEqual({ energyJ: 0, durationS: 0, meanPowerW: null, droppedSamples: 0 });
    expect(energyFromUtilisation([{ tS: 5, util: 1 }], linearW).energyJ).toBe(0);
  });
});
