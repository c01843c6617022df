import { compareReports, parseReport, type Report } from "@sci-gate/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { franceAssumptions, runnerMachine } from "./fixtures.test-helper.js";
import { countMarkers, describeTableShapes, findStrayAngleBrackets } from "./markdown-checks.test-helper.js";
import { renderConsole } from "./render-console.js";
import { renderComment, renderSummary } from "./render-markdown.js";
import { buildConfig, buildReport, buildRun } from "./report-fixtures.test-helper.js";

/**
 * The whole path a fork's report takes in `mode: comment`: JSON text → parseReport →
 * compareReports → renderComment. Every string the report schema lets through (scenario names and
 * units are free text in a report, unlike in sci-gate.yml) is hostile here, and whatever survives
 * validation must render without a tag, a forged marker, a broken table, a live mention or an
 * issue reference.
 */
const hostile = fc.oneof(
  fc.string({
    unit: fc.constantFrom("<", ">", "|", "\n", "\r", "@", "#", "1", "-", "!", "`", "&", "a", " ", "\u001B", "*", "_", "[", "]", "\\", "$", "~", ":", "\u202E", "\u0085", "--", "!--", "-->"),
    minLength: 1,
    maxLength: 30,
  }),
  fc.string({ unit: "binary", minLength: 1, maxLength: 30 }),
  fc.constantFrom(
    "<!-- sci-gate:comment:default -->",
    "<!-- sci-gate:comment:",
    "</details>",
    "</pre>",
    "| a | b |",
    "@everyone",
    "@octo-org/security",
    "#1",
    "GH-12",
    "```",
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "[click](javascript:alert(1))",
    "$\\sqrt{x}$",
    "https://github.com/octo-org/repo/pull/1",
    "www.example.com/issues/2",
  ),
);

const hostileReport = fc.record({
  names: fc.uniqueArray(hostile, { minLength: 1, maxLength: 3, selector: (s) => s.slice(0, 64) }),
  unit: hostile,
  command: hostile,
  scenarioWarning: hostile,
  runWarning: hostile,
  cpuModel: hostile,
  intensityDescription: hostile,
  assumptionWarning: hostile,
  statusError: fc.option(hostile, { nil: undefined }),
  version: hostile,
  ref: hostile,
  ratio: fc.double({ min: 0.2, max: 5, noNaN: true }),
  units: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1_000_000 })),
});

type Sample = typeof hostileReport extends fc.Arbitrary<infer T> ? T : never;

function buildHostileReport(sample: Sample): Report {
  const scenarios = sample.names.map((rawName) => {
    const name = rawName.slice(0, 64);
    const runs = [0, 1, 2, 3].flatMap((i) => [
      buildRun("base", i, { energyJ: 100 + i, units: sample.units, durationS: 2 }, { warnings: [sample.runWarning] }),
      buildRun("head", i, { energyJ: (100 + i) * sample.ratio, units: sample.units, durationS: 2 }),
    ]);
    return { name, unit: sample.unit.slice(0, 32), command: sample.command, runs, warnings: [sample.scenarioWarning] };
  });
  return buildReport(scenarios, {
    tool: { name: "sci-gate", version: sample.version },
    revisions: { base: { sha: sample.ref, ref: sample.ref, configHash: null }, head: { sha: "9b7f3d1", ref: sample.ref, configHash: null } },
    machine: { ...runnerMachine, cpuModel: sample.cpuModel },
    assumptions: {
      ...franceAssumptions,
      intensitySource: { ...franceAssumptions.intensitySource, description: sample.intensityDescription },
      warnings: [sample.assumptionWarning],
    },
    status: { interrupted: false, errors: sample.statusError === undefined ? [] : [sample.statusError] },
  });
}

const methodologyUrl = "https://github.com/sci-gate/sci-gate/blob/main/docs/METHODOLOGY.md";

function checkMarkdown(body: string, markers: number): void {
  expect(findStrayAngleBrackets(body)).toEqual([]);
  expect(countMarkers(body)).toBe(markers);
  for (const shape of describeTableShapes(body)) expect(shape).toHaveLength(1);
  // Mentions and references are broken by a zero-width space; none is live. (GitHub does not
  // link inside code blocks, where the Mermaid chart keeps its own safe alphabet.)
  const prose = body.replace(/^```[\s\S]*?^```/gm, "");
  expect(prose).not.toMatch(/@(?!\u200B)[A-Za-z0-9]/);
  expect(prose).not.toMatch(/(?<![&\w])#\d/);
  expect(prose).not.toMatch(/\bGH-\d/);
  // No pasted URL is auto-linked; the methodology link is our own.
  expect(prose.replaceAll(methodologyUrl, "")).not.toMatch(/\bhttps?:\/\/|\bwww\./i);
  expect(body).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E]/);
  expect((body.match(/^```/gm) ?? []).length % 2).toBe(0);
}

describe("a hostile report, from JSON text to the PR comment", () => {
  it("parses or is refused with typed issues, and what is accepted renders safely", () => {
    const config = buildConfig({}, ["chat"]);
    let rendered = 0;
    fc.assert(
      fc.property(hostileReport, (sample) => {
        const text = JSON.stringify(buildHostileReport(sample));
        const parsed = parseReport(text, "fork-report.json");
        if (!parsed.ok) {
          expect(parsed.errors.length).toBeGreaterThan(0);
          return;
        }
        const compared = compareReports({ base: parsed.value, head: parsed.value, rules: config, files: { base: "fork-report.json", head: "fork-report.json" } });
        if (!compared.ok) {
          expect(compared.errors.length).toBeGreaterThan(0);
          return;
        }
        rendered++;
        const input = {
          comparison: compared.value,
          report: parsed.value,
          config,
          version: parsed.value.tool.version,
          // As the action builds it: from its own inputs and the verified event, never from the report.
          reproduceCommand: "npx sci-gate run --config sci-gate.yml --base f95f852bd8fca8fcc58a9a2d6c842781e32a215e",
          methodologyUrl,
        };
        const body = renderComment({ ...input, commentId: "default" });
        expect(body.startsWith("<!-- sci-gate:comment:default -->")).toBe(true);
        expect(body.length).toBeLessThanOrEqual(65_536);
        checkMarkdown(body, 1);
        checkMarkdown(renderSummary(input), 0);
        expect(renderConsole(input)).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E]/);
      }),
      { numRuns: 150 },
    );
    // The property is not vacuous: most hostile reports are valid reports.
    expect(rendered).toBeGreaterThan(50);
    // 150 hostile reports through parse, compare and three renderers: seconds alone, far longer on a
    // shared 2-core CI machine, so the limit is generous rather than tuned to one machine.
  }, 300_000);
});
