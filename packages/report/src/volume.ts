import type { ScenarioConfig } from "@sci-gate/core";

export type Volume = NonNullable<ScenarioConfig["volume"]>;

/** Periods per year: calendar days, weeks of 365/7 days, months. */
export const periodsPerYear: Record<Volume["per"], number> = { day: 365, week: 365 / 7, month: 12, year: 1 };

/** Functional units per year of production traffic. */
export function computeUnitsPerYear(volume: Volume): number {
  return volume.units * periodsPerYear[volume.per];
}

/** Grams CO2e per year of production traffic at a given SCI per unit. */
export function projectYearlyG(volume: Volume, sciGPerUnit: number): number {
  return computeUnitsPerYear(volume) * sciGPerUnit;
}
