import { execFileSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseReport, type Report } from "@sci-gate/core";
import { describe, expect, it } from "vitest";
import { runInProcess, useTempDir } from "../test-context.test-helper.js";

const writeUnits = (units: number) => `node -e "require('fs').writeFileSync(process.env.SCI_GATE_OUTPUT, JSON.stringify({units:${units}}))"`;

function configText(scenarios: string, budgets = "") {
  return `version: 1\nlocation: { country: FR }\nscenarios:\n${scenarios}${budgets}`;
}
const scenario = (name: string, run: string, runs = 2) => `  - name: ${name}\n    run: ${run}\n    unit: request\n    warmup: 0\n    runs: ${runs}\n`;

async function readReport(path: string): Promise<Report> {
  const parsed = parseReport(await readFile(path, "utf8"), path);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value;
}

function git(dir: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "user.email=test@example.com", "-c", "user.name=test", ...args], { cwd: dir, encoding: "utf8" });
}

describe("sci-gate run", () => {
  const makeDir = useTempDir();

  it("measures a scenario, prints the table and writes a report", async () => {
    const dir = await makeDir();
    await writeFile(join(dir, "sci-gate.yml"), configText(scenario("tiny", writeUnits(100))));
    const result = await runInProcess(["run"], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Scenario +Runs +Units\/run +Energy\/run +gCO2e per unit +Embodied share +Sources/);
    expect(result.stdout).toMatch(/^tiny +2 +100 +\S+ [µmk]?J +\S+ \S+ per (1k |1M )?requests? +\d+\.\d % /m);
    // Where the figures came from, under the table: France's grid figure from the config's location, the PUE and M with their sources.
    expect(result.stdout).toMatch(/^I 44\.18 gCO2e\/kWh \(Ember annual average via @tgwf\/co2 0\.19\.0, FRA, latest available\) · PUE 1\.00, from \S/m);
    expect(result.stdout).toMatch(/^M: .+ CO2e over \d+ years, .+ reserved \(source: .+\)$/m);
    expect(result.stdout).toContain("2 runs written to sci-gate-report.json");
    expect(result.stderr).toMatch(/^tiny · head run 1\/2: ok in [\d.]+ s \(elapsed [\d.]+ s\)$/m);
    const report = await readReport(join(dir, "sci-gate-report.json"));
    expect(report.scenarios[0]?.runs.map((r) => r.units)).toEqual([100, 100]);
  });

  it("exits 3 when the suite fails, keeping the failed runs in the report", async () => {
    const dir = await makeDir();
    await writeFile(join(dir, "s.yml"), configText(scenario("ok", writeUnits(5), 1) + scenario("broken", 'node -e "process.exit(1)"', 1)));
    const result = await runInProcess(["run", "--config", "s.yml", "--out", "out.json"], dir);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('sci-gate: scenario "broken" head run 1: exited with code 1');
    expect(result.stdout).toContain("the suite failed; 2 runs written to out.json");
    const report = await readReport(join(dir, "out.json"));
    expect(report.scenarios.find((s) => s.name === "broken")?.runs[0]?.exitCode).toBe(1);
    expect(report.status.errors).toHaveLength(1);
  });

  it("stops on abort (Ctrl-C), writes the partial report marked interrupted, and exits 3", async () => {
    const dir = await makeDir();
    await writeFile(join(dir, "sci-gate.yml"), configText(scenario("slow", 'node -e "setTimeout(() => {}, 20000)"', 5)));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 500);
    const started = Date.now();
    const result = await runInProcess(["run"], dir, { signal: controller.signal });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(result.code).toBe(3);
    const report = await readReport(join(dir, "sci-gate-report.json"));
    expect(report.status.interrupted).toBe(true);
    expect(report.scenarios[0]?.runs.length).toBeLessThanOrEqual(1);
  });

  it("selects scenarios and shards, and refuses unknown names with a suggestion", async () => {
    const dir = await makeDir();
    await writeFile(join(dir, "sci-gate.yml"), configText(scenario("alpha", writeUnits(1), 1) + scenario("beta", writeUnits(1), 1) + scenario("gamma", writeUnits(1), 1)));
    expect((await runInProcess(["run", "--shard", "2/2", "--out", "s2.json"], dir)).code).toBe(0);
    expect((await readReport(join(dir, "s2.json"))).scenarios.map((s) => s.name)).toEqual(["beta"]);
    expect((await runInProcess(["run", "--scenario", "gamma", "--runs", "2", "--out", "g.json"], dir)).code).toBe(0);
    const gamma = await readReport(join(dir, "g.json"));
    expect(gamma.scenarios.map((s) => [s.name, s.runs.length])).toEqual([["gamma", 2]]);
    const unknown = await runInProcess(["run", "--scenario", "gamme"], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('sci-gate: --scenario gamme: sci-gate.yml has no scenario named "gamme" (did you mean "gamma"?)\n');
  });

  it("refuses bad options and a missing config with exit 2", async () => {
    const dir = await makeDir();
    const missing = await runInProcess(["run"], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('sci-gate.yml: no such file; pass --config F, or run "sci-gate init"');
    for (const shard of ["0/2", "3/2", "x", "1/0"]) {
      const result = await runInProcess(["run", "--shard", shard], dir);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("--shard expects I/N");
    }
    expect((await runInProcess(["run", "--runs", "0"], dir)).code).toBe(2);
    expect((await runInProcess(["run", "extra"], dir)).stderr).toContain('unexpected argument "extra"');
  });

  describe("--base", () => {
    async function makeRepo(baseConfig: string | null): Promise<string> {
      const dir = await makeDir();
      git(dir, "init", "-q", "-b", "main");
      if (baseConfig !== null) await writeFile(join(dir, "sci-gate.yml"), baseConfig);
      await writeFile(join(dir, "README"), "base\n");
      git(dir, "add", ".");
      git(dir, "commit", "-qm", "base");
      git(dir, "checkout", "-qb", "feature");
      await writeFile(join(dir, "sci-gate.yml"), configText(scenario("tiny", writeUnits(10))));
      return dir;
    }
    const worktrees = (dir: string) => git(dir, "worktree", "list").trim().split("\n").length;

    it("measures base and head interleaved with the base's own config, and removes the worktree", async () => {
      const dir = await makeRepo(configText(scenario("tiny", writeUnits(20))));
      const result = await runInProcess(["run", "--base", "main"], dir);
      expect(result.code).toBe(0);
      const report = await readReport(join(dir, "sci-gate-report.json"));
      const runs = report.scenarios[0]!.runs;
      expect(runs.map((r) => r.revision).sort()).toEqual(["base", "base", "head", "head"]);
      expect(runs.filter((r) => r.revision === "base").map((r) => r.units)).toEqual([20, 20]);
      expect(report.revisions.base?.sha).toBe(git(dir, "rev-parse", "main").trim());
      expect(result.stdout).toMatch(/^tiny \(base\) /m);
      expect(worktrees(dir)).toBe(1);
    });

    it("uses the head's config when the base has none, and says so", async () => {
      const dir = await makeRepo(null);
      const result = await runInProcess(["run", "--base", "main"], dir);
      expect(result.code).toBe(0);
      expect(result.stderr).toContain("sci-gate: main:sci-gate.yml does not exist; measuring the base with the head's sci-gate.yml");
      const report = await readReport(join(dir, "sci-gate-report.json"));
      expect(report.scenarios[0]!.runs.filter((r) => r.revision === "base").map((r) => r.units)).toEqual([10, 10]);
    });

    it("names an invalid base config as REF:path with exit 2, and still removes the worktree", async () => {
      const dir = await makeRepo("version: 1\nscenarios:\n  - { name: tiny, run: x, unit: request, runz: 3 }\n");
      const result = await runInProcess(["run", "--base", "main"], dir);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('sci-gate: main:sci-gate.yml:3 scenarios[0].runz: unknown key "runz"');
      expect(worktrees(dir)).toBe(1);
    });

    it("removes the worktree when the meter throws, reporting the error in one line", async () => {
      const dir = await makeRepo(null);
      const result = await runInProcess(["run", "--base", "main"], dir, {
        meter: {
          runSuite: async () => {
            throw new Error("boom");
          },
        },
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("internal error: boom");
      expect(result.stderr).not.toMatch(/^\s+at /m);
      expect(worktrees(dir)).toBe(1);
    });

    it("refuses an unknown ref with exit 2, and a config outside a repository", async () => {
      const dir = await makeRepo(null);
      const unknown = await runInProcess(["run", "--base", "no-such-branch"], dir);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain("--base no-such-branch: cannot check it out:");
      const plain = await makeDir();
      await writeFile(join(plain, "sci-gate.yml"), configText(scenario("tiny", writeUnits(1))));
      const outside = await runInProcess(["run", "--base", "main"], plain);
      expect(outside.code).toBe(2);
      expect(outside.stderr).toContain("is not in a git repository");
    });
  });
});
