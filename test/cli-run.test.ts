import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { randomBytes } from "node:crypto";
import { parseReport, type Report } from "@sci-gate/core";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { survivorsWithEnv, waitForProcessesWithEnv } from "./support/proc-scan.js";
import { childEnv } from "./support/run-process.js";

/** End to end: `sci-gate run` as a child process, measuring real (tiny) scenarios on this machine. */
const root = fileURLToPath(new URL("..", import.meta.url));
const bin = join(root, "packages/cli/dist/bin.js");
const env = childEnv();

function runBin(args: readonly string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd, env }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : -1, stdout, stderr });
    });
  });
}

async function readReport(path: string): Promise<Report> {
  const parsed = parseReport(await readFile(path, "utf8"), path);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value;
}

const writeUnits = `node -e "require('fs').writeFileSync(process.env.SCI_GATE_OUTPUT, JSON.stringify({units:100}))"`;
const config = (run: string, runs: number) =>
  `version: 1\nlocation: { country: FR }\nscenarios:\n  - name: tiny\n    run: ${run}\n    unit: request\n    warmup: 0\n    runs: ${runs}\n`;

const dirs: string[] = [];
async function makeDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "sci-gate-e2e-run-"));
  dirs.push(dir);
  return dir;
}
beforeAll(() => {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: build first (npx turbo run build)`);
});
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("sci-gate run (built binary)", () => {
  it("measures a tiny scenario, exits 0 and writes a report that parses", async () => {
    const dir = await makeDir();
    await writeFile(join(dir, "sci-gate.yml"), config(writeUnits, 3));
    const result = await runBin(["run"], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^tiny +3 +100 /m);
    expect(result.stderr).toContain("tiny · head run 3/3: ok");
    const report = await readReport(join(dir, "sci-gate-report.json"));
    expect(report.scenarios[0]?.runs).toHaveLength(3);
    expect(report.scenarios[0]?.runs.every((run) => run.units === 100 && run.energyJ.total > 0)).toBe(true);
  });

  it("exits 3 when the scenario exits 1, with the failed run kept in the report", async () => {
    const dir = await makeDir();
    await writeFile(join(dir, "sci-gate.yml"), config(`node -e "process.exit(1)"`, 1));
    const result = await runBin(["run", "--out", "failed.json"], dir);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("exited with code 1");
    const report = await readReport(join(dir, "failed.json"));
    expect(report.scenarios[0]?.runs[0]?.exitCode).toBe(1);
    expect(report.status.errors.length).toBeGreaterThan(0);
    // The failed suite makes the comparison an error too: exit 3 from check.
    expect((await runBin(["check", "failed.json"], dir)).code).toBe(3);
  });

  it("on SIGINT stops the suite, writes the partial report and exits 3", async () => {
    const dir = await makeDir();
    await writeFile(join(dir, "sci-gate.yml"), config(`node -e "setTimeout(() => {}, 60000)"`, 3));
    const child = spawn(process.execPath, [bin, "run"], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => {
      setTimeout(() => child.kill("SIGINT"), 1500);
      child.on("close", (exitCode) => resolve(exitCode));
    });
    expect(code).toBe(3);
    expect(stderr).toContain("SIGINT: stopping the suite");
    const report = await readReport(join(dir, "sci-gate-report.json"));
    expect(report.status.interrupted).toBe(true);
  });

  it("a second SIGTERM kills the suite at once: no process it started survives the CLI", async () => {
    const dir = await makeDir();
    // The whole group ignores SIGTERM and SIGINT (an ignored signal stays ignored in children).
    await writeFile(join(dir, "sci-gate.yml"), config(JSON.stringify(`trap "" TERM INT; sleep 61 & sleep 62`), 1));
    const mark = randomBytes(6).toString("hex");
    const child = spawn(process.execPath, [bin, "run"], { cwd: dir, env: { ...env, SCI_GATE_TEST_MARK: mark }, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const closed = new Promise<number | null>((resolve) => child.on("close", resolve));
    // Both sleeps running: the CLI, sh and two sleeps carry the mark.
    await waitForProcessesWithEnv("SCI_GATE_TEST_MARK", mark, (pids) => pids.length >= 4, 30_000);
    child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 300));
    child.kill("SIGTERM");
    expect(await closed).toBe(3);
    expect(stderr).toContain("SIGTERM: stopping the suite");
    expect(await survivorsWithEnv("SCI_GATE_TEST_MARK", mark)).toEqual([]);
  });

  it("exits 3 when a run reports 0 units, naming the scenario", async () => {
    const dir = await makeDir();
    await writeFile(join(dir, "sci-gate.yml"), config(JSON.stringify(`echo '{"units": 0}' > "$SCI_GATE_OUTPUT"`), 1));
    const result = await runBin(["run", "--out", "zero.json"], dir);
    expect(result.code, result.stderr).toBe(3);
    expect(result.stderr).toContain('sci-gate: scenario "tiny" head run 1: reported 0 units (SCI_GATE_OUTPUT units); expected at least one request per run: SCI is carbon per request, undefined for none\n');
    const report = await readReport(join(dir, "zero.json"));
    expect(report.scenarios[0]?.runs[0]?.units).toBe(0);
  });

  it("names the units file as $SCI_GATE_OUTPUT, and a bad units pattern by the config's file, line and path", async () => {
    const dir = await makeDir();
    await writeFile(join(dir, "sci-gate.yml"), config('"true"', 1));
    const missing = await runBin(["run", "--out", "missing.json"], dir);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/sci-gate: scenario "tiny" head run 1: \$SCI_GATE_OUTPUT \(\S+\/tiny\.head\.0\.[0-9a-f]+\.json\): no such file; expected the suite to write/);
    await writeFile(join(dir, "bad.yml"), `${config('"true"', 1)}    units: { from: stdout-regex, pattern: "tokens=(\\\\d+" }\n`);
    const bad = await runBin(["run", "--config", "bad.yml"], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      "sci-gate: bad.yml:9 scenarios[0].units.pattern: /tokens=(\\d+/ is not a valid regular expression (Invalid regular expression: /tokens=(\\d+/gm: Unterminated group)\n",
    );
  });
});
