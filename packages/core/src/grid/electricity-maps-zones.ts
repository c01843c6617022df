/// <reference path="./tgwf-co2.d.ts" />
import { electricityMaps } from "@tgwf/co2/data";
import { findClosest } from "../text/closest.js";

/**
 * One zone-year as sci-gate reads it. Declared here rather than re-using the ambient module's
 * type, so core's emitted .d.ts files never import from the untyped package.
 */
export interface ZoneYearRecord {
  readonly zone: { readonly zoneName: string; readonly displayName?: string; readonly countryName?: string };
  readonly carbonIntensity: { readonly value: number; readonly unit: string };
}

/** Years of Electricity Maps yearly averages in the package (keys `yearly2021` …), ascending. */
export const ELECTRICITY_MAPS_YEARS: readonly number[] = Object.keys(electricityMaps)
  .map((key) => /^yearly(\d{4})$/.exec(key)?.[1])
  .filter((year): year is string => year !== undefined)
  .map(Number)
  .sort((a, b) => a - b);

function yearData(year: number): Readonly<Record<string, ZoneYearRecord>> | undefined {
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
export function readZoneYear(zone: string, year: number): ZoneYearRecord | undefined {
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

/**
 * Close zone ids, best first: by edit distance over ids and zone names ("US-MIDA-PJN" →
 * "US-MIDA-PJM", "ERCOT" → "US-TEX-ERCO"), then zones whose name contains the input ("texas"
 * → the Electric Reliability Council of Texas), since people know regions by name.
 */
export function suggestZones(input: string): string[] {
  const needle = input.trim();
  const byName = new Map<string, string>();
  const latest = ELECTRICITY_MAPS_YEARS[ELECTRICITY_MAPS_YEARS.length - 1];
  for (const zone of ZONE_IDS) {
    const record = latest === undefined ? undefined : readZoneYear(zone, latest);
    if (record === undefined) continue;
    byName.set(record.zone.zoneName, zone);
    if (record.zone.displayName !== undefined) byName.set(record.zone.displayName, zone);
  }
  const close = findClosest(needle, [...ZONE_IDS, ...byName.keys()], 6).map((match) => byName.get(match) ?? match);
  const lower = needle.toLowerCase();
  const containing =
    lower.length < 3
      ? []
      : [...byName.entries()].filter(([name]) => name.toLowerCase().includes(lower)).map(([, zone]) => zone);
  return [...new Set([...close, ...containing])].slice(0, 3);
}
