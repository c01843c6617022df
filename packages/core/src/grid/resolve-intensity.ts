/// <reference path="./tgwf-co2.d.ts" />
import { averageIntensity } from "@tgwf/co2";
import { CO2JS_PACKAGE_NAME, CO2JS_PACKAGE_VERSION } from "./co2js-package.js";
import { labelCountryCode, lookupCountry, suggestCountries } from "./country-lookup.js";
import { findZoneId, labelZone, listZoneYears, readZoneYear, suggestZones } from "./electricity-maps-zones.js";
import type { GridInputError } from "./grid-input-error.js";

/**
 * Where the electricity comes from. Location-based averages only: SCI excludes market-based
 * figures, and CO2.js's marginal factors (UNFCCC IFI 2021) are deliberately not used.
 */
export type GridLocation =
  | { readonly country: string }
  | { readonly zone: string; readonly year?: number | undefined }
  | { readonly intensityGPerKwh: number; readonly source: string };

export type IntensitySource =
  | {
      /** Ember's annual country averages as shipped by CO2.js. */
      readonly dataset: "ember-annual-average";
      readonly packageName: string;
      readonly packageVersion: string;
      readonly key: string;
      readonly label: string;
      /** The package does not say which year each country's figure is from (2022–2024). */
      readonly year: "latest available";
    }
  | {
      readonly dataset: "electricity-maps-yearly";
      readonly packageName: string;
      readonly packageVersion: string;
      readonly zone: string;
      readonly label: string;
      readonly year: number;
    }
  | { readonly dataset: "explicit"; readonly description: string };

export type IntensityResolution =
  | {
      readonly ok: true;
      readonly intensityGPerKwh: number;
      readonly source: IntensitySource;
      readonly warnings: readonly string[];
    }
  | { readonly ok: false; readonly error: GridInputError };

const WORLD_KEY = "WORLD";

/**
 * The same location as a flat record of optional fields, the shape a parsed config has. When
 * several forms are present, an explicit figure wins, then a zone, then a country, and the
 * result warns that the others were ignored.
 */
export interface GridLocationFields {
  readonly country?: string | undefined;
  readonly zone?: string | undefined;
  readonly year?: number | undefined;
  readonly intensityGPerKwh?: number | undefined;
  readonly source?: string | undefined;
}

/**
 * Resolve a grid location to a carbon intensity in gCO2e/kWh with its provenance. An explicit
 * figure wins; then an Electricity Maps zone (yearly average, latest year by default); then an
 * Ember country average; nothing configured falls back to the WORLD average with a warning.
 */
export function resolveIntensity(location: GridLocation | GridLocationFields | undefined): IntensityResolution {
  if (location === undefined) return resolveWorld();
  const fields: GridLocationFields = location;
  if (fields.year !== undefined && !Number.isInteger(fields.year)) {
    return fail("invalid-location", `year must be a whole year such as 2024; got ${fields.year}.`);
  }
  if (fields.intensityGPerKwh !== undefined) {
    return withIgnored(resolveExplicit(fields.intensityGPerKwh, fields.source), fields, ["country", "zone"]);
  }
  if (fields.zone !== undefined) return withIgnored(resolveZone(fields.zone, fields.year), fields, ["country"]);
  if (fields.country !== undefined) return resolveCountry(fields.country);
  return fail(
    "invalid-location",
    'A grid location needs one of: "country" (ISO code such as "DE" or "DEU"), "zone" (Electricity Maps zone such as "US-MIDA-PJM"), or "intensityGPerKwh" with a "source".',
  );
}

function withIgnored(
  resolution: IntensityResolution,
  fields: GridLocationFields,
  ignorable: readonly ("country" | "zone")[],
): IntensityResolution {
  if (!resolution.ok) return resolution;
  const ignored = ignorable.filter((key) => fields[key] !== undefined);
  if (ignored.length === 0) return resolution;
  const used = resolution.source.dataset === "explicit" ? "the explicit intensityGPerKwh" : "the zone";
  return {
    ...resolution,
    warnings: [...resolution.warnings, `Grid location gives ${ignored.join(" and ")} as well; ${used} is used and ${ignored.join(" and ")} ignored.`],
  };
}

function resolveWorld(): IntensityResolution {
  const resolved = resolveCountry(WORLD_KEY);
  if (!resolved.ok) return resolved;
  return {
    ...resolved,
    warnings: [
      `No grid location configured: using the WORLD average of ${resolved.intensityGPerKwh} gCO2e/kWh (Ember via ${CO2JS_PACKAGE_NAME} ${CO2JS_PACKAGE_VERSION}). ` +
        'Set a country (e.g. "DE") or an Electricity Maps zone for a figure that reflects where the machine runs.',
    ],
  };
}

function resolveExplicit(intensityGPerKwh: number, source: string | undefined): IntensityResolution {
  if (!Number.isFinite(intensityGPerKwh) || intensityGPerKwh < 0) {
    return fail("invalid-intensity", `intensityGPerKwh must be a number of gCO2e per kWh, 0 or more; got ${intensityGPerKwh}.`);
  }
  if (typeof source !== "string" || source.trim() === "") {
    return fail(
      "invalid-intensity",
      'An explicit intensityGPerKwh needs a "source" saying where it comes from (e.g. "Electricity Maps 2025 average for DE"); SCI reports must name it.',
    );
  }
  const warnings: string[] = [];
  if (intensityGPerKwh === 0) {
    warnings.push(
      "intensityGPerKwh is 0: location-based grid averages are never zero. A zero usually comes from market-based accounting (certificates, PPAs), which SCI excludes.",
    );
  } else if (intensityGPerKwh < 1) {
    warnings.push(
      `intensityGPerKwh is ${intensityGPerKwh}: that looks like kgCO2e/kWh or tCO2e/MWh. sci-gate expects grams per kWh (e.g. 350, not 0.35).`,
    );
  }
  return { ok: true, intensityGPerKwh, source: { dataset: "explicit", description: source.trim() }, warnings };
}

function resolveCountry(input: string): IntensityResolution {
  const lookup = lookupCountry(input);
  if (lookup.found === "no-data") {
    // A real country CO2.js has no Ember figure for: a zone or an explicit figure is the way out.
    const zone = findZoneId(lookup.alpha2);
    const zoneHint = zone === undefined ? "a zone" : `a zone (Electricity Maps has "${zone}")`;
    return fail(
      "no-country-figure",
      `no Ember figure for ${lookup.name} (${lookup.alpha2}) in ${CO2JS_PACKAGE_NAME} ${CO2JS_PACKAGE_VERSION}: give ${zoneHint} or an explicit intensityGPerKwh with its source`,
    );
  }
  if (lookup.found === "none") {
    const suggestions = suggestCountries(input);
    const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.map(labelCountryCode).join(", ")}?` : "";
    return fail(
      "unknown-country",
      `Unknown country "${input}".${hint} Use an ISO 3166-1 alpha-2 or alpha-3 code (e.g. "FR" or "FRA"), or an aggregate such as "WORLD" or "EU".`,
      suggestions,
    );
  }
  const found = lookup.country;
  const intensityGPerKwh = averageIntensity.data[found.key];
  if (intensityGPerKwh === undefined) {
    return fail("unknown-country", `No intensity for "${found.key}" in ${CO2JS_PACKAGE_NAME} ${CO2JS_PACKAGE_VERSION}.`);
  }
  const warnings =
    lookup.aliasOf === undefined
      ? []
      : [`country "${lookup.aliasOf.input}" read as ${lookup.aliasOf.alpha2} (${found.label}): ${lookup.aliasOf.input} is not an ISO 3166-1 code, only reserved for that country`];
  return {
    ok: true,
    intensityGPerKwh,
    source: {
      dataset: "ember-annual-average",
      packageName: CO2JS_PACKAGE_NAME,
      packageVersion: CO2JS_PACKAGE_VERSION,
      key: found.key,
      label: found.label,
      year: "latest available",
    },
    warnings,
  };
}

function resolveZone(input: string, year: number | undefined): IntensityResolution {
  const zone = findZoneId(input);
  if (zone === undefined) {
    const suggestions = suggestZones(input);
    const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(", ")}?` : "";
    return fail(
      "unknown-zone",
      `Unknown Electricity Maps zone "${input}".${hint} Zone ids look like "DE", "US-MIDA-PJM" or "DK-DK1" (see app.electricitymaps.com).`,
      suggestions,
    );
  }
  const years = listZoneYears(zone);
  if (year !== undefined && !years.includes(year)) {
    return fail(
      "year-unavailable",
      `${CO2JS_PACKAGE_NAME} ${CO2JS_PACKAGE_VERSION} has no ${year} average for zone "${zone}"; available years: ${years.join(", ")}. Omit the year for the latest.`,
      years.map(String),
    );
  }
  const chosenYear = year ?? years[years.length - 1];
  const record = chosenYear === undefined ? undefined : readZoneYear(zone, chosenYear);
  if (chosenYear === undefined || record === undefined) {
    return fail("year-unavailable", `${CO2JS_PACKAGE_NAME} ${CO2JS_PACKAGE_VERSION} has no yearly data for zone "${zone}".`);
  }
  return {
    ok: true,
    intensityGPerKwh: record.carbonIntensity.value,
    source: {
      dataset: "electricity-maps-yearly",
      packageName: CO2JS_PACKAGE_NAME,
      packageVersion: CO2JS_PACKAGE_VERSION,
      zone,
      label: labelZone(zone),
      year: chosenYear,
    },
    warnings: [],
  };
}

function fail(code: GridInputError["code"], message: string, suggestions: readonly string[] = []): IntensityResolution {
  return { ok: false, error: { code, message, suggestions } };
}
