import { assertOpenUnitInterval, StatsInputError } from "./errors.js";
import { computeNormalCdf } from "./normal.js";
import { computeLogGamma } from "./special-functions.js";

/**
 * P(T' > t) for the noncentral t distribution, T' = (Z + ncp)/S with S = √(χ²_df/df): the
 * probability that a paired t interval's lower end clears a threshold when the true effect is
 * ncp standard errors above it. Written as E_S[Φ(ncp − t·S)] and integrated over the density of
 * S, f(s) ∝ s^{df−1}·e^{−df·s²/2}, which is smooth for df ≥ 1 (unlike the χ² density at 0).
 */

const PANELS = 32;
const TOLERANCE = 1e-12;
const MAX_DEPTH = 40;

function computeLogSDensity(s: number, df: number, logNormaliser: number): number {
  return logNormaliser + (df - 1) * Math.log(s) - (df * s * s) / 2;
}

/** Adaptive Simpson on [a, b], splitting until the two halves agree to within the tolerance. */
function integrateAdaptively(f: (x: number) => number, a: number, b: number, tolerance: number): number {
  const step = (
    left: number,
    right: number,
    fLeft: number,
    fMiddle: number,
    fRight: number,
    whole: number,
    tol: number,
    depth: number,
  ): number => {
    const middle = (left + right) / 2;
    const leftMiddle = (left + middle) / 2;
    const rightMiddle = (middle + right) / 2;
    const fLeftMiddle = f(leftMiddle);
    const fRightMiddle = f(rightMiddle);
    const leftArea = ((middle - left) / 6) * (fLeft + 4 * fLeftMiddle + fMiddle);
    const rightArea = ((right - middle) / 6) * (fMiddle + 4 * fRightMiddle + fRight);
    const difference = leftArea + rightArea - whole;
    if (depth >= MAX_DEPTH || Math.abs(difference) <= 15 * tol) return leftArea + rightArea + difference / 15;
    return (
      step(left, middle, fLeft, fLeftMiddle, fMiddle, leftArea, tol / 2, depth + 1) +
      step(middle, right, fMiddle, fRightMiddle, fRight, rightArea, tol / 2, depth + 1)
    );
  };
  const fa = f(a);
  const fb = f(b);
  const fm = f((a + b) / 2);
  return step(a, b, fa, fm, fb, ((b - a) / 6) * (fa + 4 * fm + fb), tolerance, 0);
}

/** P(T' > t) for the noncentral t with df ≥ 1 degrees of freedom and noncentrality ncp. */
export function computeNoncentralTSurvival(t: number, df: number, ncp: number): number {
  if (!(df >= 1) || !Number.isFinite(df)) {
    throw new StatsInputError("invalid-argument", `degrees of freedom is ${df}; expected a finite number ≥ 1`);
  }
  if (!Number.isFinite(t) || !Number.isFinite(ncp)) {
    throw new StatsInputError("invalid-argument", `t and ncp must be finite; got t=${t}, ncp=${ncp}`);
  }
  const half = df / 2;
  // ln of the normaliser of f(s) = 2·(df/2)^{df/2}·s^{df−1}·e^{−df·s²/2} / Γ(df/2).
  const logNormaliser = Math.log(2) + half * Math.log(half) - computeLogGamma(half);
  // S has mean ≈ 1 and sd ≈ 1/√(2·df); ±10/√df holds all but ~e^{−50} of its mass for every df ≥ 1.
  const spread = 10 / Math.sqrt(df);
  const from = Math.max(0, 1 - spread);
  const to = 1 + spread;
  const integrand = (s: number): number =>
    s <= 0 ? (df === 1 ? Math.exp(logNormaliser) * computeNormalCdf(ncp) : 0) : Math.exp(computeLogSDensity(s, df, logNormaliser)) * computeNormalCdf(ncp - t * s);
  // Fixed panels first, so the narrow peak of S at large df is never stepped over.
  const width = (to - from) / PANELS;
  let total = 0;
  for (let panel = 0; panel < PANELS; panel++) {
    total += integrateAdaptively(integrand, from + panel * width, from + (panel + 1) * width, TOLERANCE / PANELS);
  }
  return Math.min(1, Math.max(0, total));
}

/**
 * The noncentrality at which P(T' > t) reaches the given probability, by bisection (the
 * survival grows monotonically with ncp).
 */
export function solveNoncentrality(t: number, df: number, probability: number): number {
  assertOpenUnitInterval(probability, "probability");
  let lo = t - 40;
  let hi = t + 40;
  while (computeNoncentralTSurvival(t, df, hi) < probability) {
    lo = hi;
    hi *= 2;
  }
  for (let iteration = 0; iteration < 200 && hi - lo > 1e-12 * Math.max(1, Math.abs(hi)); iteration++) {
    const middle = (lo + hi) / 2;
    if (computeNoncentralTSurvival(t, df, middle) < probability) lo = middle;
    else hi = middle;
  }
  return (lo + hi) / 2;
}
