import { describe, expect, it } from "vitest";
import { matchesUnit, parseMassPerUnit, parseMassPerUnitG } from "./mass-per-unit.js";

describe("parseMassPerUnitG", () => {
  it("reads the ceilings people write", () => {
    // 0.4 mg = 4e-4 g, spread over 1,000 tokens → 4e-7 g per token
    expect(parseMassPerUnitG("0.4 mg per 1k tokens")).toBeCloseTo(4e-7, 15);
    expect(parseMassPerUnitG("2 g/request")).toBe(2);
    // 350 µg over a million tokens → 3.5e-10 g per token
    expect(parseMassPerUnitG("350 µg per 1M tokens")).toBeCloseTo(3.5e-10, 20);
    expect(parseMassPerUnitG("1.5 gCO2e per 100 images")).toBeCloseTo(0.015, 12);
  });

  it("takes a scale letter only right after a count, never from the unit word", () => {
    // "message", "batch", "kernel" start with m, b, k: the whole word is the unit, no scale.
    expect(parseMassPerUnit("2 g per message")).toEqual({ gramsPerUnit: 2, unitWord: "message" });
    // 1 mg = 1e-3 g per one batch
    expect(parseMassPerUnit("1 mg per batch")).toEqual({ gramsPerUnit: 1e-3, unitWord: "batch" });
    expect(parseMassPerUnit("1 g per kernel")).toEqual({ gramsPerUnit: 1, unitWord: "kernel" });
    expect(parseMassPerUnit("3 g per token")).toEqual({ gramsPerUnit: 3, unitWord: "token" });
    // 1 g over 1k = 1,000 tokens → 1e-3 g per token; 1 g over 1M = 1e6 → 1e-6 g
    expect(parseMassPerUnit("1 g per 1k tokens")).toEqual({ gramsPerUnit: 1e-3, unitWord: "tokens" });
    expect(parseMassPerUnit("1 g per 1M tokens")).toEqual({ gramsPerUnit: 1e-6, unitWord: "tokens" });
    // 1 g over 2 billion → 5e-10 g
    expect(parseMassPerUnit("1 g per 2b tokens")?.gramsPerUnit).toBeCloseTo(5e-10, 22);
    // 1 mg over 1,000 tokens (thousands separator) → 1e-3 g / 1000 = 1e-6 g
    expect(parseMassPerUnit("1 mg per 1,000 tokens")).toEqual({ gramsPerUnit: 1e-6, unitWord: "tokens" });
    // 6 g over 1,200,000 → 5e-6 g
    expect(parseMassPerUnit("6 g per 1,200,000 tokens")?.gramsPerUnit).toBeCloseTo(5e-6, 18);
    // A count alone names no unit: 5 g over 1k → 5e-3 g
    expect(parseMassPerUnit("5 g per 1k")).toEqual({ gramsPerUnit: 5e-3, unitWord: null });
  });

  it("rejects text of another shape", () => {
    expect(parseMassPerUnitG("ten grams")).toBeNull();
    expect(parseMassPerUnitG("0.4 mg")).toBeNull();
    expect(parseMassPerUnitG("0.4 mg per 0 tokens")).toBeNull();
    expect(parseMassPerUnitG("2 g per")).toBeNull();
    // A scale letter not right after a count, or a malformed separator.
    expect(parseMassPerUnitG("2 g per k tokens")).toBeNull();
    expect(parseMassPerUnitG("2 g per 1,00 tokens")).toBeNull();
  });
});

describe("matchesUnit", () => {
  it("accepts the unit in the singular or the plural, in any case", () => {
    expect(matchesUnit("token", "token")).toBe(true);
    expect(matchesUnit("Tokens", "token")).toBe(true);
    expect(matchesUnit("batches", "batch")).toBe(true);
    expect(matchesUnit("queries", "query")).toBe(true);
    expect(matchesUnit("requests", "token")).toBe(false);
    expect(matchesUnit("tokenss", "token")).toBe(false);
  });
});
