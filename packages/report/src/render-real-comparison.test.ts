import { compareReports } from "@sci-gate/core";
import { describe, expect, it } from "vitest";
import { buildConfig, buildReport, buildRun } from "./report-fixtures.test-helper.js";
import { countMarkers, describeTableShapes, findStrayAngleBrackets } from "./markdown-checks.test-helper.js";
import { renderConsole } from "./render-console.js";
import { renderComment } from "./render-markdown.js";

/**
 * The hand-built fixtures stand in for core's compare step; this renders what compareReports
 * itself returns, so a change in its output shape shows up here.
 */
describe("rendering core's own comparison", () => {
  it("renders a paired base/head report compared by compareReports", () => {
    // Ten ABBA pairs of the chat scenario; the head uses about 9 % more energy per run, with
    // a deterministic ±1 % wobble so the interval has a width.
    const wobble = [0.004, -0.006, 0.009, -0.002, 0.001, -0.008, 0.006, -0.003, 0.007, -0.005];
    const runs = wobble.flatMap((w, i) => [
      buildRun("base", i, { energyJ: 460.8 * (1 + w), units: 512, durationS: 11.6 }),
      buildRun("head", i, { energyJ: 460.8 * 1.09 * (1 - w), units: 512, durationS: 12.6 }),
    ]);
    const config = buildConfig({ chat: { units: 2e9, per: "day" } }, ["chat"]);
    const report = buildReport([{ name: "chat", unit: "token", command: "python bench.py --scenario chat", runs, warnings: [] }], {
      configs: { base: config, head: config },
    });
    const result = compareReports({ base: report, head: report });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const input = {
      comparison: result.value,
      report,
      config,
      commentId: "default",
      version: "0.1.0",
      reproduceCommand: "npx sci-gate compare sci-gate-report.json",
      methodologyUrl: "https://example.test/METHODOLOGY.md",
    };
    const body = renderComment(input);
    expect(countMarkers(body)).toBe(1);
    expect(findStrayAngleBrackets(body)).toEqual([]);
    for (const shape of describeTableShapes(body)) expect(shape).toHaveLength(1);
    expect(body).toContain("### sci-gate: ❌ 1 scenario over budget");
    expect(body).toMatch(/\| chat +\| 1k tokens +\| +17\.8 mg \|/);
    expect(body).toContain("❌ fail (&gt; 5 %)");
    expect(body).toContain("Hodges–Lehmann");
    expect(renderConsole(input)).toContain("FAIL (> 5 %)");
  });
});
