import { execFileSync, spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { computeMedian } from "../../packages/core/dist/index.js";
import { repoRoot } from "./tiny-llm-suite.mjs";

export const actionBundle = join(repoRoot, "packages/action/dist/index.js");

/**
 * The action logs a run when it ends ("chat head warm-up 1/1: 2.95 s"), so the first sample was
 * taken that run's duration before the line: the line's time minus the duration it states.
 */
const progressLine = /(?:warm-up|run) \d+\/\d+: (\d+(?:\.\d+)?) s/;

function sumBytes(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? sumBytes(path) : statSync(path).size;
  }
  return total;
}

/**
 * Milliseconds from spawning the bundled action in measure mode until its first sample (its
 * first progress line's time less the run duration the line states), then stops it (its whole
 * process group: it spawns the suite). The environment is the minimum a runner provides, so
 * nothing from this shell speeds it up.
 */
export async function timeActionColdStart({ timeoutS = 60 } = {}) {
  const dir = await mkdtemp(join(tmpdir(), "sci-gate-action-"));
  const outputFile = join(dir, "output");
  const summaryFile = join(dir, "summary");
  const eventFile = join(dir, "event.json");
  await writeFile(outputFile, "");
  await writeFile(summaryFile, "");
  // A manual dispatch names no base, so the action measures the head alone: no worktree, no network.
  await writeFile(eventFile, "{}");
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME ?? dir,
    CI: "true",
    GITHUB_ACTIONS: "true",
    GITHUB_WORKSPACE: repoRoot,
    GITHUB_EVENT_NAME: "workflow_dispatch",
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_REPOSITORY: "sci-gate/bench",
    GITHUB_RUN_ID: "1",
    GITHUB_SHA: execFileSync("git", ["rev-parse", "HEAD"], { cwd: repoRoot, encoding: "utf8" }).trim(),
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: dir,
    INPUT_MODE: "measure",
    INPUT_CONFIG: "examples/tiny-llm/sci-gate.yml",
    INPUT_RUNS: "1",
    INPUT_BASELINE: "none",
    INPUT_COMMENT: "never",
  };
  const started = performance.now();
  const child = spawn(process.execPath, [actionBundle], { cwd: repoRoot, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  try {
    return await new Promise((resolve) => {
      let buffered = "";
      let firstLine = null;
      const finish = (result) => {
        clearTimeout(timer);
        resolve(result);
      };
      const timer = setTimeout(() => finish({ ms: null, lineMs: null, line: firstLine, why: `no progress line within ${timeoutS} s` }), timeoutS * 1000);
      const onData = (chunk) => {
        buffered += chunk.toString("utf8");
        const lines = buffered.split("\n");
        buffered = lines.pop() ?? "";
        for (const line of lines) {
          if (line.trim() === "") continue;
          firstLine ??= line;
          const match = progressLine.exec(line);
          if (match) {
            const lineMs = performance.now() - started;
            finish({ ms: lineMs - Number(match[1]) * 1000, lineMs, line, why: null });
          }
        }
      };
      child.stdout.on("data", onData);
      child.stderr.on("data", onData);
      child.on("exit", (code) => finish({ ms: null, lineMs: null, line: firstLine, why: `exited with ${code} before any progress line: ${firstLine ?? "no output"}` }));
    });
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
 * What the action costs a CI job: start-up to the first sample and bundle size (when the bundle
 * is there: another package builds it), and the extra time of measuring the base on the same
 * runner (base and head interleaved) over downloading the base's report (head only), from
 * suites this bench already ran with the same runs and warm-up.
 */
export async function measureActionCost({ plan, suiteWalls, log }) {
  const baselines = suiteWalls.map((w) => ({ ...w, ratio: w.sameRunnerS / w.artifactS }));
  if (!existsSync(actionBundle)) {
    return { bundle: null, note: "not measured: bundle absent (packages/action/dist/index.js)", baselines };
  }
  const starts = [];
  for (let i = 0; i < plan.actionStarts; i++) {
    const start = await timeActionColdStart();
    log(`action: cold start ${i + 1}: ${start.ms === null ? start.why : `${start.ms.toFixed(0)} ms`}`);
    starts.push(start);
  }
  const timed = starts.filter((s) => s.ms !== null).map((s) => s.ms);
  return {
    bundle: { bytes: statSync(actionBundle).size, distBytes: sumBytes(join(repoRoot, "packages/action/dist")) },
    coldStart: {
      medianMs: timed.length > 0 ? computeMedian(timed) : null,
      samplesMs: timed,
      medianLineMs: timed.length > 0 ? computeMedian(starts.filter((s) => s.ms !== null).map((s) => s.lineMs)) : null,
      firstLine: starts.find((s) => s.line !== null)?.line ?? null,
      failures: starts.filter((s) => s.ms === null).map((s) => s.why),
    },
    note: null,
    baselines,
  };
}
