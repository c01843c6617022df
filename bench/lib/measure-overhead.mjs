import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnScenario } from "../../packages/meter/dist/index.js";
import { describeLogRatios } from "./log-ratios.mjs";
import { buildSuiteConfig, buildTinyLlmCommand, measureSuite, tinyLlmDir } from "./tiny-llm-suite.mjs";

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
 * The meter's own CPU time (measureRun's process.cpuUsage delta, summed in report.meter.cpuS)
 * as a share of one core over the measured window, at each sampling rate. Rates take turns run
 * by run, so a change in the machine's load falls on all of them alike. The CPU per run is then
 * split into a fixed part (spawn, unit extraction) and a part per sample by a straight-line fit
 * on the nominal sample count (rate × duration): the per-sample part is what a long run pays.
 */
export async function measureSamplerCost({ plan, model, log }) {
  const byHz = new Map(plan.overheadHz.map((hz) => [hz, { hz, runs: 0, windowS: 0, meterCpuS: 0 }]));
  const points = [];
  for (let rep = 0; rep < plan.overheadRunsPerHz; rep++) {
    for (const hz of plan.overheadHz) {
      const suite = buildSuiteConfig({ modelArgs: model.args, runs: 1, warmup: 0, hz });
      const { report } = await measureSuite({ head: suite, runs: 1 });
      const run = report.scenarios[0].runs[0];
      const entry = byHz.get(hz);
      entry.runs++;
      entry.windowS += run.durationS;
      entry.meterCpuS += report.meter.cpuS;
      points.push({ x: hz * run.durationS, y: report.meter.cpuS });
      log(`overhead: ${hz} Hz run ${rep + 1}: meter ${(report.meter.cpuS * 1000).toFixed(1)} ms CPU over ${run.durationS.toFixed(2)} s`);
    }
  }
  const line = fitLine(points);
  const rows = [...byHz.values()].map((e) => ({ ...e, shareOfCore: e.meterCpuS / e.windowS, longRunShare: line.slope * e.hz }));
  return { rows, perSampleCpuS: line.slope, fixedCpuSPerRun: line.intercept };
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
