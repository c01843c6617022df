import { describe, expect, it } from "vitest";
import { parseMassPerUnitG } from "./mass-per-unit.js";

describe("parseMassPerUnitG", () => {
  it("reads the ceilings people write", () => {
    // 0.4 mg = 4e-4 g, spread over 1,000 tokens → 4e-7 g per token
    expect(parseMassPerUnitG("0.4 mg per 1k tokens")).toBeCloseTo(4e-7, 15);
    expect(parseMassPerUnitG("2 g/request")).toBe(2);
    // 350 µg over a million tokens → 3.5e-10 g per token
    expect(parseMassPerUnitG("350 µg per 1M tokens")).toBeCloseTo(3.5e-10, 20);
    expect(parseMassPerUnitG("1.5 gCO2e per 100 images")).toBeCloseTo(0.015, 12);
  });

  it("rejects text of another shape", () => {
    expect(parseMassPerUnitG("ten grams")).toBeNull();
    expect(parseMassPerUnitG("0.4 mg")).toBeNull();
    expect(parseMassPerUnitG("0.4 mg per 0 tokens")).toBeNull();
  });
});
