import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildComparison, buildScenario, runnerMachine } from "./fixtures.test-helper.js";
import { buildReportFor } from "./report-fixtures.test-helper.js";
import { countMarkers, describeTableShapes, findStrayAngleBrackets } from "./markdown-checks.test-helper.js";
import { renderConsole } from "./render-console.js";
import { renderComment, renderSummary } from "./render-markdown.js";

/** Strings built from the characters that break markdown, HTML and terminals, mixed with arbitrary Unicode. */
const hostileText = fc.oneof(
  fc.string({
    unit: fc.constantFrom("<", ">", "|", "\n", "\r", "@", "#", "1", "-", "!", "`", "&", "a", " ", "\u001B", "*", "_", "[", "]", "\\", "$", "~", "=", "\u202E", "--", "!--"),
    maxLength: 40,
  }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom("<!-- sci-gate:comment:default -->", "</details>", "</pre>", "| a | b |", "@everyone", "#1", "```", "<img src=x onerror=alert(1)>"),
);

const outcome = fc.constantFrom("error", "fail", "warn", "inconclusive", "pass" as const);

const scenarioArbitrary = fc.record({
  name: hostileText,
  unit: hostileText,
  warnings: fc.array(hostileText, { maxLength: 3 }),
  decidedBy: hostileText,
  outcome,
  energyJPerUnit: fc.double({ min: 1e-6, max: 1e4, noNaN: true }),
  energyRatio: fc.double({ min: 0.5, max: 2, noNaN: true }),
});

const inputArbitrary = fc.record({
  scenarios: fc.array(scenarioArbitrary, { minLength: 1, maxLength: 4 }),
  globalWarnings: fc.array(hostileText, { maxLength: 2 }),
  budgetChanges: fc.array(hostileText, { maxLength: 2 }),
  machineModel: hostileText,
  command: hostileText,
  version: hostileText,
  methodologyUrl: hostileText,
  commentId: hostileText,
  historyLabel: hostileText,
  maxLength: fc.option(fc.integer({ min: 200, max: 20_000 }), { nil: undefined }),
});

type Sample = typeof inputArbitrary extends fc.Arbitrary<infer T> ? T : never;

function buildInput(sample: Sample) {
  const scenarios = sample.scenarios.map((s) =>
    buildScenario({
      name: s.name,
      unit: s.unit,
      base: { energyJPerUnit: s.energyJPerUnit, unitsPerRun: 100, durationS: 5 },
      energyRatio: s.energyRatio,
      head: s.outcome === "error" ? null : {},
      outcome: s.outcome,
      decidedBy: s.decidedBy,
      warnings: s.warnings,
    }),
  );
  const first = scenarios[0]!;
  return {
    comparison: buildComparison(scenarios, { warnings: sample.globalWarnings, budgetChanges: sample.budgetChanges }),
    report: buildReportFor(scenarios, { machine: { ...runnerMachine, cpuModel: sample.machineModel } }),
    commentId: sample.commentId,
    version: sample.version,
    reproduceCommand: sample.command,
    methodologyUrl: sample.methodologyUrl,
    history: { [first.name]: [{ label: sample.historyLabel, sciGPerUnit: 1e-5 }] },
    ...(sample.maxLength === undefined ? {} : { maxLength: sample.maxLength }),
  };
}

describe("rendering arbitrary user strings", () => {
  it("never lets a string open a tag, forge the marker or change a table's shape", () => {
    fc.assert(
      fc.property(inputArbitrary, (sample) => {
        const input = buildInput(sample);
        const body = renderComment(input);
        expect(findStrayAngleBrackets(body)).toEqual([]);
        expect(countMarkers(body)).toBe(1);
        expect(body.startsWith("<!-- sci-gate:comment:")).toBe(true);
        for (const shape of describeTableShapes(body)) expect(shape).toHaveLength(1);
        expect(body).not.toMatch(/@everyone|(?<![&\w])#\d/);
        expect(body.length).toBeLessThanOrEqual(sample.maxLength ?? 65_000);
        // Code fences open and close in pairs, so nothing after a chart is swallowed into it.
        expect((body.match(/^```/gm) ?? []).length % 2).toBe(0);
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it("keeps the summary marker-free and the console free of control characters", () => {
    fc.assert(
      fc.property(inputArbitrary, (sample) => {
        const input = buildInput(sample);
        expect(countMarkers(renderSummary(input))).toBe(0);
        const text = renderConsole(input);
        expect(text).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E]/);
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});
