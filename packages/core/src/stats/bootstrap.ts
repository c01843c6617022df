import { computeQuantileOfSorted, sortAscending, sumValues } from "./descriptive.js";
import { assertFiniteValues, assertOpenUnitInterval, StatsInputError } from "./errors.js";
import { createRng } from "./rng.js";
import { DEFAULT_CONFIDENCE, type NotEnoughData } from "./t-interval.js";

export const DEFAULT_BOOTSTRAP_RESAMPLES = 2000;
/** Used when the caller gives no seed, so that a report recomputed later gives the same figures. */
export const DEFAULT_BOOTSTRAP_SEED = "sci-gate/bootstrap";

/** A statistic of one (re)sample, e.g. the mean or a trimmed mean. */
export type SampleStatistic = (sample: readonly number[]) => number;

export type BootstrapOptions = {
  /** Default DEFAULT_BOOTSTRAP_RESAMPLES (2000). */
  resamples?: number;
  /** Default DEFAULT_CONFIDENCE (0.95). */
  confidence?: number;
  /** Default DEFAULT_BOOTSTRAP_SEED; the same seed and data always give the same interval. */
  seed?: number | string;
};

export type BootstrapInterval = {
  ok: true;
  n: number;
  /** The statistic of the original sample. */
  estimate: number;
  lower: number;
  upper: number;
  confidence: number;
  resamples: number;
  seed: number | string;
};

/**
 * Percentile bootstrap interval (Efron): draw `resamples` samples of size n with replacement,
 * take the statistic of each, report the α/2 and 1 − α/2 quantiles (type 7) of those values.
 * Needs n ≥ 2: one value resamples to itself and would give a falsely certain interval.
 * Percentile intervals are known to under-cover for very small n; they are a cross-check here.
 */
export function computeBootstrapInterval(
  values: readonly number[],
  statistic: SampleStatistic,
  options: BootstrapOptions = {},
): BootstrapInterval | NotEnoughData {
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE;
  const resamples = options.resamples ?? DEFAULT_BOOTSTRAP_RESAMPLES;
  const seed = options.seed ?? DEFAULT_BOOTSTRAP_SEED;
  assertOpenUnitInterval(confidence, "confidence");
  assertFiniteValues(values, "values");
  if (!Number.isInteger(resamples) || resamples < 1) {
    throw new StatsInputError("invalid-argument", `resamples is ${resamples}; expected a positive integer`);
  }
  const n = values.length;
  if (n < 2) return { ok: false, reason: "not-enough-data", n, minimum: 2 };
  const rng = createRng(seed);
  const replicates: number[] = [];
  for (let b = 0; b < resamples; b++) {
    const sample: number[] = [];
    for (let i = 0; i < n; i++) sample.push(values[rng.nextInt(0, n - 1)]!);
    const replicate = statistic(sample);
    if (!Number.isFinite(replicate)) {
      throw new StatsInputError("non-finite-value", `the statistic returned ${replicate} on bootstrap resample ${b}`);
    }
    replicates.push(replicate);
  }
  const sorted = sortAscending(replicates);
  const alpha = 1 - confidence;
  return {
    ok: true,
    n,
    estimate: statistic(values),
    lower: computeQuantileOfSorted(sorted, alpha / 2),
    upper: computeQuantileOfSorted(sorted, 1 - alpha / 2),
    confidence,
    resamples,
    seed,
  };
}

/** Percentile bootstrap interval of the mean. */
export function computeBootstrapMeanInterval(values: readonly number[], options: BootstrapOptions = {}): BootstrapInterval | NotEnoughData {
  return computeBootstrapInterval(values, (sample) => sumValues(sample) / sample.length, options);
}
