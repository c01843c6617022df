import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { computeMedian } from "../../packages/core/dist/index.js";

const run = promisify(execFile);

/** compareReports (and the comment renderer, when built) on a large suite, each repeat in a fresh process. */
export async function measureCompareScale({ plan, log }) {
  const { scenarios, runsPerSide, repeats } = plan.scale;
  const samples = [];
  for (let i = 0; i < repeats; i++) {
    const { stdout } = await run(process.execPath, ["--expose-gc", join(import.meta.dirname, "scale-child.mjs"), String(scenarios), String(runsPerSide)], {
      maxBuffer: 1024 * 1024,
    });
    const sample = JSON.parse(stdout.trim());
    log(`scale: compare ${sample.compareMs.toFixed(0)} ms, peak RSS ${sample.peakRssMiB.toFixed(0)} MiB`);
    samples.push(sample);
  }
  const median = (pick) => computeMedian(samples.map(pick));
  const rendered = samples.filter((s) => s.render.ms !== undefined);
  return {
    scenarios,
    runsPerSide,
    repeats,
    compareMs: median((s) => s.compareMs),
    buildMs: median((s) => s.buildMs),
    heapBeforeMiB: median((s) => s.before.heapUsedMiB),
    heapAfterMiB: median((s) => s.afterCompare.heapUsedMiB),
    rssBeforeMiB: median((s) => s.before.rssMiB),
    peakRssMiB: median((s) => s.peakRssMiB),
    outcomes: samples[0].outcomes,
    bootstrapped: samples[0].bootstrapped,
    render: rendered.length > 0 ? { ms: computeMedian(rendered.map((s) => s.render.ms)), chars: rendered[0].render.chars } : { skipped: samples[0].render.skipped },
  };
}
