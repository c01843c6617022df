import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Calibration } from "@sci-gate/core";
import { describe, expect, it } from "vitest";
import { makePairedReport, makeRun } from "../../../core/src/compare/make-report.test-helper.js";
import { parseConfig } from "@sci-gate/core";
import { runInProcess, useTempDir, writeReport } from "../test-context.test-helper.js";

function config(runs: number) {
  const parsed = parseConfig(`version: 1\nscenarios:\n  - { name: chat, run: x, unit: token, runs: ${runs} }\nbudgets:\n  - maxIncreasePct: { fail: 5 }\n`);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value;
}

/** ln(SCI) spread with sd 0.01 exactly: the quiet scenario of core's calibrate tests (4 pairs catch +10 %). */
function quietReport() {
  const report = makePairedReport({ chat: { base: [], head: [] } }, config(8));
  report.scenarios[0]!.runs = [0, 0.01, -0.01].map((x, i) => makeRun("head", i, null, 100 * Math.exp(x)));
  return report;
}

describe("sci-gate calibrate", () => {
  const makeDir = useTempDir();

  it("calibrates an existing report and suggests runs", async () => {
    const dir = await makeDir();
    await writeReport(dir, "r.json", quietReport());
    const result = await runInProcess(["calibrate", "--report", "r.json"], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Scenario +Runs +CV +Noise\/pair +95 % CI +Budget +Caught \(90 %\) +Target +Pairs needed +Suggested runs$/m);
    // Pairs needed: the t rule alone would say 4, but fewer than minPairs (5) never fail.
    expect(result.stdout).toMatch(/^chat +3 +1\.0 % +1\.4 % +±1\.2 % at 8 +5\.0 % +\+\d+\.\d % +\+10\.0 % +5 +5$/m);
    expect(result.stdout).toContain("To apply, set in sci-gate.yml: chat runs: 5.");
    expect(result.stdout).toContain("both from 2,000 seeded simulated comparisons of the gate's own rule (robust check and minPairs 5 included)");
  });

  it("says configured pairs below compare.minPairs cannot fail", async () => {
    const dir = await makeDir();
    const report = quietReport();
    await writeReport(dir, "r.json", report);
    await writeFile(join(dir, "three.yml"), "version: 1\nscenarios:\n  - { name: chat, run: x, unit: token, runs: 3 }\nbudgets:\n  - maxIncreasePct: { fail: 5 }\n");
    const result = await runInProcess(["calibrate", "--report", "r.json", "--config", "three.yml"], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^chat +3 +1\.0 % +1\.4 % +±[\d.]+ % at 3 +5\.0 % +cannot fail +\+10\.0 % +5 +5$/m);
    expect(result.stdout).toContain("- chat: noise 1.4 % per pair (from only 3 runs: rough; measure 10 or more to plan on it); 3 pairs cannot fail the build: compare.minPairs is 5;");
  });

  it("prints JSON with --format json and honours --target", async () => {
    const dir = await makeDir();
    await writeReport(dir, "r.json", quietReport());
    const result = await runInProcess(["calibrate", "--report", "r.json", "--target", "6%", "--format", "json"], dir);
    expect(result.code).toBe(0);
    const calibration = JSON.parse(result.stdout) as Calibration;
    expect(calibration.scenarios[0]?.targetIncreasePct).toBe(6);
    expect(calibration.scenarios[0]?.requiredPairs).toBeGreaterThan(4);
  });

  it("measures the suite when no report is given, and keeps it with --out", async () => {
    const dir = await makeDir();
    const run = `node -e "require('fs').writeFileSync(process.env.SCI_GATE_OUTPUT, JSON.stringify({units:50}))"`;
    await writeFile(join(dir, "sci-gate.yml"), `version: 1\nlocation: { country: FR }\nscenarios:\n  - name: tiny\n    run: ${run}\n    unit: request\n    warmup: 0\n    runs: 8\nbudgets:\n  - maxIncreasePct: { fail: 5 }\n`);
    const result = await runInProcess(["calibrate", "--runs", "3", "--out", "cal.json", "--format", "json"], dir);
    expect(result.code).toBe(0);
    const calibration = JSON.parse(result.stdout) as Calibration;
    expect(calibration.scenarios[0]).toMatchObject({ name: "tiny", runs: 3, configuredPairs: 8, failBudgetPct: 5 });
    expect(result.stderr).toContain("tiny · head run 3/3: ok");
  });

  it("refuses bad options with exit 2", async () => {
    const dir = await makeDir();
    await writeReport(dir, "r.json", quietReport());
    for (const [args, message] of [
      [["--report", "r.json", "--target", "0"], '--target expects an increase in percent above 0 (e.g. 10), got "0"'],
      [["--report", "r.json", "--runs", "5"], "--runs measures the suite; it does not go with --report"],
      [["--report", "r.json", "--scenario", "nope"], 'r.json has no scenario named "nope"'],
      [["--runs", "1"], "--runs expects a whole number from 2 to 1000"],
      [["--report", "r.json", "--format", "markdown"], "--format expects one of text, json"],
    ] as const) {
      const result = await runInProcess(["calibrate", ...args], dir);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(message);
    }
  });
});
