/**
 * Run in a fresh process by measure-scale.mjs: compareReports over many scenarios, timed, with
 * memory read around it. compareReports is synchronous, so no timer in this process could
 * sample memory while it runs; the process's peak RSS (getrusage maxRSS) catches the peak
 * instead, and a fresh process keeps the bench's own earlier allocations out of it.
 * Prints one JSON line. Usage: node --expose-gc scale-child.mjs SCENARIOS RUNS_PER_SIDE
 */
import { compareReports, createRng, DEFAULT_BOOTSTRAP_RESAMPLES } from "../../packages/core/dist/index.js";
import { buildGateConfig, buildPairedReport } from "./build-report.mjs";

const scenarios = Number(process.argv[2]);
const runsPerSide = Number(process.argv[3]);
const mib = (bytes) => bytes / 1024 ** 2;
const memory = () => {
  const m = process.memoryUsage();
  return { heapUsedMiB: mib(m.heapUsed), rssMiB: mib(m.rss) };
};

const assumptions = {
  intensityGPerKwh: 56,
  intensitySource: { dataset: "bench", packageName: null, packageVersion: null, zone: null, year: null, description: null },
  pue: 1,
  pueSource: "bench",
  embodied: [],
  powerModel: null,
  memoryWPerGb: 0,
  warnings: [],
};
const machine = { cpuModel: "bench", vcpus: 2, memoryGiB: 8, gpus: [], os: "linux", arch: "x64", githubHosted: false, fingerprint: "bench" };
const sources = { cpu: "modelled:bench", gpu: "none", memory: "none" };
const config = buildGateConfig(5, 5);

const started = performance.now();
// Lognormal energies with 5 % noise and a few real regressions, so every code path (pass, fail, inconclusive) runs.
const rng = createRng("scale");
const list = [];
for (let s = 0; s < scenarios; s++) {
  const shift = s % 10 === 0 ? Math.log(1.2) : 0;
  const pairs = Array.from({ length: runsPerSide }, (_, i) => {
    const level = 100 * Math.exp(0.05 * rng.nextNormal());
    const run = (energyJ) => ({ energyJ, units: 1000, durationS: 1, processCpuS: 1, cpuUtilisation: 1 });
    return { pair: i, baseFirst: i % 2 === 0, base: run(level * Math.exp(0.03 * rng.nextNormal())), head: run(level * Math.exp(shift + 0.03 * rng.nextNormal())) };
  });
  list.push(buildPairedReport(pairs, { config, assumptions, machine, sources }, `s${s}`).scenarios[0]);
}
const report = { ...buildPairedReport([], { config, assumptions, machine, sources }), scenarios: list };
const buildMs = performance.now() - started;
globalThis.gc?.();
const before = memory();

const compareStarted = performance.now();
const result = compareReports({ base: report, head: report });
const compareMs = performance.now() - compareStarted;
if (!result.ok) throw new Error(JSON.stringify(result.errors));
const afterCompare = memory();

let render = { skipped: "packages/report/dist does not export renderComment" };
try {
  const reportPackage = await import("../../packages/report/dist/index.js");
  if (typeof reportPackage.renderComment === "function") {
    const renderStarted = performance.now();
    const text = reportPackage.renderComment({
      comparison: result.value,
      report,
      config,
      version: "bench",
      reproduceCommand: "npm run bench",
      methodologyUrl: "https://example.invalid/METHODOLOGY.md",
      commentId: "bench",
    });
    render = { ms: performance.now() - renderStarted, chars: text.length };
  }
} catch (error) {
  render = { skipped: `packages/report/dist could not be loaded: ${error.message.split("\n")[0]}` };
}

process.stdout.write(
  `${JSON.stringify({
    scenarios,
    runsPerSide,
    buildMs,
    compareMs,
    outcomes: result.value.counts,
    // Which figures got the bootstrap cross-check, counted from the comparison itself.
    bootstrapped: {
      resamples: DEFAULT_BOOTSTRAP_RESAMPLES,
      sci: result.value.scenarios.filter((s) => s.sci?.bootstrap).length,
      energyPerUnit: result.value.scenarios.filter((s) => s.energyPerUnit?.bootstrap).length,
    },
    before,
    afterCompare,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    render,
  })}\n`,
);
