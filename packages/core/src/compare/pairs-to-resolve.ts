import { computeStudentTQuantile } from "../stats/student-t.js";
import type { Outcome } from "./types.js";

/**
 * How many pairs an inconclusive verdict would likely need. "Likely" is 80 % power: if the true
 * change and the noise are what was measured, that many pairs resolve the verdict four times in
 * five (Cohen's conventional power, J. Cohen, Statistical Power Analysis for the Behavioral
 * Sciences, 2nd ed., 1988, §2.4). Asking for certainty instead would quote counts nobody runs.
 */
export const resolvePower = 0.8;
/** Beyond this many pairs "more pairs would not resolve it at this noise". */
export const maxResolvePairs = 1000;

/**
 * The margin an end of the interval must clear, at n pairs, to clear it with the given power:
 * (t_{(1+c)/2, n−1} + t_{power, n−1})·σ/√n, the usual sample-size rule for a t interval.
 */
function computeRequiredMargin(pairs: number, sdLog: number, confidence: number, power: number): number {
  const df = pairs - 1;
  return ((computeStudentTQuantile((1 + confidence) / 2, df) + computeStudentTQuantile(power, df)) * sdLog) / Math.sqrt(pairs);
}

/**
 * The smallest number of pairs (2 … 1000) at which an interval of this noise clears a threshold
 * `margin` away from its estimate with the given power; null when the margin is not positive or
 * even 1000 pairs fall short. The required margin falls monotonically with n, so it bisects.
 */
export function estimatePairsForMargin(margin: number, sdLog: number, confidence: number, power: number = resolvePower): number | null {
  if (!(margin > 0) || !(sdLog > 0)) return null;
  if (computeRequiredMargin(maxResolvePairs, sdLog, confidence, power) >= margin) return null;
  let low = 2;
  let high = maxResolvePairs;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (computeRequiredMargin(middle, sdLog, confidence, power) < margin) high = middle;
    else low = middle + 1;
  }
  return low;
}

export interface RelativeLevels {
  warn: number | null;
  fail: number | null;
}

/** One way the interval can settle the verdict, and how far its end has to travel (log scale). */
interface Crossing {
  outcome: "fail" | "warn" | "pass";
  margin: number;
}

/**
 * The crossings of decideRelative's rule for an interval centred on `estimate`: its lower end
 * above ln(1 + T_fail) fails; above ln(1 + T_warn) warns; above 0 warns while the estimate
 * exceeds T_fail; its upper end at most ln(1 + T_fail) (or T_warn without a fail level) passes.
 */
function listCrossings(estimate: number, levels: RelativeLevels): Crossing[] {
  const failLog = levels.fail === null ? null : Math.log1p(levels.fail / 100);
  const warnLog = levels.warn === null ? null : Math.log1p(levels.warn / 100);
  const passLog = failLog ?? warnLog;
  const crossings: Crossing[] = [];
  if (failLog !== null) crossings.push({ outcome: "fail", margin: estimate - failLog });
  if (warnLog !== null) crossings.push({ outcome: "warn", margin: estimate - warnLog });
  if (failLog !== null && estimate > failLog) crossings.push({ outcome: "warn", margin: estimate });
  if (passLog !== null) crossings.push({ outcome: "pass", margin: passLog - estimate });
  return crossings;
}

const precedence: Record<Crossing["outcome"], number> = { fail: 3, warn: 2, pass: 1 };

/** One interval's estimate and the verdict it gives now (an interval only moves on with more pairs: to warn, then fail; or to pass). */
export interface IntervalNow {
  estimate: number;
  outcome: Outcome;
}

/**
 * Pairs that would likely settle an inconclusive relative verdict: for each interval, when each
 * crossing of the rule happens (at 80 % power, the spread as measured), and then the first count
 * above `pairsNow` at which every interval lands on the same decided verdict. One interval (the
 * t interval's) resolves at its nearest crossing — an estimate of +7 % against a 5 % budget warns
 * as soon as the lower end passes 0, long before it could fail. Two (t and Hodges–Lehmann, when
 * they disagreed) resolve when both say the same: a t interval that fails already keeps failing,
 * so it takes the pairs the Hodges–Lehmann one needs to fail too. Null when 1000 pairs would not.
 */
export function estimatePairsToResolveVerdict(
  intervals: readonly IntervalNow[],
  pairsNow: number,
  sdLog: number,
  levels: RelativeLevels,
  enforce: boolean,
  confidence: number,
): number | null {
  const settled = (outcome: Crossing["outcome"]): Outcome => (outcome === "fail" && !enforce ? "warn" : outcome);
  const timed = intervals.map(({ estimate, outcome }) => {
    const crossings = listCrossings(estimate, levels)
      .map((crossing) => ({ ...crossing, pairs: estimatePairsForMargin(crossing.margin, sdLog, confidence) }))
      .filter((crossing): crossing is Crossing & { pairs: number } => crossing.pairs !== null);
    if (outcome === "fail" || outcome === "warn" || outcome === "pass") crossings.push({ outcome, margin: 0, pairs: pairsNow });
    return crossings;
  });
  const candidates = [...new Set([pairsNow + 1, ...timed.flatMap((crossings) => crossings.map((c) => c.pairs))])]
    .filter((pairs) => pairs > pairsNow && pairs <= maxResolvePairs)
    .sort((a, b) => a - b);
  for (const pairs of candidates) {
    const verdicts = timed.map((crossings) => {
      let best: Crossing | null = null;
      for (const crossing of crossings) {
        if (crossing.pairs <= pairs && (best === null || precedence[crossing.outcome] > precedence[best.outcome])) best = crossing;
      }
      return best === null ? null : settled(best.outcome);
    });
    if (verdicts[0] !== null && verdicts.every((verdict) => verdict === verdicts[0])) return pairs;
  }
  return null;
}
