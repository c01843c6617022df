import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { EmbodiedItem } from "../schema/report.js";
import { computeOperationalG, computeRunSci } from "./compute-sci.js";

const fourYearsS = 4 * 365 * 24 * 3600; // 126,144,000 s
const githubRunner: EmbodiedItem = {
  name: "github-hosted runner share",
  totalG: 1_151_700,
  lifetimeS: fourYearsS,
  resourcesReserved: 4,
  resourcesTotal: 128,
  source: "Eco-CI",
};

const energy = (totalJ: number) => ({ cpu: totalJ, gpu: 0, memory: 0, total: totalJ });

describe("computeRunSci", () => {
  it("1 kWh in France (44.18 g/kWh, PUE 1) over 1,000 tokens is 44.18 mg per token", () => {
    const result = computeRunSci(
      { energyJ: energy(3_600_000), durationS: 3600, units: 1000 },
      { pue: 1, intensityGPerKwh: 44.18, embodied: [] },
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.operationalG).toBeCloseTo(44.18, 10);
    expect(result.value.sciGPerUnit).toBeCloseTo(0.04418, 12);
    expect(result.value.energyJPerUnit).toBe(3600);
  });

  it("a 60 s run on the GitHub 4-vCPU runner at 50% utilisation", () => {
    // Eco-CI table: 5.16 W at 50% → 60 s × 5.16 W = 309.6 J.
    // Operational: 309.6 J / 3.6e6 J/kWh = 8.6e-5 kWh × PUE 1.185 × 472.94 g/kWh = 0.048197... g
    const operationalG = 8.6e-5 * 1.185 * 472.94;
    // Embodied: 1,151,700 g × 4/128 = 35,990.625 g over 126,144,000 s; 60 s of it = 0.0171188... g
    const embodiedG = (35_990.625 * 60) / 126_144_000;
    const result = computeRunSci(
      { energyJ: energy(309.6), durationS: 60, units: 500 },
      { pue: 1.185, intensityGPerKwh: 472.94, embodied: [githubRunner] },
    );
    if (!result.ok) throw new Error(result.reason);
    expect(result.value.operationalG).toBeCloseTo(operationalG, 12);
    expect(result.value.operationalG).toBeCloseTo(0.0481973, 6);
    expect(result.value.embodiedG).toBeCloseTo(0.01711880, 7);
    expect(result.value.sciGPerUnit).toBeCloseTo((operationalG + embodiedG) / 500, 14);
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
});
