import { describe, expect, it } from "vitest";
import { chatFail, chatLongError, summariseWarn } from "./fixtures.test-helper.js";
import { renderComparisonChart, renderHistoryChart } from "./mermaid-chart.js";

describe("renderComparisonChart", () => {
  it("draws absolute values when scenarios share a unit and a similar size", () => {
    const chart = renderComparisonChart([chatFail, summariseWarn])!;
    // chat 1.7780e-5 g per token is the largest base: mg per 1k tokens. summarise: 0.62 J → 7.609e-6 g + embodied
    // 1.2e6 × 5.4 / 126,144,000 × 4/128 / 256 = 6.271e-6 g = 1.388e-5 g = 13.88 mg per 1k tokens.
    expect(chart.block).toContain('y-axis "mg CO2e per 1k tokens" 0 --> 22.00');
    expect(chart.block).toContain("bar [17.78, 13.88]");
    // Heads are 1.095 and 1.035 times their bases (energy and run time scale together).
    expect(chart.block).toContain("line [19.47, 14.37]");
    expect(chart.caption).toBe("Bars: base. Line: head.");
  });

  it("leaves out scenarios without both sides and returns null when none remain", () => {
    expect(renderComparisonChart([chatLongError])).toBeNull();
    expect(renderComparisonChart([chatLongError, chatFail])!.block).toContain('x-axis ["chat"]');
  });

  it("keeps the worst scenarios when there are too many to draw", () => {
    const many = [summariseWarn, { ...summariseWarn, name: "b", outcome: "pass" as const }, chatFail];
    const chart = renderComparisonChart(many, 2)!;
    expect(chart.block).toContain('x-axis ["summarise", "chat"]');
    expect(chart.caption).toContain("Shows 2 of 3 scenarios, worst outcomes first.");
  });
});

describe("renderHistoryChart", () => {
  it("keeps the last points and ends with the head", () => {
    const history = Array.from({ length: 30 }, (_, i) => ({ label: `run ${i}`, sciGPerUnit: 1.8e-5 }));
    const chart = renderHistoryChart(chatFail, history, 5)!;
    expect(chart.block).toContain('x-axis ["run 25", "run 26", "run 27", "run 28", "run 29", "this PR"]');
    expect(chart.block).toContain("line [18.00, 18.00, 18.00, 18.00, 18.00, 19.47]");
    expect(renderHistoryChart(chatFail, [])).toBeNull();
  });
});
