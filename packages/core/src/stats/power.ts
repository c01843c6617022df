import { assertOpenUnitInterval, StatsInputError } from "./errors.js";
import { computeNoncentralTSurvival, solveNoncentrality } from "./noncentral-t.js";
import { computeStudentTQuantile } from "./student-t.js";
import { DEFAULT_CONFIDENCE } from "./t-interval.js";

/**
 * Sensitivity of the gate's rule, for `calibrate`: a scenario fails when the lower end of the
 * paired t interval of the log ratios ln(head/base) lies above ln(1 + budget). Increases are
 * fractions (0.05 = +5%); the noise σ is the sd of the paired log ratios.
 *
 * Detection probabilities are computed exactly for normal log ratios: the lower end clears the
 * budget iff T' = (mean − ln(1+T))·√n/s > t_{(1+c)/2, n−1}, and T' is noncentral t with
 * ncp = (δ − ln(1+T))·√n/σ. The usual closed form δ = ln(1+T) + h + t_{0.9, n−1}·σ/√n is close
 * from ~8 pairs (power 0.898 instead of 0.9) but optimistic below (0.85 at 3 pairs, 0.78 at 2),
 * which is why it is not used. σ itself is taken as known (calibration measures it).
 *
 * This is the t rule alone. The gate also vetoes with the Hodges–Lehmann/Wilcoxon check from 6
 * pairs and never fails below compare.minPairs, which only takes failures away: calibrate uses
 * these figures as a starting point and simulates the whole rule (calibrate/simulate-detection.ts).
 */

export const DEFAULT_POWER = 0.9;
export const DEFAULT_MAX_PAIRS = 1000;

function assertNoise(sdLogRatio: number): void {
  if (!(sdLogRatio >= 0) || !Number.isFinite(sdLogRatio)) {
    throw new StatsInputError("invalid-argument", `sdLogRatio is ${sdLogRatio}; expected a finite number ≥ 0`);
  }
}

function assertPairs(pairs: number): void {
  if (!Number.isInteger(pairs) || pairs < 2) {
    throw new StatsInputError("invalid-argument", `pairs is ${pairs}; expected an integer ≥ 2`);
  }
}

function toLogRatio(increase: number, name: string): number {
  if (!(increase > -1) || !Number.isFinite(increase)) {
    throw new StatsInputError("invalid-argument", `${name} is ${increase}; expected a fraction > −1 (0.05 = +5%)`);
  }
  return Math.log1p(increase);
}

/** Half-width h = t_{(1+c)/2, n−1}·σ/√n of the paired t interval on log ratios. */
export function computeIntervalHalfWidth(sdLogRatio: number, pairs: number, confidence: number = DEFAULT_CONFIDENCE): number {
  assertNoise(sdLogRatio);
  assertPairs(pairs);
  assertOpenUnitInterval(confidence, "confidence");
  return (computeStudentTQuantile((1 + confidence) / 2, pairs - 1) * sdLogRatio) / Math.sqrt(pairs);
}

export type DetectionInputs = {
  sdLogRatio: number;
  pairs: number;
  /** Allowed increase, e.g. 0.05 for +5%. */
  budgetIncrease: number;
  /** The true increase of the change, e.g. 0.1 for +10%. */
  trueIncrease: number;
  confidence?: number;
};

/** Probability that the gate fails a change whose true increase is trueIncrease. */
export function computeDetectionProbability(inputs: DetectionInputs): number {
  const { sdLogRatio, pairs, confidence = DEFAULT_CONFIDENCE } = inputs;
  assertNoise(sdLogRatio);
  assertPairs(pairs);
  assertOpenUnitInterval(confidence, "confidence");
  const excess = toLogRatio(inputs.trueIncrease, "trueIncrease") - toLogRatio(inputs.budgetIncrease, "budgetIncrease");
  // Without noise the interval is the single true value: it fails exactly when above budget.
  if (sdLogRatio === 0) return excess > 0 ? 1 : 0;
  const tCritical = computeStudentTQuantile((1 + confidence) / 2, pairs - 1);
  return computeNoncentralTSurvival(tCritical, pairs - 1, (excess * Math.sqrt(pairs)) / sdLogRatio);
}

export type DetectableIncreaseInputs = {
  sdLogRatio: number;
  pairs: number;
  budgetIncrease: number;
  confidence?: number;
  /** Required detection probability; default 0.9. */
  power?: number;
};

export type DetectableIncrease = {
  /** Smallest true log ratio ln(head/base) detected with the given power. */
  logRatio: number;
  /** The same as a fraction: e^logRatio − 1. */
  increase: number;
  /** Half-width of the interval at this noise and n. */
  halfWidth: number;
  power: number;
};

/** The smallest true increase the gate fails with probability `power` (default 0.9). */
export function computeDetectableIncrease(inputs: DetectableIncreaseInputs): DetectableIncrease {
  const { sdLogRatio, pairs, confidence = DEFAULT_CONFIDENCE, power = DEFAULT_POWER } = inputs;
  assertOpenUnitInterval(power, "power");
  const budgetLogRatio = toLogRatio(inputs.budgetIncrease, "budgetIncrease");
  const halfWidth = computeIntervalHalfWidth(sdLogRatio, pairs, confidence);
  const tCritical = computeStudentTQuantile((1 + confidence) / 2, pairs - 1);
  const standardError = sdLogRatio / Math.sqrt(pairs);
  const logRatio = sdLogRatio === 0 ? budgetLogRatio : budgetLogRatio + solveNoncentrality(tCritical, pairs - 1, power) * standardError;
  return { logRatio, increase: Math.expm1(logRatio), halfWidth, power };
}

export type RequiredPairsInputs = {
  sdLogRatio: number;
  budgetIncrease: number;
  trueIncrease: number;
  confidence?: number;
  power?: number;
  /** Search limit; default 1000. */
  maxPairs?: number;
};

export type RequiredPairs =
  | { ok: true; pairs: number; detectionProbability: number }
  /** A change within budget is (rightly) almost never failed, whatever the number of pairs. */
  | { ok: false; reason: "within-budget" }
  | { ok: false; reason: "beyond-max-pairs"; maxPairs: number; detectionProbabilityAtMax: number };

/**
 * The smallest number of pairs n (2 ≤ n ≤ maxPairs) at which a change of trueIncrease is failed
 * with probability ≥ power. Detection grows with n (the interval narrows, the effect's ncp
 * grows), so the search bisects over n.
 */
export function computeRequiredPairs(inputs: RequiredPairsInputs): RequiredPairs {
  const { sdLogRatio, budgetIncrease, trueIncrease, confidence = DEFAULT_CONFIDENCE, power = DEFAULT_POWER, maxPairs = DEFAULT_MAX_PAIRS } = inputs;
  assertOpenUnitInterval(power, "power");
  assertPairs(maxPairs);
  if (toLogRatio(trueIncrease, "trueIncrease") <= toLogRatio(budgetIncrease, "budgetIncrease")) {
    return { ok: false, reason: "within-budget" };
  }
  const detect = (pairs: number) => computeDetectionProbability({ sdLogRatio, pairs, budgetIncrease, trueIncrease, confidence });
  const atMax = detect(maxPairs);
  if (atMax < power) return { ok: false, reason: "beyond-max-pairs", maxPairs, detectionProbabilityAtMax: atMax };
  let lo = 1; // detection at lo is taken as insufficient (n = 1 gives no interval)
  let hi = maxPairs;
  let atHi = atMax;
  while (hi - lo > 1) {
    const middle = Math.floor((lo + hi) / 2);
    const atMiddle = detect(middle);
    if (atMiddle >= power) {
      hi = middle;
      atHi = atMiddle;
    } else {
      lo = middle;
    }
  }
  return { ok: true, pairs: hi, detectionProbability: atHi };
}
