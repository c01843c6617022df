import { assertFiniteValues, assertNonEmpty, assertProbability, StatsInputError } from "./errors.js";

/**
 * Sum with Neumaier's compensation: log ratios are small numbers around a common offset, and
 * the compensated sum keeps `mean(d + c) = mean(d) + c` true to the last bits.
 */
export function sumValues(values: readonly number[]): number {
  let sum = 0;
  let compensation = 0;
  for (const value of values) {
    const next = sum + value;
    compensation += Math.abs(sum) >= Math.abs(value) ? sum - next + value : value - next + sum;
    sum = next;
  }
  return sum + compensation;
}

/**
 * Arithmetic mean, taken as x₀ + mean(xᵢ − x₀): the deviations from the first value are small
 * and exact for nearby values, so a constant sample has exactly its value as mean and a shift
 * by c moves the mean by c to the last bits. Throws on an empty sample.
 */
export function computeMean(values: readonly number[]): number {
  assertNonEmpty(values, "values");
  assertFiniteValues(values, "values");
  const reference = values[0]!;
  return reference + sumValues(values.map((value) => value - reference)) / values.length;
}

/** Sample standard deviation (n − 1 denominator, two-pass for accuracy). Needs n ≥ 2. */
export function computeSampleSd(values: readonly number[]): number {
  if (values.length < 2) {
    throw new StatsInputError("empty-sample", `a standard deviation needs at least 2 values; got ${values.length}`);
  }
  const mean = computeMean(values);
  const squares = values.map((value) => (value - mean) ** 2);
  return Math.sqrt(sumValues(squares) / (values.length - 1));
}

/**
 * Coefficient of variation sd / |mean|, the noise figure `calibrate` reports per scenario.
 * A zero mean has no meaningful relative spread, so it is rejected rather than returning ∞.
 */
export function computeCoefficientOfVariation(values: readonly number[]): number {
  const sd = computeSampleSd(values);
  const mean = computeMean(values);
  if (mean === 0) {
    throw new StatsInputError("invalid-argument", "the coefficient of variation is undefined for a zero mean");
  }
  return sd / Math.abs(mean);
}

/**
 * Sorted copy, ascending; the input is left untouched. A typed array sorts numerically without
 * a comparator call per step (several times faster for the n(n+1)/2 Walsh averages).
 */
export function sortAscending(values: readonly number[]): number[] {
  return Array.from(Float64Array.from(values).sort());
}

/**
 * Quantile of an already sorted sample, Hyndman & Fan type 7 (R's and NumPy's default):
 * linear interpolation between order statistics at h = (n − 1)·p.
 */
export function computeQuantileOfSorted(sorted: readonly number[], p: number): number {
  assertNonEmpty(sorted, "sorted");
  assertProbability(p, "p");
  const h = (sorted.length - 1) * p;
  const below = Math.floor(h);
  const lower = sorted[below]!;
  const upper = sorted[Math.min(below + 1, sorted.length - 1)]!;
  return lower + (h - below) * (upper - lower);
}

/** Quantile, type 7 (see computeQuantileOfSorted). */
export function computeQuantile(values: readonly number[], p: number): number {
  assertNonEmpty(values, "values");
  assertFiniteValues(values, "values");
  return computeQuantileOfSorted(sortAscending(values), p);
}

/**
 * Median of an already sorted sample. The two middle values are averaged as (a + b) / 2, not
 * interpolated, so the median of the negated sample is exactly the negated median.
 */
export function computeMedianOfSorted(sorted: readonly number[]): number {
  assertNonEmpty(sorted, "sorted");
  const middle = (sorted.length - 1) / 2;
  const lower = sorted[Math.floor(middle)]!;
  const upper = sorted[Math.ceil(middle)]!;
  return (lower + upper) / 2;
}

/** Median (the mean of the two middle values for an even count). */
export function computeMedian(values: readonly number[]): number {
  assertNonEmpty(values, "values");
  assertFiniteValues(values, "values");
  return computeMedianOfSorted(sortAscending(values));
}
