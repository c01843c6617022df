import { averageIntensity } from "@tgwf/co2";
import { describe, expect, it } from "vitest";
import { COUNTRY_CODES, RESERVED_COUNTRY_ALIASES } from "./country-codes.js";
import { ISO_3166_1 } from "./iso-3166-1.js";

// Aggregates CO2.js carries next to countries (not ISO codes).
const AGGREGATES = [
  "AFRICA", "ASEAN", "ASIA", "EU", "EUROPE", "G20", "G7", "LATIN AMERICA AND CARIBBEAN",
  "MIDDLE EAST", "NORTH AMERICA", "OCEANIA", "OECD", "WORLD",
];

describe("COUNTRY_CODES", () => {
  const dataKeys = Object.keys(averageIntensity.data);

  it("maps every country key of the installed data, and nothing else", () => {
    const alpha3s = COUNTRY_CODES.map(([, alpha3]) => alpha3).sort();
    const countryKeys = dataKeys.filter((key) => !AGGREGATES.includes(key)).sort();
    expect(alpha3s).toEqual(countryKeys);
    expect(dataKeys).toEqual(expect.arrayContaining(AGGREGATES));
  });

  it("has unique, well-formed codes", () => {
    const alpha2s = COUNTRY_CODES.map(([alpha2]) => alpha2);
    const alpha3s = COUNTRY_CODES.map(([, alpha3]) => alpha3);
    expect(new Set(alpha2s).size).toBe(alpha2s.length);
    expect(new Set(alpha3s).size).toBe(alpha3s.length);
    for (const [alpha2, alpha3, name] of COUNTRY_CODES) {
      expect(alpha2).toMatch(/^[A-Z]{2}$/);
      expect(alpha3).toMatch(/^[A-Z]{3}$/);
      expect(name).not.toBe("");
    }
  });
});

describe("ISO_3166_1", () => {
  it("holds every officially assigned code once (249 in iso-codes 4.15.0)", () => {
    expect(ISO_3166_1).toHaveLength(249);
    expect(new Set(ISO_3166_1.map(([alpha2]) => alpha2)).size).toBe(249);
    expect(new Set(ISO_3166_1.map(([, alpha3]) => alpha3)).size).toBe(249);
    expect(ISO_3166_1).toContainEqual(["MC", "MCO", "Monaco"]);
    expect(ISO_3166_1).toContainEqual(["GB", "GBR", "United Kingdom"]);
  });

  it("does not assign the reserved aliases, which point at assigned codes", () => {
    const alpha2s = new Set(ISO_3166_1.map(([alpha2]) => alpha2));
    for (const [alias, code] of Object.entries(RESERVED_COUNTRY_ALIASES)) {
      expect(alpha2s.has(alias)).toBe(false);
      expect(alpha2s.has(code)).toBe(true);
    }
  });
});
