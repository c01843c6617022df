import type { Comparison } from "@sci-gate/core";
import { describe, expect, it } from "vitest";
import { makeConfig, makePairedReport, makeRun } from "../../../core/src/compare/make-report.test-helper.js";
import { runInProcess, useTempDir, wobble, writeReport } from "../test-context.test-helper.js";

const config = makeConfig("budgets:\n  - maxIncreasePct: { warn: 3, fail: 5 }");
const base = Array.from({ length: 10 }, (_, i) => 100 * wobble(i, 0.01));
// The head shares each pair's drift, so paired ratios are tight around the true change.
const scaled = (factor: number) => base.map((e, i) => e * factor * wobble(i + 17, 0.003));

describe("sci-gate compare", () => {
  const makeDir = useTempDir();

  it("fails a regression above the budget with exit 1, on one paired report", async () => {
    const dir = await makeDir();
    await writeReport(dir, "both.json", makePairedReport({ chat: { base, head: scaled(1.2) }, long: { base, head: scaled(1) } }, config));
    const result = await runInProcess(["compare", "both.json"], dir);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^sci-gate: FAIL/);
    expect(result.stdout).toMatch(/chat .*FAIL/);
    expect(result.stdout).toMatch(/long .*PASS/);
    expect(result.stdout).toContain("Reproduce: npx sci-gate compare both.json");
  });

  it("passes noise with exit 0", async () => {
    const dir = await makeDir();
    await writeReport(dir, "both.json", makePairedReport({ chat: { base, head: scaled(1.002) } }, config));
    const result = await runInProcess(["compare", "both.json"], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^sci-gate: PASS/);
  });

  it("maps --fail-on: warn fails a warning, never passes a failure", async () => {
    const dir = await makeDir();
    await writeReport(dir, "warn.json", makePairedReport({ chat: { base, head: scaled(1.04) } }, config));
    await writeReport(dir, "fail.json", makePairedReport({ chat: { base, head: scaled(1.2) } }, config));
    expect((await runInProcess(["compare", "warn.json"], dir)).code).toBe(0);
    expect((await runInProcess(["compare", "warn.json", "--fail-on", "warn"], dir)).code).toBe(1);
    expect((await runInProcess(["compare", "fail.json", "--fail-on", "never"], dir)).code).toBe(0);
  });

  it("exits 3 when a run of the suite failed, whatever --fail-on says", async () => {
    const dir = await makeDir();
    const report = makePairedReport({ chat: { base, head: scaled(1) } }, config);
    report.scenarios[0]!.runs.push(makeRun("head", 10, 10, 100, { exitCode: 1 }));
    await writeReport(dir, "broken.json", report);
    const result = await runInProcess(["compare", "broken.json", "--fail-on", "never"], dir);
    expect(result.code).toBe(3);
    expect(result.stdout).toContain("head run 11 exited with code 1");
  });

  it("exits 3 with the reason when the head's suite failed before measuring, instead of passing", async () => {
    const dir = await makeDir();
    const main = makePairedReport({ chat: { base: [], head: base } }, config);
    main.configs = { head: config };
    const failed = makePairedReport({}, config);
    failed.configs = { head: config };
    failed.status.errors = ['setup "npm ci" failed in the head tree (/w): exited with code 1'];
    await writeReport(dir, "main.json", main);
    await writeReport(dir, "pr.json", failed);
    const result = await runInProcess(["compare", "main.json", "pr.json"], dir);
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/^sci-gate: ERROR/);
    expect(result.stdout).not.toMatch(/PASS/);
    expect(result.stderr).toBe('sci-gate: the suite failed: pr.json: setup "npm ci" failed in the head tree (/w): exited with code 1\n');
    const json = JSON.parse((await runInProcess(["compare", "main.json", "pr.json", "--format", "json"], dir)).stdout) as Comparison;
    expect(json.outcome).toBe("error");
    expect(json.scenarios[0]).toMatchObject({ outcome: "inconclusive", decidedBy: 'scenario not measured on the head (setup "npm ci" failed in the head tree (/w): exited with code 1)' });
  });

  it("exits 3, not 2, for one report whose suite failed before any run", async () => {
    const dir = await makeDir();
    const failed = makePairedReport({}, config);
    failed.status.errors = ['setup "npm ci" failed in the base tree (/w): exited with code 1'];
    await writeReport(dir, "both.json", failed);
    const result = await runInProcess(["compare", "both.json"], dir);
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/^sci-gate: ERROR/);
    expect(result.stderr).toContain("sci-gate: the suite failed: both.json: setup");
  });

  it("pairs an interleaved report given as both BASE and HEAD, run by run", async () => {
    const dir = await makeDir();
    await writeReport(dir, "both.json", makePairedReport({ chat: { base, head: scaled(1.2) } }, config));
    const result = await runInProcess(["compare", "both.json", "both.json", "--format", "json"], dir);
    expect(result.code).toBe(1);
    const comparison = JSON.parse(result.stdout) as Comparison;
    expect(comparison.scenarios[0]?.pairing).toBe("paired");
    expect(comparison.scenarios[0]?.sci?.method).toBe("paired-t");
    // The same numbers as the one-report form.
    const single = JSON.parse((await runInProcess(["compare", "both.json", "--format", "json"], dir)).stdout) as Comparison;
    expect(comparison.scenarios[0]?.sci).toEqual(single.scenarios[0]?.sci);
  });

  it("compares two reports, each measured alone, unpaired", async () => {
    const dir = await makeDir();
    const alone = (energies: number[]) => {
      const report = makePairedReport({ chat: { base: [], head: energies } }, config);
      report.configs = { head: config };
      return report;
    };
    await writeReport(dir, "main.json", alone(base));
    await writeReport(dir, "pr.json", alone(scaled(1.25)));
    const result = await runInProcess(["compare", "main.json", "pr.json", "--format", "json"], dir);
    expect(result.code).toBe(1);
    const comparison = JSON.parse(result.stdout) as Comparison;
    expect(Object.keys(comparison)[0]).toBe("schema");
    expect(comparison.schema).toBe("sci-gate/comparison@1");
    expect(comparison.outcome).toBe("fail");
    expect(comparison.scenarios[0]?.pairing).toBe("unpaired");
    expect(comparison.scenarios[0]?.base?.runs).toBe(10);
    expect(comparison.rulesFrom).toBe("base");
  });

  it("renders markdown as the pull request comment the action posts, marker first", async () => {
    const dir = await makeDir();
    await writeReport(dir, "both.json", makePairedReport({ chat: { base, head: scaled(1) } }, config));
    const result = await runInProcess(["compare", "both.json", "--format", "markdown"], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\| chat +\|/m);
    expect(result.stdout).toMatch(/^<!-- sci-gate:comment:default -->\n\n### sci-gate: /);
    expect(result.stdout.match(/<!-- sci-gate:comment:/g)).toHaveLength(1);
  });

  it("draws the main-branch trend from --history reports, oldest first", async () => {
    const dir = await makeDir();
    await writeReport(dir, "both.json", makePairedReport({ chat: { base, head: scaled(1) } }, config));
    const past = (energyJ: number, createdAt: string, sha: string) => {
      const report = makePairedReport({ chat: { base: [energyJ, energyJ], head: [energyJ, energyJ] } }, config);
      return { ...report, createdAt, revisions: { head: { sha, ref: "main", configHash: null } } };
    };
    await writeReport(dir, "old.json", past(80, "2026-11-01T00:00:00Z", "1111111aaaa"));
    await writeReport(dir, "new.json", past(90, "2026-11-10T00:00:00Z", "2222222bbbb"));
    const result = await runInProcess(["compare", "both.json", "--format", "markdown", "--history", "new.json", "--history", "old.json"], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('title "chat: SCI on the main branch"');
    expect(result.stdout).toContain('x-axis ["1111111", "2222222", "this PR"]');
  });

  it("takes the rules from --config when given", async () => {
    const dir = await makeDir();
    await writeReport(dir, "both.json", makePairedReport({ chat: { base, head: scaled(1.2) } }, config));
    const { writeFile } = await import("node:fs/promises");
    await writeFile(`${dir}/loose.yml`, "version: 1\nscenarios:\n  - { name: chat, run: x, unit: token }\nbudgets:\n  - maxIncreasePct: { fail: 50 }\n");
    const result = await runInProcess(["compare", "both.json", "--config", "loose.yml"], dir);
    expect(result.code).toBe(0);
  });

  it("refuses one report without base runs, and reports of different units, with exit 2", async () => {
    const dir = await makeDir();
    await writeReport(dir, "head-only.json", makePairedReport({ chat: { base: [], head: base } }, config));
    const lonely = await runInProcess(["compare", "head-only.json"], dir);
    expect(lonely.code).toBe(2);
    expect(lonely.stderr).toContain("head-only.json: expected a report holding both base and head runs");
    expect(lonely.stderr).toContain("only head runs");

    await writeReport(dir, "a.json", makePairedReport({ chat: { base: [], head: base } }, config));
    await writeReport(dir, "b.json", makePairedReport({ chat: { base: [], head: base, unit: "request" } }, config));
    const units = await runInProcess(["compare", "a.json", "b.json"], dir);
    expect(units.code).toBe(2);
    expect(units.stderr).toContain('b.json scenarios[0].unit: scenario "chat" counts "request" in the head but "token" in the base');
  });

  it("names a missing or invalid report file, with exit 2 and no stack", async () => {
    const dir = await makeDir();
    const missing = await runInProcess(["compare", "nope.json"], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("sci-gate: nope.json: cannot read a report: no such file\n");
    const { writeFile } = await import("node:fs/promises");
    await writeFile(`${dir}/bad.json`, '{"schema": "sci-gate/report@1", "tool": 3}');
    const bad = await runInProcess(["compare", "bad.json"], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^sci-gate: bad\.json(:1)? tool: /);
    expect(bad.stderr).not.toMatch(/^\s+at /m);
  });

  it("refuses a report above core's size limit before reading it, with exit 2", async () => {
    const dir = await makeDir();
    const { truncate, writeFile } = await import("node:fs/promises");
    const { maxReportBytes } = await import("@sci-gate/core");
    await writeFile(`${dir}/huge.json`, "");
    // A sparse file: the size is real to stat, the disk holds nothing.
    await truncate(`${dir}/huge.json`, maxReportBytes + 1);
    const result = await runInProcess(["compare", "huge.json"], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`sci-gate: huge.json: expected a report of at most ${maxReportBytes} bytes, got ${maxReportBytes + 1}\n`);
  });

  it("refuses bad usage with exit 2", async () => {
    const dir = await makeDir();
    expect((await runInProcess(["compare"], dir)).code).toBe(2);
    expect((await runInProcess(["compare", "a", "b", "c"], dir)).stderr).toContain('unexpected argument "c"');
    expect((await runInProcess(["compare", "a", "--format", "yaml"], dir)).stderr).toContain('--format expects one of text, markdown, json, got "yaml"');
    expect((await runInProcess(["compare", "a", "--fail-on", "sometimes"], dir)).code).toBe(2);
  });
});
