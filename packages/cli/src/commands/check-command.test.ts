import type { Comparison } from "@sci-gate/core";
import { describe, expect, it } from "vitest";
import { makeConfig, makePairedReport } from "../../../core/src/compare/make-report.test-helper.js";
import { runInProcess, useTempDir, wobble, writeReport } from "../test-context.test-helper.js";

// Each run: ~100 J for 1,000 tokens at 1e-4 g/J, so SCI ≈ 1e-5 g (0.01 mg) per token.
const energies = Array.from({ length: 8 }, (_, i) => 100 * wobble(i, 0.01));
const ceiling = (grams: string) => makeConfig(`budgets:\n  - maxIncreasePct: { fail: 5 }\n    maxSciGPerUnit: { fail: ${grams} }`);

describe("sci-gate check", () => {
  const makeDir = useTempDir();

  it("fails a head above the ceiling with exit 1, and passes one below it", async () => {
    const dir = await makeDir();
    await writeReport(dir, "low.json", makePairedReport({ chat: { base: [], head: energies } }, ceiling("0.000005")));
    await writeReport(dir, "high.json", makePairedReport({ chat: { base: [], head: energies } }, ceiling("0.00002")));
    const over = await runInProcess(["check", "low.json"], dir);
    expect(over.code).toBe(1);
    expect(over.stdout).toMatch(/chat .*FAIL/);
    const under = await runInProcess(["check", "high.json", "--format", "json"], dir);
    expect(under.code).toBe(0);
    const comparison = JSON.parse(under.stdout) as Comparison;
    // Only the ceiling is judged: the relative budget has no base here.
    expect(comparison.scenarios[0]?.verdicts.map((v) => v.kind)).toEqual(["absolute"]);
    expect(comparison.scenarios[0]?.outcome).toBe("pass");
  });

  it("judges the head of a report holding both revisions, with the base's rules", async () => {
    const dir = await makeDir();
    const report = makePairedReport({ chat: { base: energies.map((e) => e / 10), head: energies } }, ceiling("0.000005"));
    report.configs.head = ceiling("0.1");
    await writeReport(dir, "both.json", report);
    const result = await runInProcess(["check", "both.json", "--format", "json"], dir);
    expect(result.code).toBe(1);
    const comparison = JSON.parse(result.stdout) as Comparison;
    expect(comparison.rulesFrom).toBe("base");
    expect(comparison.scenarios[0]?.head?.runs).toBe(8);
    expect(comparison.scenarios[0]?.base).toBeNull();
  });

  it("judges the only revision of a base-only report, and takes --config over the report's", async () => {
    const dir = await makeDir();
    await writeReport(dir, "base-only.json", makePairedReport({ chat: { base: energies, head: [] } }, ceiling("0.00002")));
    expect((await runInProcess(["check", "base-only.json"], dir)).code).toBe(0);
    const { writeFile } = await import("node:fs/promises");
    await writeFile(`${dir}/strict.yml`, "version: 1\nscenarios:\n  - { name: chat, run: x, unit: token }\nbudgets:\n  - maxSciGPerUnit: { fail: 0.000001 }\n");
    const strict = await runInProcess(["check", "base-only.json", "--config", "strict.yml"], dir);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain("rules from the head");
  });

  it("says nothing about rule changes for a report measured alone (like the example's), whose config has relative budgets", async () => {
    const dir = await makeDir();
    // As `sci-gate run` writes it without --base: head runs, the head's config only, a relative budget.
    const report = makePairedReport({ chat: { base: [], head: energies } }, ceiling("0.00002"));
    report.configs = { head: ceiling("0.00002") };
    report.scenarios[0]!.runs = report.scenarios[0]!.runs.map((run) => ({ ...run, pair: null }));
    await writeReport(dir, "sci-gate-report.json", report);
    const text = await runInProcess(["check", "sci-gate-report.json"], dir);
    expect(text.code).toBe(0);
    expect(text.stdout).not.toContain("changes the sci-gate rules");
    const json = JSON.parse((await runInProcess(["check", "sci-gate-report.json", "--format", "json"], dir)).stdout) as Comparison;
    expect(json.budgetChanges).toEqual([]);
  });

  it("still names a ceiling the head's config changes", async () => {
    const dir = await makeDir();
    const report = makePairedReport({ chat: { base: energies, head: energies } }, ceiling("0.00002"));
    report.configs.head = ceiling("0.00003");
    await writeReport(dir, "both.json", report);
    const json = JSON.parse((await runInProcess(["check", "both.json", "--format", "json"], dir)).stdout) as Comparison;
    // The "*" budget covers both scenarios of the test config.
    expect(json.budgetChanges).toEqual(["chat: ceiling fail 20 µg per token → 30 µg per token", "long: ceiling fail 20 µg per token → 30 µg per token"]);
  });

  it("exits 3 with the reason when the report's suite failed", async () => {
    const dir = await makeDir();
    const report = makePairedReport({ chat: { base: [], head: energies } }, ceiling("0.00002"));
    report.status.interrupted = true;
    await writeReport(dir, "r.json", report);
    const result = await runInProcess(["check", "r.json"], dir);
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/^sci-gate: ERROR/);
    expect(result.stderr).toContain("sci-gate: the suite failed: r.json: the measurement was interrupted; the report covers only the runs that finished");
  });

  it("passes and says so when no ceiling is configured", async () => {
    const dir = await makeDir();
    await writeReport(dir, "r.json", makePairedReport({ chat: { base: [], head: energies } }, makeConfig("budgets:\n  - maxIncreasePct: { fail: 5 }")));
    const result = await runInProcess(["check", "r.json"], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("sets maxSciGPerUnit, so no ceiling applies");
  });

  it("exits 2 for a report without a config, or without a report", async () => {
    const dir = await makeDir();
    const report = makePairedReport({ chat: { base: [], head: energies } }, ceiling("1"));
    report.configs = {};
    await writeReport(dir, "bare.json", report);
    const bare = await runInProcess(["check", "bare.json"], dir);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain("bare.json: expected the report to carry the config it was measured with; pass --config F");
    expect((await runInProcess(["check"], dir)).code).toBe(2);
  });
});
