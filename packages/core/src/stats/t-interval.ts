import { computeMean, computeSampleSd } from "./descriptive.js";
import { assertFiniteValues, assertOpenUnitInterval } from "./errors.js";
import { computeStudentTQuantile } from "./student-t.js";

/** The default two-sided confidence of every interval in this module. */
export const DEFAULT_CONFIDENCE = 0.95;

/** Returned instead of an interval when a sample is too small to estimate its spread. */
export type NotEnoughData = { ok: false; reason: "not-enough-data"; n: number; minimum: number };

/** Two-sided t interval for the mean of one sample (e.g. paired log ratios ln(head/base)). */
export type TInterval = {
  ok: true;
  n: number;
  mean: number;
  sd: number;
  standardError: number;
  df: number;
  confidence: number;
  /** t_{(1+c)/2, df}. */
  tCritical: number;
  halfWidth: number;
  lower: number;
  upper: number;
};

/**
 * Mean ± t_{(1+c)/2, n−1}·sd/√n. Needs n ≥ 2 (one value says nothing about the noise). A
 * sample with no spread at all gives a zero-width interval at the mean, which is what the data
 * say; deciding whether that is plausible is the caller's business.
 */
export function computeTInterval(values: readonly number[], confidence: number = DEFAULT_CONFIDENCE): TInterval | NotEnoughData {
  assertOpenUnitInterval(confidence, "confidence");
  assertFiniteValues(values, "values");
  const n = values.length;
  if (n < 2) return { ok: false, reason: "not-enough-data", n, minimum: 2 };
  const mean = computeMean(values);
  const sd = computeSampleSd(values);
  const standardError = sd / Math.sqrt(n);
  const df = n - 1;
  const tCritical = computeStudentTQuantile((1 + confidence) / 2, df);
  const halfWidth = tCritical * standardError;
  return { ok: true, n, mean, sd, standardError, df, confidence, tCritical, halfWidth, lower: mean - halfWidth, upper: mean + halfWidth };
}

/** Welch's interval for mean(x) − mean(y) of two independent samples with unequal variances. */
export type WelchInterval = {
  ok: true;
  nX: number;
  nY: number;
  meanX: number;
  meanY: number;
  sdX: number;
  sdY: number;
  /** mean(x) − mean(y). */
  difference: number;
  standardError: number;
  /** Welch–Satterthwaite degrees of freedom (fractional). */
  df: number;
  confidence: number;
  tCritical: number;
  halfWidth: number;
  lower: number;
  upper: number;
};

export type WelchNotEnoughData = { ok: false; reason: "not-enough-data"; nX: number; nY: number; minimum: number };

/**
 * Welch–Satterthwaite df from the variances of the two means, scaled by the larger one so that
 * squaring tiny variances cannot underflow to 0/0.
 */
function computeWelchDf(varianceOfMeanX: number, nX: number, varianceOfMeanY: number, nY: number): number {
  const scale = Math.max(varianceOfMeanX, varianceOfMeanY);
  if (scale === 0) return nX + nY - 2;
  const x = varianceOfMeanX / scale;
  const y = varianceOfMeanY / scale;
  return (x + y) ** 2 / (x ** 2 / (nX - 1) + y ** 2 / (nY - 1));
}

/**
 * Welch's unpaired interval, for base and head measured in separate jobs (no pairing):
 * se² = sx²/nx + sy²/ny, df = se⁴ / [(sx²/nx)²/(nx−1) + (sy²/ny)²/(ny−1)]. Each side needs
 * n ≥ 2. When both samples have zero spread the df formula is 0/0; the interval then has zero
 * width anyway, and df is reported as nx + ny − 2.
 */
export function computeWelchInterval(
  x: readonly number[],
  y: readonly number[],
  confidence: number = DEFAULT_CONFIDENCE,
): WelchInterval | WelchNotEnoughData {
  assertOpenUnitInterval(confidence, "confidence");
  assertFiniteValues(x, "x");
  assertFiniteValues(y, "y");
  const nX = x.length;
  const nY = y.length;
  if (nX < 2 || nY < 2) return { ok: false, reason: "not-enough-data", nX, nY, minimum: 2 };
  const meanX = computeMean(x);
  const meanY = computeMean(y);
  const sdX = computeSampleSd(x);
  const sdY = computeSampleSd(y);
  const varianceOfMeanX = (sdX * sdX) / nX;
  const varianceOfMeanY = (sdY * sdY) / nY;
  const varianceOfDifference = varianceOfMeanX + varianceOfMeanY;
  const standardError = Math.sqrt(varianceOfDifference);
  const df = computeWelchDf(varianceOfMeanX, nX, varianceOfMeanY, nY);
  const tCritical = computeStudentTQuantile((1 + confidence) / 2, df);
  const halfWidth = tCritical * standardError;
  const difference = meanX - meanY;
  return {
    ok: true,
    nX,
    nY,
    meanX,
    meanY,
    sdX,
    sdY,
    difference,
    standardError,
    df,
    confidence,
    tCritical,
    halfWidth,
    lower: difference - halfWidth,
    upper: difference + halfWidth,
  };
}
