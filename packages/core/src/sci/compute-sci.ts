import type { Assumptions, EmbodiedItem, RunMeasurement } from "../schema/report.js";

/** 1 kWh = 3.6 MJ. */
export const joulesPerKwh = 3_600_000;

export interface RunSci {
  operationalG: number;
  embodiedG: number;
  totalG: number;
  sciGPerUnit: number;
  energyJPerUnit: number;
}

export type RunSciResult = { ok: true; value: RunSci } | { ok: false; reason: string };

/** M = TE × (TiR / EL) × (RR / ToR) for one item of hardware, over `durationS`. */
export function computeEmbodiedItemG(item: EmbodiedItem, durationS: number): number {
  return item.totalG * (durationS / item.lifetimeS) * (item.resourcesReserved / item.resourcesTotal);
}

export function computeEmbodiedItemsG(items: readonly EmbodiedItem[], durationS: number): number {
  return items.reduce((sum, item) => sum + computeEmbodiedItemG(item, durationS), 0);
}

/** Operational carbon: E (kWh, scaled by PUE) × I. */
export function computeOperationalG(energyJ: number, pue: number, intensityGPerKwh: number): number {
  return (energyJ / joulesPerKwh) * pue * intensityGPerKwh;
}

/**
 * SCI of one run, recomputed from its raw energy with the given assumptions, so both sides of a
 * comparison can be put under one methodology. A run without positive units has no SCI.
 */
export function computeRunSci(
  run: Pick<RunMeasurement, "energyJ" | "durationS" | "units">,
  assumptions: Pick<Assumptions, "pue" | "intensityGPerKwh" | "embodied">,
): RunSciResult {
  if (run.units === null || !(run.units > 0) || !Number.isFinite(run.units)) {
    return { ok: false, reason: `the run counted ${run.units === null ? "no" : run.units} functional units; SCI needs at least one` };
  }
  const operationalG = computeOperationalG(run.energyJ.total, assumptions.pue, assumptions.intensityGPerKwh);
  const embodiedG = computeEmbodiedItemsG(assumptions.embodied, run.durationS);
  const totalG = operationalG + embodiedG;
  return {
    ok: true,
    value: { operationalG, embodiedG, totalG, sciGPerUnit: totalG / run.units, energyJPerUnit: run.energyJ.total / run.units },
  };
}
