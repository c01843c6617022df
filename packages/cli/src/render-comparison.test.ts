import { compareReports } from "@sci-gate/core";
import { buildReproduceCommand, methodologyUrlFor, renderComment } from "@sci-gate/report";
import { describe, expect, it } from "vitest";
import { makeConfig, makePairedReport } from "../../core/src/compare/make-report.test-helper.js";
import { readReproduceContext } from "./render-comparison.js";
import { runInProcess, useTempDir, wobble, writeReport } from "./test-context.test-helper.js";
import { readToolVersion } from "./version.js";

const config = makeConfig("budgets:\n  - maxIncreasePct: { warn: 3, fail: 5 }");
const base = Array.from({ length: 8 }, (_, i) => 100 * wobble(i, 0.01));

describe("compare --format markdown", () => {
  const makeDir = useTempDir();

  it("prints the comment body the action posts, byte for byte: no newline after the body's own", async () => {
    const dir = await makeDir();
    const report = { ...makePairedReport({ chat: { base, head: base } }, config), revisions: { base: { sha: "f95f852", ref: "main", configHash: null } } };
    await writeReport(dir, "both.json", report);
    const result = await runInProcess(["compare", "both.json", "--format", "markdown"], dir);
    expect(result.code, result.stderr).toBe(0);
    const compared = compareReports({ base: report, head: report, files: { base: "both.json", head: "both.json" } });
    if (!compared.ok) throw new Error("the fixture should compare");
    const version = readToolVersion();
    // What the action renders for this pull request: the same inputs, the reproduce line from the shared builder.
    const body = renderComment({
      comparison: compared.value,
      report,
      config,
      version,
      reproduceCommand: buildReproduceCommand({ baseSha: "f95f852" }),
      methodologyUrl: methodologyUrlFor(version),
      commentId: "default",
    });
    expect(result.stdout).toBe(body);
    expect(result.stdout.endsWith("</pre>\n")).toBe(true);
    // The base commit is in the report, so the line re-measures; && is HTML-escaped inside <pre>.
    expect(result.stdout).toContain("<pre>npx sci-gate run --base f95f852 &amp;&amp; npx sci-gate compare sci-gate-report.json</pre>");
  });
});

describe("readReproduceContext", () => {
  const report = makePairedReport({ chat: { base, head: base } }, config);

  it("takes the report files and --config from the command line, wherever the options stand", () => {
    expect(readReproduceContext(["compare", "--format", "markdown", "both.json", "--config", "ci.yml", "--history", "old.json"], report)).toEqual({
      reportPath: "both.json",
      configPath: "ci.yml",
      baseSha: null,
    });
    expect(readReproduceContext(["compare", "main.json", "pr.json", "--config=ci.yml"], report)).toEqual({ reportPath: ["main.json", "pr.json"], configPath: "ci.yml" });
  });
});
