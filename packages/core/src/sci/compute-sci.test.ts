import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildAssumptions } from "../assumptions/build-assumptions.js";
import { parseConfig } from "../config/parse-config.js";
import { energyFromUtilisation } from "../energy/utilisation-energy.js";
import { resolveIntensity } from "../grid/resolve-intensity.js";
import { testMachine } from "../compare/make-report.test-helper.js";
import { computeOperationalG, computeRunSci } from "./compute-sci.js";

const energy = (totalJ: number) => ({ cpu: totalJ, gpu: 0, memory: 0, total: totalJ });

describe("computeRunSci", () => {
  it("1 kWh in France (44.18 g/kWh, PUE 1) over 1,000 tokens is 44.18 mg per token", () => {
    // { country: FR } resolves to Ember's 44.18 gCO2e/kWh in @tgwf/co2 0.19.0.
    const france = resolveIntensity({ country: "FR" });
    if (!france.ok) throw new Error(france.error.message);
    expect(france.intensityGPerKwh).toBe(44.18);
    const result = computeRunSci(
      { energyJ: energy(3_600_000), durationS: 3600, units: 1000 },
      { pue: 1, intensityGPerKwh: france.intensityGPerKwh, embodied: [] },
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.operationalG).toBeCloseTo(44.18, 10);
    expect(result.value.sciGPerUnit).toBeCloseTo(0.04418, 12);
    expect(result.value.energyJPerUnit).toBe(3600);
  });

  it("a 60 s run on the GitHub 4-vCPU runner at 50% utilisation, through the real chain", () => {
    // config → buildAssumptions on the GitHub runner (Eco-CI model, runner embodied share, PUE
    // default, grid) → energy from 1 Hz utilisation samples → computeRunSci. By hand:
    //   Eco-CI at 50%: 5.16406512260437 W (the published figure, not the rounded 5.16 W)
    //   E = 60 s × 5.16406512260437 W = 309.8439073562622 J (309.6 J with 5.16 W)
    //   E in kWh = 309.8439073562622 / 3,600,000 = 8.606775204340617e-5 kWh
    //   PUE: GitHub-hosted runners run in Azure → CCF 1.185
    //   I: { country: US } → Ember 383.55 gCO2e/kWh
    //   operational = 8.606775204340617e-5 × 1.185 × 383.55 = 0.039118374261054 g
    //   embodied = 1,151,700 g × (60 / 126,144,000 s) × (4 / 128) = 0.017118828481735 g
    //   SCI = (0.039118374261054 + 0.017118828481735) g / 500 tokens = 1.12474405485579e-4 g per token
    const parsed = parseConfig("version: 1\nlocation: { country: US }\nscenarios:\n  - { name: chat, run: x, unit: token }\n");
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    // The GitHub-hosted 4-vCPU EPYC 7763 runner, Linux x64, 16 GiB.
    const runner = testMachine;
    const built = buildAssumptions(parsed.value, runner);
    if (!built.ok) throw new Error(JSON.stringify(built.errors));
    const { assumptions, cpuModel } = built.value;
    expect(cpuModel.name).toBe("eco-ci-github-epyc-7763");
    expect(cpuModel.powerW(0.5)).toBe(5.16406512260437);
    expect(assumptions.pue).toBe(1.185);
    expect(assumptions.intensityGPerKwh).toBe(383.55);
    expect(assumptions.embodied).toEqual([expect.objectContaining({ totalG: 1_151_700, lifetimeS: 126_144_000, resourcesReserved: 4, resourcesTotal: 128 })]);

    const samples = Array.from({ length: 61 }, (_, i) => ({ tS: i, util: 0.5 }));
    const measured = energyFromUtilisation(samples, (util) => cpuModel.powerW(util));
    expect(measured.durationS).toBe(60);
    expect(measured.energyJ).toBeCloseTo(309.8439073562622, 9);

    const result = computeRunSci({ energyJ: energy(measured.energyJ), durationS: measured.durationS, units: 500 }, assumptions);
    if (!result.ok) throw new Error(result.reason);
    expect(result.value.operationalG).toBeCloseTo(0.039118374261054, 12);
    expect(result.value.embodiedG).toBeCloseTo(0.017118828481735, 12);
    expect(result.value.sciGPerUnit).toBeCloseTo(1.12474405485579e-4, 15);
  });

  it("refuses a run with zero units instead of dividing by zero", () => {
    const result = computeRunSci({ energyJ: energy(10), durationS: 1, units: 0 }, { pue: 1, intensityGPerKwh: 100, embodied: [] });
    expect(result).toEqual({ ok: false, reason: "the run counted 0 functional units; SCI needs at least one" });
    const missing = computeRunSci({ energyJ: energy(10), durationS: 1, units: null }, { pue: 1, intensityGPerKwh: 100, embodied: [] });
    expect(missing.ok).toBe(false);
  });

  it("is linear in energy and deterministic", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        fc.double({ min: 0.001, max: 1e3, noNaN: true }),
        fc.double({ min: 1, max: 3, noNaN: true }),
        fc.double({ min: 0, max: 2000, noNaN: true }),
        (energyJ, k, pue, intensity) => {
          const once = computeOperationalG(energyJ, pue, intensity);
          expect(computeOperationalG(energyJ * k, pue, intensity)).toBeCloseTo(once * k, 6);
          expect(computeOperationalG(energyJ, pue, intensity)).toBe(once);
        },
      ),
    );
  });

  it("gives identical outputs for identical inputs", () => {
    const item = fc.record({
      name: fc.string(),
      totalG: fc.double({ min: 0, max: 1e7, noNaN: true }),
      lifetimeS: fc.double({ min: 1, max: 1e9, noNaN: true }),
      resourcesReserved: fc.double({ min: 0.01, max: 128, noNaN: true }),
      resourcesTotal: fc.double({ min: 128, max: 4096, noNaN: true }),
      source: fc.string(),
    });
    const parts = fc.tuple(fc.double({ min: 0, max: 1e7, noNaN: true }), fc.double({ min: 0, max: 1e7, noNaN: true }), fc.double({ min: 0, max: 1e7, noNaN: true }));
    fc.assert(
      fc.property(
        parts,
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.oneof(fc.double({ min: -10, max: 1e9, noNaN: true }), fc.constant(null)),
        fc.double({ min: 1, max: 3, noNaN: true }),
        fc.double({ min: 0, max: 2000, noNaN: true }),
        fc.array(item, { maxLength: 4 }),
        ([cpu, gpu, memory], durationS, units, pue, intensityGPerKwh, embodied) => {
          const run = { energyJ: { cpu, gpu, memory, total: cpu + gpu + memory }, durationS, units };
          const assumptions = { pue, intensityGPerKwh, embodied };
          const first = computeRunSci(run, assumptions);
          // A fresh copy of the same inputs, so nothing can come from shared state or object identity.
          const second = computeRunSci(structuredClone(run), structuredClone(assumptions));
          expect(second).toStrictEqual(first);
          if (first.ok && second.ok) for (const key of Object.keys(first.value) as (keyof typeof first.value)[]) expect(Object.is(first.value[key], second.value[key])).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
