import { spawn } from "node:child_process";
import { readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { computeMedian } from "../../packages/core/dist/index.js";
import { createExampleRepo } from "./example-repo.mjs";
import { repoRoot } from "./tiny-llm-suite.mjs";

export const cliBin = join(repoRoot, "packages/cli/dist/bin.js");
const exampleConfig = "examples/tiny-llm/sci-gate.yml";

/**
 * The example's repository with a head commit that adds a note and changes no code, so base and
 * head do the same work and the difference in time is what measuring the base costs.
 */
function createUnchangedExampleRepo() {
  return createExampleRepo({ changeHead: (example) => writeFile(join(example, "NOTES.md"), "A change that touches no code.\n") });
}

/** Runs the built CLI in `cwd` and times it from spawn to exit. */
function timeCli(args, cwd) {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliBin, ...args], { cwd, env: process.env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr = (stderr + chunk.toString("utf8")).slice(-4000)));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stderr, wallS: (performance.now() - started) / 1000 }));
  });
}

/**
 * One CI job's worth of measuring, in a fresh checkout's state (no built example): `sci-gate run
 * --base main~1` (what `baseline: same-runner` does: a `git worktree add` of the base, its setup,
 * both revisions' warm-ups and interleaved runs) or `sci-gate run` (what `baseline: artifact`
 * measures: the head alone). Returns the wall time, the counted runs' own time and the report's size.
 */
async function measureJob(repo, { withBase, runs }) {
  await rm(join(repo, "examples/tiny-llm/dist"), { recursive: true, force: true });
  const out = join(repo, withBase ? "same-runner.json" : "head-only.json");
  const args = ["run", "--config", exampleConfig, "--scenario", "chat", "--runs", String(runs), "--out", out, ...(withBase ? ["--base", "main~1"] : [])];
  const result = await timeCli(args, repo);
  if (result.code !== 0) throw new Error(`sci-gate ${args.join(" ")} exited with ${result.code}: ${result.stderr.trim().split("\n").slice(-5).join(" / ")}`);
  const report = JSON.parse(await readFile(out, "utf8"));
  const countedS = report.scenarios[0].runs.reduce((a, r) => a + r.durationS, 0);
  return { wallS: result.wallS, countedRunsS: countedS, reportBytes: (await stat(out)).size };
}

/**
 * The extra CI time of `baseline: same-runner` over `baseline: artifact` for the example's chat
 * scenario, each measured as the real CLI run in a git repository holding the example, the two
 * taking turns (which goes first alternates by repeat).
 */
export async function measureCiTime({ plan, log }) {
  const repo = await createUnchangedExampleRepo();
  const sameRunner = [];
  const headOnly = [];
  try {
    for (let rep = 0; rep < plan.ciTimeRepeats; rep++) {
      const order = rep % 2 === 0 ? [true, false] : [false, true];
      for (const withBase of order) {
        const job = await measureJob(repo.dir, { withBase, runs: plan.ciTimeRuns });
        (withBase ? sameRunner : headOnly).push(job);
        log(`ci time: ${withBase ? "run --base" : "run"} ${job.wallS.toFixed(1)} s (counted runs ${job.countedRunsS.toFixed(1)} s)`);
      }
    }
  } finally {
    await repo.cleanup();
  }
  const median = (jobs, pick) => computeMedian(jobs.map(pick));
  const sameRunnerS = median(sameRunner, (j) => j.wallS);
  const headOnlyS = median(headOnly, (j) => j.wallS);
  return {
    scenario: "chat",
    config: exampleConfig,
    runs: plan.ciTimeRuns,
    repeats: plan.ciTimeRepeats,
    sameRunner: { wallS: sameRunner.map((j) => j.wallS), medianS: sameRunnerS, countedRunsS: median(sameRunner, (j) => j.countedRunsS) },
    headOnly: { wallS: headOnly.map((j) => j.wallS), medianS: headOnlyS, countedRunsS: median(headOnly, (j) => j.countedRunsS) },
    extraS: sameRunnerS - headOnlyS,
    ratio: sameRunnerS / headOnlyS,
    // What the artifact path downloads instead of measuring: the base branch's report, of about this size.
    reportBytes: headOnly[0]?.reportBytes ?? null,
  };
}
