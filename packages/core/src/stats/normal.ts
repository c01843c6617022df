import { assertProbability, StatsInputError } from "./errors.js";
import { computeUpperIncompleteGamma } from "./special-functions.js";

const SQRT_TWO_PI = Math.sqrt(2 * Math.PI);

/** Standard normal density φ(x). */
export function computeNormalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / SQRT_TWO_PI;
}

/**
 * Standard normal CDF Φ(x) through erfc(|x|/√2) = Q(½, x²/2), so the lower tail keeps full
 * relative accuracy far out (Φ(−30) ≈ 4.9e-198 rather than 0 from 1 − Φ(30)).
 */
export function computeNormalCdf(x: number): number {
  if (Number.isNaN(x)) throw new StatsInputError("invalid-argument", "x is NaN");
  const tail = 0.5 * computeUpperIncompleteGamma(0.5, 0.5 * x * x);
  return x < 0 ? tail : 1 - tail;
}

// Acklam's rational approximation (relative error < 1.15e-9), refined below to full precision.
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

/** Acklam's first guess for the quantile of a lower-tail probability 0 < p ≤ ½. */
function guessLowerQuantile(p: number): number {
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((C[0]! * q + C[1]!) * q + C[2]!) * q + C[3]!) * q + C[4]!) * q + C[5]!) /
      ((((D[0]! * q + D[1]!) * q + D[2]!) * q + D[3]!) * q + 1)
    );
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((A[0]! * r + A[1]!) * r + A[2]!) * r + A[3]!) * r + A[4]!) * r + A[5]!) * q) /
    (((((B[0]! * r + B[1]!) * r + B[2]!) * r + B[3]!) * r + B[4]!) * r + 1)
  );
}

/**
 * Standard normal quantile Φ⁻¹(p): Acklam's approximation polished by two Halley steps on the
 * accurate CDF, which brings it to ~1e-15 relative. Upper-tail p is mirrored through 1 − p,
 * which is exact in floating point for p ≥ ½.
 */
export function computeNormalQuantile(p: number): number {
  assertProbability(p, "p");
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p > 0.5) return -computeNormalQuantile(1 - p);
  if (p === 0.5) return 0;
  let x = guessLowerQuantile(p);
  for (let step = 0; step < 2; step++) {
    const error = computeNormalCdf(x) - p;
    const u = error * SQRT_TWO_PI * Math.exp(0.5 * x * x);
    x -= u / (1 + 0.5 * x * u);
  }
  return x;
}
