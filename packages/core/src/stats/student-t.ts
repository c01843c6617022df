import { assertProbability, StatsInputError } from "./errors.js";
import { computeNormalCdf, computeNormalPdf, computeNormalQuantile } from "./normal.js";
import { computeIncompleteBeta, computeLogBeta } from "./special-functions.js";

/**
 * Above this many degrees of freedom the t distribution is taken as the normal plus its first
 * Edgeworth correction, whose error is O(1/ν²) ≈ 1e-14; the continued fraction would need
 * O(√ν) iterations there for no gain.
 */
const LARGE_DF = 1e7;

function assertDegreesOfFreedom(df: number): void {
  if (!(df > 0)) {
    throw new StatsInputError("invalid-argument", `degrees of freedom is ${df}; expected a number > 0`);
  }
}

/** Student t density with df degrees of freedom (df may be fractional, as Welch's is). */
export function computeStudentTPdf(t: number, df: number): number {
  assertDegreesOfFreedom(df);
  if (df > LARGE_DF) return computeNormalPdf(t);
  const logDensity = -computeLogBeta(df / 2, 0.5) - 0.5 * Math.log(df) - ((df + 1) / 2) * Math.log1p((t * t) / df);
  return Math.exp(logDensity);
}

/**
 * P(T ≤ t) for Student's t with df > 0 degrees of freedom, through the incomplete beta
 * function: P(|T| > |t|) = I_{ν/(ν+t²)}(ν/2, ½). Both x and 1 − x are formed directly so
 * that neither tail loses precision.
 */
export function computeStudentTCdf(t: number, df: number): number {
  assertDegreesOfFreedom(df);
  if (Number.isNaN(t)) throw new StatsInputError("invalid-argument", "t is NaN");
  if (t === Number.POSITIVE_INFINITY) return 1;
  if (t === Number.NEGATIVE_INFINITY) return 0;
  if (df > LARGE_DF) {
    // Edgeworth: F(t) ≈ Φ(t) − φ(t)·(t³ + t)/(4ν).
    return computeNormalCdf(t) - (computeNormalPdf(t) * (t * t * t + t)) / (4 * df);
  }
  const t2 = t * t;
  const { lower: twoSidedTail } = computeIncompleteBeta(df / 2, 0.5, df / (df + t2), t2 / (df + t2));
  const tail = 0.5 * twoSidedTail;
  return t < 0 ? tail : 1 - tail;
}

/** A first guess for the lower-tail quantile (q < ½): Cornish–Fisher expansion around the normal. */
function guessLowerTQuantile(q: number, df: number): number {
  const z = computeNormalQuantile(q);
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const guess = z + g1 / df + g2 / (df * df);
  return Number.isFinite(guess) && guess < 0 ? guess : -1;
}

/**
 * Lower-tail quantile (q < ½, result < 0) by Newton's method kept inside a bracket that always
 * holds the root, falling back to bisection whenever a Newton step would leave it. Newton
 * alone can overshoot in the heavy tails of small df.
 */
function solveLowerTQuantile(q: number, df: number): number {
  let hi = 0;
  let lo = guessLowerTQuantile(q, df);
  while (computeStudentTCdf(lo, df) > q) {
    hi = lo;
    lo *= 2;
    if (!Number.isFinite(lo)) return Number.NEGATIVE_INFINITY;
  }
  let t = lo;
  for (let iteration = 0; iteration < 200; iteration++) {
    const error = computeStudentTCdf(t, df) - q;
    if (error === 0) return t;
    if (error < 0) lo = t;
    else hi = t;
    const density = computeStudentTPdf(t, df);
    let next = t - error / density;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - t) <= 1e-15 * Math.abs(t) || next === lo || next === hi) return next;
    t = next;
  }
  return t;
}

/**
 * Quantile of Student's t: the t with P(T ≤ t) = p, for any df > 0 including Welch's
 * fractional df. df 1 and 2 have closed forms; df = ∞ is the normal.
 */
export function computeStudentTQuantile(p: number, df: number): number {
  assertProbability(p, "p");
  assertDegreesOfFreedom(df);
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;
  // Work in the lower tail; 1 − p is exact for p ≥ ½, so the upper tail loses nothing.
  if (p > 0.5) return -computeStudentTQuantile(1 - p, df);
  if (df === Number.POSITIVE_INFINITY) return computeNormalQuantile(p);
  if (df === 1) return -1 / Math.tan(Math.PI * p);
  if (df === 2) return (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
  if (df > LARGE_DF) {
    const z = computeNormalQuantile(p);
    return z + (z * (z * z + 1)) / (4 * df);
  }
  const key = `${p}/${df}`;
  const known = solvedQuantiles.get(key);
  if (known !== undefined) return known;
  const t = solveLowerTQuantile(p, df);
  // Bounded: a long-running process (the action, a simulation) asks many distinct df.
  if (solvedQuantiles.size >= maxSolvedQuantiles) solvedQuantiles.clear();
  solvedQuantiles.set(key, t);
  return t;
}

/**
 * The iterative solve costs ~30 µs, and the gate asks the same few (p, df) again and again
 * (every interval of a simulation, every n of a pairs search): remember the answers.
 */
const solvedQuantiles = new Map<string, number>();
const maxSolvedQuantiles = 4096;
