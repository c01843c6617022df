import { averageIntensity } from "@tgwf/co2";
import { describe, expect, it } from "vitest";
import { COUNTRY_CODES } from "./country-codes.js";

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
