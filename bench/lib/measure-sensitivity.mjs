import { computeDetectionProbability, computeRunSci } from "../../packages/core/dist/index.js";
import { buildGateConfig } from "./build-report.mjs";
import { computeDetectionLimits } from "./detection-limit.mjs";
import { computeLogRatios, describeLogRatios, poolSd } from "./log-ratios.mjs";
import { extractPairs } from "./recorded-run.mjs";
import { computeFixedRatioRate, createGateDecider, resampleRate } from "./resample-rate.mjs";
import { buildSuiteConfig, measureSuite } from "./tiny-llm-suite.mjs";

/**
 * Records real base/head pairs for each injected regression: base always does the model's own
 * work, head X% more multiply-adds per token, interleaved B H, H B … by the meter itself.
 * Level 0 is an A/A comparison: the same command on both sides.
 */
export async function recordRegressionLevels({ plan, model, log }) {
  const base = buildSuiteConfig({ modelArgs: model.args, extraWorkPct: 0, runs: plan.recordedPairs });
  const levels = [];
  let first = null;
  for (const extraWorkPct of plan.levels) {
    log(`sensitivity: +${extraWorkPct} % work, ${plan.recordedPairs} pairs`);
    const head = buildSuiteConfig({ modelArgs: model.args, extraWorkPct, runs: plan.recordedPairs });
    const measured = await measureSuite({ head, base, runs: plan.recordedPairs, log });
    first ??= measured.report;
    levels.push({ extraWorkPct, wallS: measured.wallS, warmups: measured.warmups, pairs: extractPairs(measured.report) });
  }
  const run0 = first.scenarios[0].runs[0];
  return {
    model: model.args,
    sampleHz: first.meter.sampleHz,
    machine: first.machine,
    assumptions: first.assumptions,
    sources: run0.sources,
    levels,
  };
}

/**
 * The measured assumptions without embodied carbon. With them the gate's SCI per token is the
 * energy per token times one shared factor (I × PUE), so sci-gate and the ratio gates judge the
 * same figure: energy per token, which is what the injected regressions change. With the
 * embodied share in (M grows with wall time), SCI would partly follow wall time instead
 * (computeEmbodiedShare says how much).
 */
export function selectOperationalAssumptions(assumptions) {
  return { ...assumptions, embodied: [] };
}

/** The mean share of embodied carbon in the runs' SCI under the measured assumptions. */
export function computeEmbodiedShare(dataset) {
  const shares = dataset.levels.flatMap((level) =>
    level.pairs.flatMap((p) =>
      [p.base, p.head].map((run) => {
        const sci = computeRunSci({ energyJ: { total: run.energyJ }, durationS: run.durationS, units: run.units }, dataset.assumptions);
        return sci.ok && sci.value.totalG > 0 ? sci.value.embodiedG / sci.value.totalG : 0;
      }),
    ),
  );
  return shares.reduce((a, b) => a + b, 0) / shares.length;
}

/**
 * A fixed ratio has no budget of its own; it is judged against the policy its tightest threshold
 * encodes (1.05 → a 5 % budget), so the tight setting is judged on its own terms.
 */
export const computeRatioPolicyPct = (plan) => Math.round((Math.min(...plan.ratioThresholds) - 1) * 100);

/** The gates compared: sci-gate's verdict at each budget, and a fixed ratio on single runs at each threshold. */
export function listGates(plan) {
  const policyPct = computeRatioPolicyPct(plan);
  return [
    ...plan.budgetsPct.map((budgetPct) => ({ id: `sci-gate-${budgetPct}`, kind: "sci-gate", budgetPct })),
    ...plan.ratioThresholds.map((threshold) => ({ id: `ratio-${Math.round(threshold * 100)}`, kind: "ratio", threshold, budgetPct: policyPct })),
  ];
}

/**
 * Detection and false-fail rates from recorded pairs. A gate should fail a level whose added
 * work exceeds its budget (a detection when it does); any fail at or below the budget is a
 * false fail. Pure: the same dataset and plan give the same figures.
 */
export function analyseSensitivity(dataset, plan) {
  const minPairs = Math.min(...plan.resampledPairs);
  const gates = listGates(plan);
  const deciders = Object.fromEntries(
    gates
      .filter((g) => g.kind === "sci-gate")
      .map((g) => [g.id, createGateDecider({
          config: buildGateConfig(g.budgetPct, minPairs),
          assumptions: selectOperationalAssumptions(dataset.assumptions),
          machine: dataset.machine,
          sources: dataset.sources,
        }),]),
  );
  const levels = dataset.levels.map((level) => {
    const rows = plan.resampledPairs.map((n) => {
      const cells = {};
      for (const gate of gates) {
        const shouldFail = level.extraWorkPct > gate.budgetPct;
        const rate =
          gate.kind === "sci-gate"
            ? resampleRate({ pairs: level.pairs, n, resamples: plan.resamples, seed: `sensitivity/${level.extraWorkPct}/${n}`, decide: deciders[gate.id] })
            : computeFixedRatioRate(level.pairs, gate.threshold);
        cells[gate.id] = { ...rate, shouldFail };
      }
      return { pairs: n, cells };
    });
    return { extraWorkPct: level.extraWorkPct, recordedPairs: level.pairs.length, measured: describeLogRatios(computeLogRatios(level.pairs)), rows };
  });
  const pooled = poolSd(dataset.levels.map((l) => computeLogRatios(l.pairs)));
  // What theory predicts for the first budget: the gate's rule on normal log ratios with the
  // pooled σ and each level's measured change. Far from the resampled rate means the noise is
  // not what a t test assumes (bursts, drift), or the samples share too much of the recorded data.
  const predictedBudgetPct = plan.budgetsPct[0];
  const limits = pooled ? computeDetectionLimits(pooled.sd, plan.resampledPairs, predictedBudgetPct, plan.targetIncreasePct) : null;
  for (const level of levels) {
    for (const row of level.rows) {
      row.predicted =
        pooled && level.measured.pct
          ? computeDetectionProbability({ sdLogRatio: pooled.sd, pairs: row.pairs, budgetIncrease: predictedBudgetPct / 100, trueIncrease: level.measured.pct.estimate / 100 })
          : null;
    }
  }
  return { gates, minPairs, resamples: plan.resamples, predictedBudgetPct, embodiedShare: computeEmbodiedShare(dataset), levels, sigma: pooled, limits };
}
