/// <reference path="./tgwf-co2.d.ts" />
import type { ElectricityMapsZoneYear } from "@tgwf/co2/data";
import { electricityMaps } from "@tgwf/co2/data";
import { findClosest } from "../text/closest.js";

/** Years of Electricity Maps yearly averages in the package (keys `yearly2021` …), ascending. */
export const ELECTRICITY_MAPS_YEARS: readonly number[] = Object.keys(electricityMaps)
  .map((key) => /^yearly(\d{4})$/.exec(key)?.[1])
  .filter((year): year is string => year !== undefined)
  .map(Number)
  .sort((a, b) => a - b);

function yearData(year: number): Readonly<Record<string, ElectricityMapsZoneYear>> | undefined {
  return electricityMaps[`yearly${year}`]?.data;
}

const ZONE_IDS = [...new Set(ELECTRICITY_MAPS_YEARS.flatMap((year) => Object.keys(yearData(year) ?? {})))].sort();
const BY_UPPER = new Map(ZONE_IDS.map((zone) => [zone.toUpperCase(), zone]));

/** Electricity Maps zone ids are upper-case ("US-MIDA-PJM"), but users type "us-mida-pjm" too. */
export function findZoneId(input: string): string | undefined {
  return BY_UPPER.get(input.trim().toUpperCase());
}

/** Years whose data holds `zone`, ascending. */
export function listZoneYears(zone: string): number[] {
  return ELECTRICITY_MAPS_YEARS.filter((year) => yearData(year)?.[zone] !== undefined);
}

/** The zone's record for a year, when the package has one. */
export function readZoneYear(zone: string, year: number): ElectricityMapsZoneYear | undefined {
  return yearData(year)?.[zone];
}

/** "PJM Interconnection, USA" for messages and provenance. */
export function labelZone(zone: string): string {
  const years = listZoneYears(zone);
  const latest = years[years.length - 1];
  const record = latest === undefined ? undefined : readZoneYear(zone, latest);
  if (record === undefined) return zone;
  const { zoneName, countryName } = record.zone;
  return countryName === undefined || countryName === zoneName ? zoneName : `${zoneName}, ${countryName}`;
}

/** Close zone ids, matching ids and zone names ("Texas" does not, "ERCOT" does via displayName). */
export function suggestZones(input: string): string[] {
  const byName = new Map<string, string>();
  const latest = ELECTRICITY_MAPS_YEARS[ELECTRICITY_MAPS_YEARS.length - 1];
  for (const zone of ZONE_IDS) {
    const record = latest === undefined ? undefined : readZoneYear(zone, latest);
    if (record === undefined) continue;
    byName.set(record.zone.zoneName, zone);
    if (record.zone.displayName !== undefined) byName.set(record.zone.displayName, zone);
  }
  const matches = findClosest(input.trim(), [...ZONE_IDS, ...byName.keys()], 6);
  return [...new Set(matches.map((match) => byName.get(match) ?? match))].slice(0, 3);
}
