import { describe, expect, it } from "vitest";
import { createEcoCiGithubRunnerModel, ECO_CI_EPYC_7763_CURVE } from "./eco-ci.js";

describe("Eco-CI GitHub runner curve", () => {
  const model = createEcoCiGithubRunnerModel();

  it("matches the rounded table in REFERENCES.md at every listed utilisation", () => {
    const rounded: [number, number][] = [
      [0, 1.76], [0.05, 3.44], [0.1, 3.62], [0.2, 3.92], [0.3, 4.24], [0.4, 4.66],
      [0.5, 5.16], [0.6, 5.7], [0.7, 6.29], [0.8, 6.97], [0.9, 7.76], [0.95, 8.18],
    ];
    for (const [utilisation, powerW] of rounded) {
      expect(Math.round(model.powerW(utilisation) * 100) / 100).toBe(powerW);
    }
  });

  it("gives 5.16406512260437 W at 50%, so 60 s at 50% is 309.84 J", () => {
    expect(model.powerW(0.5)).toBe(5.16406512260437);
    // By hand: 5.16406512260437 W × 60 s = 309.8439073562622 J. (With the table rounded to
    // 5.16 W it would be 309.6 J; we keep Eco-CI's published precision.)
    expect(model.powerW(0.5) * 60).toBeCloseTo(309.8439073562622, 10);
  });

  it("interpolates linearly between points, reproducing Eco-CI's 0.01% entries", () => {
    // Halfway between 50% (5.16406512260437) and 55% (5.426109313964844).
    expect(model.powerW(0.525)).toBeCloseTo((5.16406512260437 + 5.426109313964844) / 2, 12);
    // Eco-CI's file: cloud_energy_hashmap[0.01]=1.7619852788448334, [2.76]=2.68825.
    expect(model.powerW(0.0001)).toBeCloseTo(1.7619852788448334, 12);
    expect(model.powerW(0.0276)).toBeCloseTo(2.68825, 12);
  });

  it("is flat from 95% and clamps outside 0..1", () => {
    expect(model.powerW(0.97)).toBe(8.179628372192383);
    expect(model.powerW(1)).toBe(8.179628372192383);
    expect(model.powerW(1.2)).toBe(8.179628372192383);
    expect(model.powerW(-0.1)).toBe(1.7586170434951782);
    expect(model.powerW(Number.NaN)).toBeNaN();
  });

  it("scales by vCPUs/4 for a 2-vCPU runner", () => {
    const twoVcpu = createEcoCiGithubRunnerModel(2);
    expect(twoVcpu.powerW(0.5)).toBeCloseTo(5.16406512260437 / 2, 12);
    expect(twoVcpu.parameters).toEqual({ vcpus: 2, scale: 0.5 });
  });

  it("has points every 5% from 0 to 100%", () => {
    expect(ECO_CI_EPYC_7763_CURVE.map(([x]) => Math.round(x * 100))).toEqual(
      Array.from({ length: 21 }, (_, i) => i * 5),
    );
  });
});
