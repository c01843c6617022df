import { describe, expect, it } from "vitest";
import { type GpuPowerSample, integrateGpuSamples } from "./gpu-energy-source.js";

const sample = (tS: number, index: number, powerW: number | null): GpuPowerSample => ({
  tS,
  index,
  name: "Tesla T4",
  powerW,
  utilPercent: 50,
  memoryUsedMiB: 100,
});

describe("integrateGpuSamples", () => {
  it("integrates each GPU separately and sums them", () => {
    const result = integrateGpuSamples([
      sample(0, 0, 70),
      sample(0, 1, 30),
      sample(1, 0, 70),
      sample(1, 1, 30),
      sample(2, 0, 10),
      sample(2, 1, null),
    ]);
    expect(result.gpus.map((g) => [g.index, g.energyJ, g.missingPowerSamples])).toEqual([
      [0, 70 + 40, 0],
      [1, 30, 1],
    ]);
    expect(result.totalEnergyJ).toBeCloseTo(140, 10);
    expect(result.gpus[0]!.meanPowerW).toBeCloseTo(55, 10);
  });

  it("gives a GPU that never reports power a null energy, and the total null, never zero", () => {
    const result = integrateGpuSamples([sample(0, 0, 70), sample(1, 0, 70), sample(0, 1, null), sample(1, 1, null)]);
    expect(result.gpus[1]).toMatchObject({ index: 1, energyJ: null, meanPowerW: null });
    expect(result.totalEnergyJ).toBeNull();
    expect(result.warnings[0]).toMatch(/GPU 1 .*no measured energy/);
  });

  it("reports bridged sampling gaps", () => {
    const times = [0, 0.1, 0.2, 0.3, 2.3];
    const result = integrateGpuSamples(times.map((t) => sample(t, 0, 50)));
    expect(result.gpus[0]!.gapS).toBeCloseTo(2, 10);
    expect(result.warnings.some((w) => /1 sampling gap/.test(w))).toBe(true);
  });
});
