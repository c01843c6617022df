import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdir, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { computeMedian } from "../../packages/core/dist/index.js";
import { repoRoot } from "./tiny-llm-suite.mjs";

export const actionBundle = join(repoRoot, "packages/action/dist/index.js");

function sumBytes(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? sumBytes(path) : statSync(path).size;
  }
  return total;
}

/**
 * The workspace the cold start is timed in: a config whose one scenario only touches a file,
 * with no setup and no warm-up, so the first thing the meter does is sample /proc/stat and spawn
 * that command. The file's modification time is then when the suite's first command ran.
 */
const firstRunConfig = `version: 1
location: { country: FR }
scenarios:
  - name: first
    run: 'touch "$SCI_GATE_BENCH_STARTED"'
    unit: run
    units: { from: fixed, count: 1 }
    warmup: 0
    runs: 1
`;

/**
 * Milliseconds from spawning the bundled action in measure mode until its suite's first command
 * ran (the mtime of the file that command touches), and until the action exited. The meter takes
 * its first /proc/stat sample immediately before it spawns that command, so the first figure is
 * the cold start to the first sample plus one spawn of `sh` and `touch`. The environment is the
 * minimum a runner provides, so nothing from this shell speeds it up.
 */
export async function timeActionColdStart({ timeoutS = 60 } = {}) {
  const dir = await mkdtemp(join(tmpdir(), "sci-gate-action-"));
  const workspace = join(dir, "workspace");
  const temp = join(dir, "runner-temp");
  const startedFile = join(dir, "suite-started");
  const outputFile = join(dir, "output");
  const summaryFile = join(dir, "summary");
  const eventFile = join(dir, "event.json");
  await Promise.all([mkdir(workspace), mkdir(temp)]);
  await writeFile(join(workspace, "sci-gate.yml"), firstRunConfig);
  await writeFile(outputFile, "");
  await writeFile(summaryFile, "");
  // A manual dispatch names no base, so the action measures the head alone: no worktree, no network.
  await writeFile(eventFile, "{}");
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME ?? dir,
    CI: "true",
    GITHUB_ACTIONS: "true",
    GITHUB_WORKSPACE: workspace,
    GITHUB_EVENT_NAME: "workflow_dispatch",
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_REPOSITORY: "sci-gate/bench",
    GITHUB_RUN_ID: "1",
    GITHUB_SHA: "0".repeat(40),
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: temp,
    INPUT_MODE: "measure",
    INPUT_CONFIG: "sci-gate.yml",
    INPUT_BASELINE: "none",
    INPUT_COMMENT: "never",
    SCI_GATE_BENCH_STARTED: startedFile,
  };
  let output = "";
  const spawnedAtMs = Date.now();
  const started = performance.now();
  const child = spawn(process.execPath, [actionBundle], { cwd: workspace, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.on("data", (chunk) => (output += chunk.toString("utf8")));
  child.stderr.on("data", (chunk) => (output += chunk.toString("utf8")));
  try {
    const exit = await new Promise((resolve) => {
      const timer = setTimeout(() => resolve({ code: null, timedOut: true }), timeoutS * 1000);
      child.on("exit", (code) => {
        clearTimeout(timer);
        resolve({ code, timedOut: false });
      });
    });
    const exitMs = performance.now() - started;
    const touched = await stat(startedFile).catch(() => null);
    const tail = output.trim().split("\n").slice(-3).join(" / ");
    if (touched === null) return { firstCommandMs: null, exitMs, why: exit.timedOut ? `the suite had not run within ${timeoutS} s` : `exited with ${exit.code} before its suite ran: ${tail || "no output"}` };
    return { firstCommandMs: touched.mtimeMs - spawnedAtMs, exitMs: exit.timedOut ? null : exitMs, exitCode: exit.code, why: exit.code === 0 ? null : `exited with ${exit.code}: ${tail}` };
  } finally {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // Already gone: it exited on its own.
    }
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * What the action costs a CI job before it measures anything: start-up to the suite's first
 * command and bundle size (when the bundle is there: another package builds it).
 */
export async function measureActionCost({ plan, log }) {
  if (!existsSync(actionBundle)) {
    return { bundle: null, note: "not measured: bundle absent (packages/action/dist/index.js)" };
  }
  const starts = [];
  for (let i = 0; i < plan.actionStarts; i++) {
    const start = await timeActionColdStart();
    log(`action: cold start ${i + 1}: ${start.firstCommandMs === null ? start.why : `first command after ${start.firstCommandMs.toFixed(0)} ms, exit after ${start.exitMs?.toFixed(0)} ms`}`);
    starts.push(start);
  }
  const timed = starts.filter((s) => s.firstCommandMs !== null);
  const exited = starts.filter((s) => s.exitMs !== null && s.exitCode === 0);
  return {
    bundle: { bytes: statSync(actionBundle).size, distBytes: sumBytes(join(repoRoot, "packages/action/dist")) },
    coldStart: {
      firstCommandMedianMs: timed.length > 0 ? computeMedian(timed.map((s) => s.firstCommandMs)) : null,
      firstCommandMs: timed.map((s) => s.firstCommandMs),
      exitMedianMs: exited.length > 0 ? computeMedian(exited.map((s) => s.exitMs)) : null,
      exitMs: exited.map((s) => s.exitMs),
      failures: starts.filter((s) => s.why !== null).map((s) => s.why),
    },
    note: null,
  };
}
