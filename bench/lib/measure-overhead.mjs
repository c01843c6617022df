import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { computeStudentTQuantile, computeTInterval, parseConfig } from "../../packages/core/dist/index.js";
import { spawnScenario } from "../../packages/meter/dist/index.js";
import { describeLogRatios } from "./log-ratios.mjs";
import { cliBin } from "./measure-ci-time.mjs";
import { buildSuiteConfig, buildTinyLlmCommand, measureSuite, tinyLlmDir } from "./tiny-llm-suite.mjs";

/** The share of one core the meter may use at the default 10 Hz (issue 8's and issue 4's target). */
export const overheadTargetShare = 0.005;

/**
 * A one-scenario config whose command only sleeps: the meter then samples a suite that uses no
 * CPU, so its own CPU over the window is what sampling at that rate costs, with the fixed
 * per-run cost (spawning, reading /proc once more at the end, computing energy) spread over a
 * window long enough to matter little. One fixed unit per run: a sleep writes none.
 */
export function buildIdleSuiteConfig({ seconds, hz }) {
  const text = [
    "version: 1",
    "location: { country: FR }",
    `sampling: { hz: ${hz} }`,
    "scenarios:",
    `  - { name: idle, run: "sleep ${seconds}", cwd: ., unit: run, units: { from: fixed, count: 1 }, warmup: 0, runs: 1, timeout: ${Math.ceil(seconds * 3 + 30)} }`,
    "",
  ].join("\n");
  const parsed = parseConfig(text, "bench-idle.yml");
  if (!parsed.ok) throw new Error(`bench idle config is invalid: ${JSON.stringify(parsed.errors)}`);
  return { config: parsed.value, text };
}

/**
 * The rates in turn, run by run, each repeat starting one rate further along, so a change in the
 * machine's load falls on every rate alike and no rate always follows the same one.
 */
export function planRateTurns(rates, repeats) {
  const turns = [];
  for (let rep = 0; rep < repeats; rep++) {
    for (let i = 0; i < rates.length; i++) turns.push({ rep, hz: rates[(i + rep) % rates.length] });
  }
  return turns;
}

/**
 * Each rate's share of one core: the meter's CPU seconds over the run's window, one value per
 * run, their mean and its 95 % t interval over the repeats (n − 1 degrees of freedom).
 */
export function summariseShares(runs, rates) {
  return rates.map((hz) => {
    const mine = runs.filter((r) => r.hz === hz);
    const shares = mine.map((r) => r.meterCpuS / r.windowS);
    const t = computeTInterval(shares, 0.95);
    return {
      hz,
      runs: mine.length,
      meanWindowS: mine.reduce((a, r) => a + r.windowS, 0) / mine.length,
      meanMeterCpuS: mine.reduce((a, r) => a + r.meterCpuS, 0) / mine.length,
      shares,
      share: t.ok ? { mean: t.mean, lower: t.lower, upper: t.upper } : { mean: shares[0] ?? null, lower: null, upper: null },
    };
  });
}

/**
 * The target judged on a measured share: met when the whole 95 % interval lies under it, not met
 * when it lies at or over it, undecided when the interval straddles it (or there is none).
 */
export function judgeTarget(share, target = overheadTargetShare) {
  if (share.lower === null || share.upper === null) return "undecided";
  if (share.upper < target) return "met";
  if (share.lower >= target) return "not met";
  return "undecided";
}

/** Least-squares line y = intercept + slope·x. */
export function fitLine(points) {
  const n = points.length;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  const sxx = points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  const slope = sxx === 0 ? 0 : points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0) / sxx;
  return { slope, intercept: my - slope * mx };
}

/**
 * The slope's 95 % interval half-width: t(0.975, n − 2) × sqrt(Σresidual² / (n − 2) / Σ(x − x̄)²).
 * Null with fewer than three points or no spread in x.
 */
export function computeSlopeHalfWidth(points, line) {
  const n = points.length;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const sxx = points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  if (n < 3 || sxx === 0) return null;
  const residuals = points.reduce((a, p) => a + (p.y - line.intercept - line.slope * p.x) ** 2, 0);
  return computeStudentTQuantile(0.975, n - 2) * Math.sqrt(residuals / (n - 2) / sxx);
}

/**
 * One suite through the built CLI, as a user runs it (`sci-gate run --config … --out …`), in a
 * fresh process: the meter's CPU is then its own, not inflated by this harness's heap (a bigger
 * process forks more slowly) or its earlier work.
 */
async function runCliSuite(configText) {
  const dir = await mkdtemp(join(tmpdir(), "sci-gate-bench-overhead-"));
  try {
    const config = join(dir, "sci-gate.yml");
    const out = join(dir, "report.json");
    await writeFile(config, configText);
    const result = await new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [cliBin, "run", "--config", config, "--out", out], { cwd: dir, env: process.env, stdio: ["ignore", "ignore", "pipe"] });
      let stderr = "";
      child.stderr.on("data", (chunk) => (stderr = (stderr + chunk.toString("utf8")).slice(-4000)));
      child.on("error", reject);
      child.on("exit", (code) => resolve({ code, stderr }));
    });
    if (result.code !== 0) throw new Error(`sci-gate run exited with ${result.code}: ${result.stderr.trim().split("\n").slice(-5).join(" / ")}`);
    return JSON.parse(await readFile(out, "utf8"));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The meter's own CPU (report.meter.cpuS of a one-run `sci-gate run`) as a share of one core over
 * that run's window (run.durationS), at each sampling rate, one run at a time with the rates
 * taking turns. Also a straight line through meter CPU against the nominal sample count (rate ×
 * window): its slope is a per-sample cost, its intercept the per-run cost; a secondary view, the
 * shares are the figure.
 */
export async function measureMeterShare({ rates, repeats, configFor, log, label }) {
  const runs = [];
  for (const { rep, hz } of planRateTurns(rates, repeats)) {
    const report = await runCliSuite(configFor(hz));
    const run = report.scenarios[0].runs[0];
    runs.push({ hz, rep, meterCpuS: report.meter.cpuS, windowS: run.durationS });
    log(`overhead, ${label}: ${hz} Hz, repeat ${rep + 1}: meter ${(report.meter.cpuS * 1000).toFixed(1)} ms CPU over ${run.durationS.toFixed(2)} s`);
  }
  const points = runs.map((r) => ({ x: r.hz * r.windowS, y: r.meterCpuS }));
  const line = fitLine(points);
  return {
    runs,
    rows: summariseShares(runs, rates),
    fit: { perSampleCpuS: line.slope, perSampleHalfWidthS: computeSlopeHalfWidth(points, line), perRunCpuS: line.intercept },
  };
}

/**
 * The example's wall time with and without the meter, paired: the same command spawned by the
 * meter's own spawnScenario (no sampling at all) and through runSuite at 10 Hz, alternating
 * which goes first, so the ratio isolates what sampling alongside the suite costs it.
 */
export async function measureWallRatio({ plan, model, log }) {
  const outDir = await mkdtemp(join(tmpdir(), "sci-gate-bench-"));
  const command = buildTinyLlmCommand(model.args, 0);
  const suite = buildSuiteConfig({ modelArgs: model.args, runs: 1, warmup: 0, hz: 10 });
  const direct = async () => {
    const spawned = await spawnScenario({ command, cwd: tinyLlmDir, env: { ...process.env, SCI_GATE_OUTPUT: join(outDir, "units.json") }, timeoutS: 120 });
    if (spawned.exitCode !== 0) throw new Error(`tiny-llm exited with ${spawned.exitCode}: ${spawned.stderrTail}`);
    return spawned.durationS;
  };
  const metered = async () => (await measureSuite({ head: suite, runs: 1 })).report.scenarios[0].runs[0].durationS;
  try {
    await direct(); // warm the page cache and the JIT's code cache before anything counts
    const logRatios = [];
    for (let i = 0; i < plan.wallPairs; i++) {
      const meterFirst = i % 2 === 1;
      const [a, b] = meterFirst ? [await metered(), await direct()] : [await direct(), await metered()];
      const [withMeter, without] = meterFirst ? [a, b] : [b, a];
      logRatios.push(Math.log(withMeter / without));
      log(`overhead: pair ${i + 1}: direct ${without.toFixed(3)} s, metered ${withMeter.toFixed(3)} s`);
    }
    return describeLogRatios(logRatios);
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

/**
 * Issue 8's overhead figures: the meter's share of one core with an idle suite (the sampler's
 * cost, on which the target is judged), the same while the example runs, and the example's wall
 * time with and without the meter.
 */
export async function measureOverhead({ plan, exampleModel, wallModel, log }) {
  const idle = await measureMeterShare({
    rates: plan.overheadHz,
    repeats: plan.idleRepeats,
    configFor: (hz) => buildIdleSuiteConfig({ seconds: plan.idleSeconds, hz }).text,
    log,
    label: `sleep ${plan.idleSeconds}`,
  });
  const example = await measureMeterShare({
    rates: plan.overheadHz,
    repeats: plan.exampleRepeats,
    configFor: (hz) => buildSuiteConfig({ modelArgs: exampleModel.args, runs: 1, warmup: 0, hz, cwd: tinyLlmDir }).text,
    log,
    label: exampleModel.label,
  });
  const wall = await measureWallRatio({ plan, model: wallModel, log });
  return {
    targetShare: overheadTargetShare,
    targetHz: 10,
    idle: { command: `sleep ${plan.idleSeconds}`, ...idle },
    example: { model: exampleModel, ...example },
    wall: { model: wallModel, ...wall },
  };
}
