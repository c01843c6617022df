/// <reference path="./tgwf-co2.d.ts" />
import { averageIntensity } from "@tgwf/co2";
import { findClosest } from "../text/closest.js";
import { COUNTRY_CODES } from "./country-codes.js";

export interface CountryKey {
  /** The key in averageIntensity.data: ISO alpha-3, or an aggregate such as "WORLD" or "EU". */
  readonly key: string;
  /** English name, or the aggregate's key. */
  readonly label: string;
  /** ISO alpha-2 where the key is a country. */
  readonly alpha2: string | undefined;
}

const DATA_KEYS = Object.keys(averageIntensity.data);
const BY_ALPHA3 = new Map(COUNTRY_CODES.map(([alpha2, alpha3, name]) => [alpha3, { alpha2, name }]));
const BY_ALPHA2 = new Map(COUNTRY_CODES.map(([alpha2, alpha3]) => [alpha2, alpha3]));
const BY_NAME = new Map(COUNTRY_CODES.map(([, alpha3, name]) => [normaliseName(name), alpha3]));

/** Case, accents and spacing do not matter in names: "cote d'ivoire" finds Côte d'Ivoire. */
function normaliseName(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

function describeKey(key: string): CountryKey {
  const country = BY_ALPHA3.get(key);
  return { key, label: country?.name ?? key, alpha2: country?.alpha2 };
}

/**
 * Find the data key for a country given as ISO alpha-2 ("de"), alpha-3 ("DEU"), English name
 * ("Germany") or aggregate key ("WORLD", "EU"), case-insensitively. The data key wins over an
 * alpha-2 reading so that "EU" means the European Union aggregate CO2.js carries.
 */
export function findCountryKey(input: string): CountryKey | undefined {
  const upper = input.trim().toUpperCase();
  if (Object.hasOwn(averageIntensity.data, upper)) return describeKey(upper);
  const fromAlpha2 = BY_ALPHA2.get(upper);
  if (fromAlpha2 !== undefined) return describeKey(fromAlpha2);
  const fromName = BY_NAME.get(normaliseName(input));
  if (fromName !== undefined) return describeKey(fromName);
  return undefined;
}

/**
 * Close matches among codes and names, as codes the user can write (a name's match is given as
 * its alpha-2 code), one per country, best first.
 */
export function suggestCountries(input: string): string[] {
  const names = COUNTRY_CODES.map(([, , name]) => name);
  const candidates = [...BY_ALPHA2.keys(), ...DATA_KEYS, ...names];
  const seen = new Set<string>();
  const suggestions: string[] = [];
  for (const candidate of findClosest(input.trim(), candidates, 6)) {
    const key = findCountryKey(candidate);
    if (key === undefined || seen.has(key.key)) continue;
    seen.add(key.key);
    suggestions.push(key.alpha2 !== undefined && candidate.length > 3 ? key.alpha2 : candidate);
  }
  return suggestions.slice(0, 3);
}

/** "MX (Mexico)" for messages. */
export function labelCountryCode(code: string): string {
  const key = findCountryKey(code);
  return key === undefined || key.label === code ? code : `${code} (${key.label})`;
}
