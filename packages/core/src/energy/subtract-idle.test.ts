import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { subtractIdle } from "./subtract-idle.js";

describe("subtractIdle", () => {
  it("splits a total into idle and active, keeping the total", () => {
    expect(subtractIdle({ energyJ: 500, durationS: 10, idlePowerW: 20 })).toEqual({
      totalEnergyJ: 500,
      activeEnergyJ: 300,
      idleEnergyJ: 200,
      idleExceededTotal: false,
    });
  });

  it("caps the idle part at the total and flags it, never going negative", () => {
    expect(subtractIdle({ energyJ: 100, durationS: 10, idlePowerW: 20 })).toEqual({
      totalEnergyJ: 100,
      activeEnergyJ: 0,
      idleEnergyJ: 100,
      idleExceededTotal: true,
    });
  });

  it("throws a RangeError on impossible inputs", () => {
    expect(() => subtractIdle({ energyJ: -1, durationS: 1, idlePowerW: 1 })).toThrow(RangeError);
    expect(() => subtractIdle({ energyJ: 1, durationS: Number.NaN, idlePowerW: 1 })).toThrow(/durationS/);
  });

  it("active + idle always equals the total, both non-negative (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e4, noNaN: true }),
        (energyJ, durationS, idlePowerW) => {
          const split = subtractIdle({ energyJ, durationS, idlePowerW });
          expect(split.activeEnergyJ).toBeGreaterThanOrEqual(0);
          expect(split.idleEnergyJ).toBeGreaterThanOrEqual(0);
          expect(split.totalEnergyJ).toBe(energyJ);
          expect(split.activeEnergyJ + split.idleEnergyJ).toBeCloseTo(energyJ, 6);
        },
      ),
    );
  });
});
