import { computeMedian } from "../../packages/core/dist/index.js";
import { computeLogRatios, describeLogRatios, processCpuPerUnit } from "./log-ratios.mjs";
import { extractPairs, pairBlocks } from "./recorded-run.mjs";
import { buildSuiteConfig, measureSuite } from "./tiny-llm-suite.mjs";

/** σ and the A/A bias of one design: both sides run the same command, so any mean is drift. */
export function summariseDesign({ model, design, pairs, wallS }) {
  const energy = describeLogRatios(computeLogRatios(pairs));
  const process = describeLogRatios(computeLogRatios(pairs, processCpuPerUnit));
  const runs = pairs.flatMap((p) => [p.base, p.head]);
  return {
    model,
    design,
    pairs: pairs.length,
    meanDurationS: runs.reduce((a, r) => a + r.durationS, 0) / runs.length,
    meanUtilisation: runs.reduce((a, r) => a + (r.cpuUtilisation ?? 0), 0) / runs.length,
    energy,
    processCpu: process,
    wallS,
  };
}

/** How much slower the warm-up (first, cold) run was than the median counted run of the same suite. */
export function computeColdExcess(countedDurationsS, warmups) {
  const median = computeMedian(countedDurationsS);
  return warmups.map((w) => w.durationS / median - 1);
}

const durationsOfPairs = (pairs) => pairs.flatMap((p) => [p.base.durationS, p.head.durationS]);
const durationsOfReport = (report) => report.scenarios[0].runs.map((r) => r.durationS);

/**
 * A/A noise of the two run orders at two run lengths. Interleaved: the meter's own ABBA order
 * (B H, H B …). Blocks: every base run, then every head run, as two separate CI jobs would
 * (each its own suite with its own warm-up), paired by index. Where the sensitivity bench
 * already ran a model's 0 % level, that is exactly the interleaved measurement, so it is reused.
 */
export async function measureNoise({ plan, models, reused, log }) {
  const designs = [];
  const coldExcess = [];
  for (const model of models) {
    let interleaved = reused[model.label] ?? null;
    const pairs = interleaved ? interleaved.pairs.length : plan.noisePairs[model.label];
    const config = buildSuiteConfig({ modelArgs: model.args, runs: pairs });
    if (!interleaved) {
      log(`noise: ${model.label} model, interleaved, ${pairs} pairs`);
      const measured = await measureSuite({ head: config, base: config, runs: pairs, log });
      interleaved = { pairs: extractPairs(measured.report), wallS: measured.wallS, warmups: measured.warmups };
    }
    log(`noise: ${model.label} model, two blocks of ${pairs} runs`);
    const baseBlock = await measureSuite({ head: config, runs: pairs, log });
    const headBlock = await measureSuite({ head: config, runs: pairs, log });
    designs.push(summariseDesign({ model: model.label, design: "interleaved", pairs: interleaved.pairs, wallS: interleaved.wallS }));
    designs.push(summariseDesign({ model: model.label, design: "blocks", pairs: pairBlocks(baseBlock.report, headBlock.report), wallS: baseBlock.wallS + headBlock.wallS }));
    coldExcess.push(...computeColdExcess(durationsOfPairs(interleaved.pairs), interleaved.warmups));
    for (const block of [baseBlock, headBlock]) coldExcess.push(...computeColdExcess(durationsOfReport(block.report), block.warmups));
  }
  return { designs, coldExcess };
}
