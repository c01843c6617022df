import { computeDetectableIncrease, computeNormalQuantile, computeRequiredPairs } from "../../packages/core/dist/index.js";
import { computeHalfWidth } from "./log-ratios.mjs";

/**
 * The smallest increase a paired test on n pairs can catch at noise σ (sd of ln(head/base)),
 * with 95% detection and a 2.5% one-sided false-fail rate. Two forms:
 *  - known σ (normal): the excess over the budget, in log ratio, is (z₀.₉₇₅ + z₀.₉₅)·σ/√n ≈ 3.605·σ/√n;
 *  - the gate's own rule (σ estimated from the n pairs, t interval, noncentral t), from core's
 *    computeDetectableIncrease with power 0.95: larger at small n, where s is itself uncertain.
 */
export function computeDetectionLimits(sd, pairsList, budgetPct, trueIncreasePct) {
  const zSum = computeNormalQuantile(0.975) + computeNormalQuantile(0.95);
  const budget = budgetPct / 100;
  const required = computeRequiredPairs({ sdLogRatio: sd, budgetIncrease: budget, trueIncrease: trueIncreasePct / 100, confidence: 0.95, power: 0.95 });
  return {
    sd,
    budgetPct,
    zSum,
    rows: pairsList.map((pairs) => {
      const excessLog = (zSum * sd) / Math.sqrt(pairs);
      const exact = computeDetectableIncrease({ sdLogRatio: sd, pairs, budgetIncrease: budget, confidence: 0.95, power: 0.95 });
      return {
        pairs,
        halfWidthPct: Math.expm1(computeHalfWidth(sd, pairs)) * 100,
        zExcessLog: excessLog,
        zDetectablePct: Math.expm1(Math.log1p(budget) + excessLog) * 100,
        tDetectablePct: exact.increase * 100,
      };
    }),
    pairsFor: { trueIncreasePct, power: 0.95, pairs: required.ok ? required.pairs : null, reason: required.ok ? null : required.reason },
  };
}
