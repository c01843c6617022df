import { averageIntensity } from "@tgwf/co2";
import { electricityMaps } from "@tgwf/co2/data";
import { describe, expect, it } from "vitest";
import { ELECTRICITY_MAPS_YEARS } from "./electricity-maps-zones.js";
import { resolveIntensity } from "./resolve-intensity.js";

describe("resolveIntensity by country (Ember averages via @tgwf/co2 0.19.0)", () => {
  it("reads the installed figures", () => {
    // Values seen in @tgwf/co2 0.19.0 (REFERENCES.md); asserted against the data itself too.
    const expected: [string, number][] = [["FRA", 44.18], ["USA", 383.55], ["DEU", 342.06], ["WORLD", 472.94]];
    for (const [country, intensityGPerKwh] of expected) {
      expect(averageIntensity.data[country]).toBe(intensityGPerKwh);
      const resolved = resolveIntensity({ country });
      expect(resolved.ok && resolved.intensityGPerKwh).toBe(intensityGPerKwh);
    }
  });

  it("accepts alpha-2, alpha-3 and names in any case", () => {
    for (const country of ["fr", "FR", "fra", "FRA", "France", " france "]) {
      const resolved = resolveIntensity({ country });
      expect(resolved.ok).toBe(true);
      if (!resolved.ok) continue;
      expect(resolved.intensityGPerKwh).toBe(44.18);
      expect(resolved.source).toEqual({
        dataset: "ember-annual-average",
        packageName: "@tgwf/co2",
        packageVersion: "0.19.0",
        key: "FRA",
        label: "France",
        year: "latest available",
      });
      expect(resolved.warnings).toEqual([]);
    }
    const ivory = resolveIntensity({ country: "cote d'ivoire" });
    expect(ivory.ok && ivory.source).toMatchObject({ key: "CIV" });
  });

  it("reads aggregates such as EU", () => {
    const resolved = resolveIntensity({ country: "eu" });
    expect(resolved.ok && resolved.intensityGPerKwh).toBe(averageIntensity.data["EU"]);
  });

  it("rejects an unknown code with close matches", () => {
    const resolved = resolveIntensity({ country: "XX" });
    expect(resolved.ok).toBe(false);
    if (resolved.ok) return;
    expect(resolved.error.code).toBe("unknown-country");
    expect(resolved.error.suggestions).toEqual(expect.arrayContaining(["MX", "XK"]));
    expect(resolved.error.message).toContain('Unknown country "XX"');
    expect(resolved.error.message).toContain("MX (Mexico)");
    expect(resolved.error.message).toContain("ISO 3166-1");
  });

  it("says a valid ISO code has no Ember figure, instead of calling it unknown", () => {
    // ISO 3166-1 assigns these; @tgwf/co2 0.19.0 has no averageIntensity key for any of them.
    const names: [string, string][] = [["MC", "Monaco"], ["AD", "Andorra"], ["LI", "Liechtenstein"], ["SM", "San Marino"], ["VA", "Holy See (Vatican City State)"], ["GI", "Gibraltar"]];
    for (const [code, name] of names) {
      const resolved = resolveIntensity({ country: code });
      expect(resolved.ok).toBe(false);
      if (resolved.ok) continue;
      expect(resolved.error.code).toBe("no-country-figure");
      expect(resolved.error.suggestions).toEqual([]);
      expect(resolved.error.message.startsWith(`no Ember figure for ${name} (${code}) in @tgwf/co2 0.19.0: give a zone`)).toBe(true);
    }
    expect(resolveIntensity({ country: "MC" })).toEqual({
      ok: false,
      error: { code: "no-country-figure", message: "no Ember figure for Monaco (MC) in @tgwf/co2 0.19.0: give a zone or an explicit intensityGPerKwh with its source", suggestions: [] },
    });
    // By alpha-3 and by name too; Gibraltar has an Electricity Maps zone of its own, so it is named.
    expect(resolveIntensity({ country: "MCO" })).toMatchObject({ ok: false, error: { code: "no-country-figure" } });
    expect(resolveIntensity({ country: "monaco" })).toMatchObject({ ok: false, error: { code: "no-country-figure" } });
    const gibraltar = resolveIntensity({ country: "GI" });
    expect(!gibraltar.ok && gibraltar.error.message).toContain('give a zone (Electricity Maps has "GI") or an explicit intensityGPerKwh');
  });

  it("reads UK as GB with a note, rather than suggesting CK, DK or FK", () => {
    const resolved = resolveIntensity({ country: "UK" });
    expect(resolved.ok).toBe(true);
    if (!resolved.ok) return;
    expect(resolved.intensityGPerKwh).toBe(averageIntensity.data["GBR"]);
    expect(resolved.source).toMatchObject({ key: "GBR", label: "United Kingdom" });
    expect(resolved.warnings).toEqual(['country "UK" read as GB (United Kingdom): UK is not an ISO 3166-1 code, only reserved for that country']);
    expect(resolveIntensity({ country: "gb" })).toMatchObject({ ok: true, warnings: [] });
  });

  it("suggests the code of a misspelt name", () => {
    const resolved = resolveIntensity({ country: "Frnace" });
    expect(!resolved.ok && resolved.error.suggestions).toContain("FR");
  });

  it("falls back to WORLD with a warning when nothing is configured", () => {
    const resolved = resolveIntensity(undefined);
    expect(resolved.ok).toBe(true);
    if (!resolved.ok) return;
    expect(resolved.intensityGPerKwh).toBe(472.94);
    expect(resolved.source).toMatchObject({ key: "WORLD", year: "latest available" });
    expect(resolved.warnings).toHaveLength(1);
    expect(resolved.warnings[0]).toContain("WORLD average");
  });
});

describe("resolveIntensity by Electricity Maps zone", () => {
  it("reads a zone's yearly average", () => {
    // REFERENCES.md: 2024 US-MIDA-PJM 403, FR 33; checked against the installed data.
    expect(electricityMaps["yearly2024"]?.data["US-MIDA-PJM"]?.carbonIntensity.value).toBe(403);
    expect(electricityMaps["yearly2024"]?.data["FR"]?.carbonIntensity.value).toBe(33);
    const pjm = resolveIntensity({ zone: "US-MIDA-PJM", year: 2024 });
    expect(pjm.ok && pjm.intensityGPerKwh).toBe(403);
    expect(pjm.ok && pjm.source).toEqual({
      dataset: "electricity-maps-yearly",
      packageName: "@tgwf/co2",
      packageVersion: "0.19.0",
      zone: "US-MIDA-PJM",
      label: "PJM Interconnection, USA",
      year: 2024,
    });
    const france = resolveIntensity({ zone: "fr", year: 2024 });
    expect(france.ok && france.intensityGPerKwh).toBe(33);
  });

  it("defaults to the latest year the zone has", () => {
    expect(ELECTRICITY_MAPS_YEARS).toEqual([2021, 2022, 2023, 2024, 2025]);
    const resolved = resolveIntensity({ zone: "us-mida-pjm" });
    expect(resolved.ok).toBe(true);
    if (!resolved.ok) return;
    expect(resolved.source).toMatchObject({ zone: "US-MIDA-PJM", year: 2025 });
    expect(resolved.intensityGPerKwh).toBe(electricityMaps["yearly2025"]?.data["US-MIDA-PJM"]?.carbonIntensity.value);
  });

  it("rejects a missing year, listing the ones available", () => {
    const resolved = resolveIntensity({ zone: "FR", year: 2019 });
    expect(resolved.ok).toBe(false);
    if (resolved.ok) return;
    expect(resolved.error.code).toBe("year-unavailable");
    expect(resolved.error.suggestions).toEqual(["2021", "2022", "2023", "2024", "2025"]);
  });

  it("rejects an unknown zone with close ids", () => {
    const resolved = resolveIntensity({ zone: "US-MIDA-PJN" });
    expect(resolved.ok).toBe(false);
    if (resolved.ok) return;
    expect(resolved.error.code).toBe("unknown-zone");
    expect(resolved.error.suggestions[0]).toBe("US-MIDA-PJM");
    const byName = resolveIntensity({ zone: "ERCOT" });
    expect(!byName.ok && byName.error.suggestions).toContain("US-TEX-ERCO");
  });
});

describe("resolveIntensity with an explicit figure", () => {
  it("wins and keeps its stated source", () => {
    const resolved = resolveIntensity({ intensityGPerKwh: 250, source: "Electricity Maps API, DE, 2025 average" });
    expect(resolved).toEqual({
      ok: true,
      intensityGPerKwh: 250,
      source: { dataset: "explicit", description: "Electricity Maps API, DE, 2025 average" },
      warnings: [],
    });
  });

  it("rejects negative figures and a missing source, and warns on likely unit slips", () => {
    expect(resolveIntensity({ intensityGPerKwh: -1, source: "x" })).toMatchObject({ ok: false, error: { code: "invalid-intensity" } });
    expect(resolveIntensity({ intensityGPerKwh: 300, source: " " })).toMatchObject({ ok: false, error: { code: "invalid-intensity" } });
    const kg = resolveIntensity({ intensityGPerKwh: 0.35, source: "grid operator" });
    expect(kg.ok && kg.warnings[0]).toContain("kgCO2e/kWh");
    const zero = resolveIntensity({ intensityGPerKwh: 0, source: "green tariff" });
    expect(zero.ok && zero.warnings[0]).toContain("market-based");
  });

  it("rejects an object with none of the known keys", () => {
    const resolved = resolveIntensity({} as never);
    expect(resolved).toMatchObject({ ok: false, error: { code: "invalid-location" } });
  });
});

describe("resolveIntensity on a parsed config's flat fields", () => {
  it("accepts optional keys left undefined", () => {
    const resolved = resolveIntensity({ country: "de", zone: undefined, year: undefined, intensityGPerKwh: undefined, source: undefined });
    expect(resolved.ok && resolved.intensityGPerKwh).toBe(342.06);
  });

  it("prefers explicit over zone over country, and says what it ignored", () => {
    const resolved = resolveIntensity({ country: "FR", intensityGPerKwh: 100, source: "site meter" });
    expect(resolved.ok && resolved.intensityGPerKwh).toBe(100);
    expect(resolved.ok && resolved.warnings[0]).toContain("country ignored");
    const zone = resolveIntensity({ country: "DE", zone: "FR", year: 2024 });
    expect(zone.ok && zone.intensityGPerKwh).toBe(33);
  });

  it("rejects a fractional year", () => {
    expect(resolveIntensity({ zone: "FR", year: 2024.5 })).toMatchObject({ ok: false, error: { code: "invalid-location" } });
  });
});

describe("zone suggestions by name", () => {
  it("finds zones whose name contains the input", () => {
    const resolved = resolveIntensity({ zone: "texas" });
    expect(!resolved.ok && resolved.error.suggestions).toContain("US-TEX-ERCO");
    expect(!resolved.ok && resolved.error.message).toContain('"US-TEX-ERCO"');
  });
});
