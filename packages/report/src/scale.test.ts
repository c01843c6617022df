import { describe, expect, it } from "vitest";
import { describePerUnits, formatEnergyJ, formatMassG, formatSciMass, pluraliseUnit, selectSciScale } from "./scale.js";

const show = (gPerUnit: number, unit: string) => {
  const scale = selectSciScale(gPerUnit);
  return `${formatSciMass(gPerUnit, scale)} ${describePerUnits(scale, unit)}`;
};

describe("SCI per unit scale", () => {
  it("shows a tiny-llm token as milligrams per 1k tokens", () => {
    // 1.2e-5 g per token: per token that is 0.012 mg (< 1 mg), so go to 1k tokens:
    // 1.2e-5 × 1000 = 0.012 g = 12 mg, mantissa 12.0 in [1, 1000).
    expect(show(1.2e-5, "token")).toBe("12.0 mg per 1k tokens");
  });

  it("works the reference chat scenario by hand", () => {
    // Operational 0.9 / 3.6e6 × 44.18 = 1.1045e-5 g; embodied 1.2e6 × 11.6 / 126,144,000 × 4/128 / 512 = 6.736e-6 g.
    // SCI 1.7781e-5 g per token → × 1000 = 0.017781 g = 17.8 mg per 1k tokens.
    expect(show(1.1045e-5 + 6.736e-6, "token")).toBe("17.8 mg per 1k tokens");
  });

  it("keeps per-unit figures when a unit is already heavy enough", () => {
    // 0.5 g per image ≥ 1 mg: per image; 0.5 g = 500 mg.
    expect(show(0.5, "image")).toBe("500 mg per image");
    // 2 g = 2.00 g.
    expect(show(2, "request")).toBe("2.00 g per request");
    // 1500 g = 1.50 kg.
    expect(show(1500, "batch")).toBe("1.50 kg per batch");
    // exactly 1 mg per token stays per token.
    expect(show(1e-3, "token")).toBe("1.00 mg per token");
  });

  it("goes to 1M units for very small figures, then to micrograms", () => {
    // 2e-9 g per token: per 1k = 2e-6 g (< 1 mg); per 1M = 2e-3 g = 2.00 mg.
    expect(show(2e-9, "token")).toBe("2.00 mg per 1M tokens");
    // 3.5e-10 g: per 1M = 3.5e-4 g = 350 µg, below 1 mg even per 1M.
    expect(show(3.5e-10, "token")).toBe("350 µg per 1M tokens");
  });

  it("decides on the rounded mantissa so it never shows 1000", () => {
    // 9.9996e-7 g per token: per 1k = 9.9996e-4 g, which rounds to 1.00 mg.
    expect(show(9.9996e-7, "token")).toBe("1.00 mg per 1k tokens");
    // 0.99996 g per request rounds to 1000 mg, so grams.
    expect(show(0.99996, "request")).toBe("1.00 g per request");
  });

  it("falls back to grams per unit for zero and non-finite values", () => {
    expect(selectSciScale(0)).toEqual({ perUnits: 1, mass: { symbol: "g", factor: 1 } });
    expect(selectSciScale(Number.NaN).perUnits).toBe(1);
  });
});

describe("energy and mass at their own scale", () => {
  it("picks mJ, J or kJ so the mantissa is in [1, 1000)", () => {
    expect(formatEnergyJ(0.9)).toBe("900 mJ");
    expect(formatEnergyJ(0.983)).toBe("983 mJ");
    expect(formatEnergyJ(460.8)).toBe("461 J");
    expect(formatEnergyJ(12_300)).toBe("12.3 kJ");
    expect(formatEnergyJ(0)).toBe("0 J");
  });

  it("picks g, kg or t for yearly projections", () => {
    // 7.3e11 tokens × 1.2e-5 g = 8.76e6 g = 8.76 t.
    expect(formatMassG(7.3e11 * 1.2e-5)).toBe("8.76 t");
    expect(formatMassG(0.027)).toBe("27.0 mg");
    expect(formatMassG(4200)).toBe("4.20 kg");
  });
});

describe("unit words", () => {
  it("pluralises functional units", () => {
    expect(pluraliseUnit("token")).toBe("tokens");
    expect(pluraliseUnit("query")).toBe("queries");
    expect(pluraliseUnit("batch")).toBe("batches");
    expect(pluraliseUnit("day")).toBe("days");
  });
});
