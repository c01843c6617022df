import { describe, expect, it } from "vitest";
import { computeUnitsPerYear, projectYearlyG } from "./volume.js";

describe("production volume", () => {
  it("turns each period into a year", () => {
    expect(computeUnitsPerYear({ units: 2e9, per: "day" })).toBe(7.3e11);
    // 52.142857… weeks of 365/7 days.
    expect(computeUnitsPerYear({ units: 7, per: "week" })).toBeCloseTo(365, 9);
    expect(computeUnitsPerYear({ units: 1e6, per: "month" })).toBe(1.2e7);
    expect(computeUnitsPerYear({ units: 5, per: "year" })).toBe(5);
  });

  it("projects grams per year", () => {
    // 2e9 tokens a day × 365 × 1.2e-5 g = 8.76e6 g.
    expect(projectYearlyG({ units: 2e9, per: "day" }, 1.2e-5)).toBeCloseTo(8.76e6, 3);
  });
});
