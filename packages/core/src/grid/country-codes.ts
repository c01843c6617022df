/// <reference path="./tgwf-co2.d.ts" />
import { averageIntensity } from "@tgwf/co2";
import { ISO_3166_1 } from "./iso-3166-1.js";

type CountryCode = readonly [alpha2: string, alpha3: string, name: string];

/**
 * Kosovo (XK / XKX) is not an ISO-assigned code but the user-assigned one the EU and the World
 * Bank use, and the one CO2.js keys its figure by.
 */
export const USER_ASSIGNED_COUNTRY_CODES: readonly CountryCode[] = [["XK", "XKX", "Kosovo"]];

/**
 * Codes ISO 3166-1 keeps "exceptionally reserved" for a country that has another code, which
 * people write anyway: UK for the United Kingdom (GB) and EL for Greece (GR), the EU's own usage.
 * Source: ISO 3166 Maintenance Agency, exceptionally reserved code elements (ISO Online Browsing
 * Platform, read 2026).
 */
export const RESERVED_COUNTRY_ALIASES: Readonly<Record<string, string>> = { UK: "GB", EL: "GR" };

/**
 * ISO 3166-1 alpha-2 → alpha-3 codes and English short names, for exactly the countries that
 * `averageIntensity.data` of @tgwf/co2 0.19.0 carries (its keys are alpha-3), drawn from the
 * full ISO list (iso-3166-1.ts) plus Kosovo. Users write "DE" or "de" at least as often as
 * "DEU"; the names feed "did you mean" suggestions. A test checks that every country key of the
 * installed data is here, so a package update cannot leave codes unmapped silently.
 */
export const COUNTRY_CODES: readonly CountryCode[] = [...ISO_3166_1, ...USER_ASSIGNED_COUNTRY_CODES]
  .filter(([, alpha3]) => Object.hasOwn(averageIntensity.data, alpha3))
  .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
