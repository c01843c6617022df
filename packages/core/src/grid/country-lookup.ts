/// <reference path="./tgwf-co2.d.ts" />
import { averageIntensity } from "@tgwf/co2";
import { findClosest } from "../text/closest.js";
import { COUNTRY_CODES, RESERVED_COUNTRY_ALIASES, USER_ASSIGNED_COUNTRY_CODES } from "./country-codes.js";
import { ISO_3166_1 } from "./iso-3166-1.js";

export interface CountryKey {
  /** The key in averageIntensity.data: ISO alpha-3, or an aggregate such as "WORLD" or "EU". */
  readonly key: string;
  /** English name, or the aggregate's key. */
  readonly label: string;
  /** ISO alpha-2 where the key is a country. */
  readonly alpha2: string | undefined;
}

/** What a country input names: a key of the data, a real country the data lacks, or nothing known. */
export type CountryLookup =
  | { readonly found: "data"; readonly country: CountryKey; readonly aliasOf?: { readonly input: string; readonly alpha2: string } }
  | { readonly found: "no-data"; readonly alpha2: string; readonly alpha3: string; readonly name: string }
  | { readonly found: "none" };

const DATA_KEYS = Object.keys(averageIntensity.data);
const BY_ALPHA3 = new Map(COUNTRY_CODES.map(([alpha2, alpha3, name]) => [alpha3, { alpha2, name }]));
const BY_ALPHA2 = new Map(COUNTRY_CODES.map(([alpha2, alpha3]) => [alpha2, alpha3]));
const BY_NAME = new Map(COUNTRY_CODES.map(([, alpha3, name]) => [normaliseName(name), alpha3]));

const ALL_CODES = [...ISO_3166_1, ...USER_ASSIGNED_COUNTRY_CODES];
const ANY_BY_CODE = new Map(ALL_CODES.flatMap((entry) => [[entry[0], entry] as const, [entry[1], entry] as const]));
const ANY_BY_NAME = new Map(ALL_CODES.map((entry) => [normaliseName(entry[2]), entry]));

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

/** The data key for a code or name the data carries, without aliases. */
function findDataKey(input: string): CountryKey | undefined {
  const upper = input.trim().toUpperCase();
  if (Object.hasOwn(averageIntensity.data, upper)) return describeKey(upper);
  const fromAlpha2 = BY_ALPHA2.get(upper);
  if (fromAlpha2 !== undefined) return describeKey(fromAlpha2);
  const fromName = BY_NAME.get(normaliseName(input));
  if (fromName !== undefined) return describeKey(fromName);
  return undefined;
}

/**
 * What a country input names: ISO alpha-2 ("de"), alpha-3 ("DEU"), English name ("Germany"),
 * aggregate key ("WORLD", "EU") or an exceptionally reserved alias ("UK" for GB), in any case.
 * The data key wins over an alpha-2 reading so that "EU" means the European Union aggregate
 * CO2.js carries. A valid ISO code the data has no figure for ("MC", Monaco) is "no-data",
 * so the user is told that instead of being offered unrelated codes.
 */
export function lookupCountry(input: string): CountryLookup {
  const direct = findDataKey(input);
  if (direct !== undefined) return { found: "data", country: direct };
  const upper = input.trim().toUpperCase();
  const alias = Object.hasOwn(RESERVED_COUNTRY_ALIASES, upper) ? RESERVED_COUNTRY_ALIASES[upper] : undefined;
  if (alias !== undefined) {
    const country = findDataKey(alias);
    if (country !== undefined) return { found: "data", country, aliasOf: { input: upper, alpha2: alias } };
  }
  const known = ANY_BY_CODE.get(alias ?? upper) ?? ANY_BY_NAME.get(normaliseName(input));
  if (known !== undefined) return { found: "no-data", alpha2: known[0], alpha3: known[1], name: known[2] };
  return { found: "none" };
}

/**
 * Find the data key for a country given as ISO alpha-2 ("de"), alpha-3 ("DEU"), English name
 * ("Germany"), aggregate key ("WORLD", "EU") or reserved alias ("UK"), case-insensitively.
 */
export function findCountryKey(input: string): CountryKey | undefined {
  const found = lookupCountry(input);
  return found.found === "data" ? found.country : undefined;
}

/**
 * Close matches among codes and names the data carries, as codes the user can write (a name's
 * match is given as its alpha-2 code), one per country, best first.
 */
export function suggestCountries(input: string): string[] {
  const names = COUNTRY_CODES.map(([, , name]) => name);
  const candidates = [...BY_ALPHA2.keys(), ...DATA_KEYS, ...names];
  const seen = new Set<string>();
  const suggestions: string[] = [];
  for (const candidate of findClosest(input.trim(), candidates, 6)) {
    const key = findDataKey(candidate);
    if (key === undefined || seen.has(key.key)) continue;
    seen.add(key.key);
    suggestions.push(key.alpha2 !== undefined && candidate.length > 3 ? key.alpha2 : candidate);
  }
  return suggestions.slice(0, 3);
}

/** "MX (Mexico)" for messages. */
export function labelCountryCode(code: string): string {
  const key = findDataKey(code);
  return key === undefined || key.label === code ? code : `${code} (${key.label})`;
}
