import { computeBootstrapMeanInterval } from "../stats/bootstrap.js";
import { computeTInterval, computeWelchInterval } from "../stats/t-interval.js";
import { computeHodgesLehmannInterval } from "../stats/wilcoxon.js";
import type { ChangeEstimate, LogInterval } from "./types.js";

const toPct = (interval: LogInterval): LogInterval => ({
  estimate: Math.expm1(interval.estimate) * 100,
  lower: Math.expm1(interval.lower) * 100,
  upper: Math.expm1(interval.upper) * 100,
  confidence: interval.confidence,
});

/** Robust checks start where they mean something: an exact 95% Wilcoxon interval needs 6 pairs. */
export const robustFromPairs = 6;
export const bootstrapFromPairs = 20;

/**
 * ln(head/base) per pair → estimate and interval, with the robust cross-checks when there are
 * enough pairs. A null seed skips the bootstrap.
 */
export function estimatePairedChange(logRatios: readonly number[], confidence: number, seed: string | null): ChangeEstimate | null {
  const t = computeTInterval(logRatios, confidence);
  if (!t.ok) return null;
  const logRatio = { estimate: t.mean, lower: t.lower, upper: t.upper, confidence };
  let robust: ChangeEstimate["robust"] = null;
  if (logRatios.length >= robustFromPairs) {
    const hl = computeHodgesLehmannInterval(logRatios, confidence);
    if (hl.ok) {
      const interval = { estimate: hl.estimate, lower: hl.lower, upper: hl.upper, confidence: hl.achievedConfidence };
      robust = { logRatio: interval, pct: toPct(interval), achievedConfidence: hl.achievedConfidence };
    }
  }
  let bootstrap: LogInterval | null = null;
  if (seed !== null && logRatios.length >= bootstrapFromPairs) {
    const b = computeBootstrapMeanInterval(logRatios, { confidence, seed });
    if (b.ok) bootstrap = { estimate: b.estimate, lower: b.lower, upper: b.upper, confidence };
  }
  return { method: "paired-t", n: t.n, logRatio, pct: toPct(logRatio), sdLog: t.sd, robust, bootstrap };
}

/** Unpaired runs: Welch's interval on the difference of mean log values (head − base). */
export function estimateUnpairedChange(baseLogs: readonly number[], headLogs: readonly number[], confidence: number): ChangeEstimate | null {
  if (baseLogs.length < 2 || headLogs.length < 2) return null;
  const w = computeWelchInterval(headLogs, baseLogs, confidence);
  if (!w.ok) return null;
  const logRatio = { estimate: w.difference, lower: w.lower, upper: w.upper, confidence };
  // The spread of a would-be pair difference, so "pairs to resolve" reads the same as paired.
  const sdLog = Math.sqrt(w.sdX ** 2 + w.sdY ** 2);
  return { method: "welch-t", n: Math.min(baseLogs.length, headLogs.length), logRatio, pct: toPct(logRatio), sdLog, robust: null, bootstrap: null };
}
