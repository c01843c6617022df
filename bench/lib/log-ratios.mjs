import { computeStudentTQuantile, computeTInterval } from "../../packages/core/dist/index.js";

/** Energy per functional unit of one recorded run: what the gate's SCI is proportional to. */
export const energyPerUnit = (run) => run.energyJ / run.units;
/** CPU seconds of the suite's own process tree per unit: the process-attributed view, blind to neighbours. */
export const processCpuPerUnit = (run) => run.processCpuS / run.units;

/** ln(head/base) of each pair under one metric. */
export function computeLogRatios(pairs, metric = energyPerUnit) {
  return pairs.map((p) => Math.log(metric(p.head) / metric(p.base)));
}

/** Mean, sample sd and 95% t interval of log ratios, with the percent view of the mean. */
export function describeLogRatios(logRatios, confidence = 0.95) {
  const t = computeTInterval(logRatios, confidence);
  if (!t.ok) return { n: logRatios.length, mean: logRatios[0] ?? null, sd: null, lower: null, upper: null, pct: null };
  const pct = (x) => Math.expm1(x) * 100;
  return { n: t.n, mean: t.mean, sd: t.sd, lower: t.lower, upper: t.upper, pct: { estimate: pct(t.mean), lower: pct(t.lower), upper: pct(t.upper) } };
}

/**
 * Pooled within-group sd: each regression level has its own mean, but the noise around it is
 * the machine's, so the groups share one σ: sqrt(Σ(nᵢ−1)sᵢ² / Σ(nᵢ−1)).
 */
export function poolSd(groups) {
  let sumSquares = 0;
  let df = 0;
  for (const values of groups) {
    if (values.length < 2) continue;
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    sumSquares += values.reduce((a, v) => a + (v - mean) ** 2, 0);
    df += values.length - 1;
  }
  return df === 0 ? null : { sd: Math.sqrt(sumSquares / df), df };
}

/** Half-width of the paired t interval the gate draws with n pairs at noise σ. */
export function computeHalfWidth(sd, pairs, confidence = 0.95) {
  return (computeStudentTQuantile((1 + confidence) / 2, pairs - 1) * sd) / Math.sqrt(pairs);
}
