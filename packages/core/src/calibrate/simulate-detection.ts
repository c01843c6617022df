import { estimatePairedChange } from "../compare/change.js";
import { decideRelativeChange, type RelativeRule } from "../compare/decide-change.js";
import { createRng, type Rng } from "../stats/rng.js";

/**
 * What the gate catches, found by running its own decision rule (decideRelativeChange: the t
 * interval, the Hodges–Lehmann/Wilcoxon veto from 6 pairs, the minPairs cap) on seeded synthetic
 * pairs, ln(head/base) = δ + σ·z with z standard normal. A closed form for the t rule alone
 * overstates the gate: the veto costs power (at the t rule's "90 %" increase the real rule fails
 * 74 % of the time at 6 pairs, 85–88 % at 7–20), and below minPairs nothing fails at all.
 */

/** Synthetic comparisons per estimate: the 90 % it reports is then good to ±0.7 points (one binomial sd). */
export const simulatedComparisons = 2000;
/**
 * The largest pair count simulated: calibrate never suggests more runs than this (maxSuggestedRuns),
 * and the robust check's cost grows with n², so beyond it the calibration says "more than 50".
 */
export const maxSimulatedPairs = 50;

export interface DetectionSetup {
  /** Noise of one paired log ratio ln(head/base). */
  sdLogRatio: number;
  confidence: number;
  rule: RelativeRule;
  /** Seeds the synthetic noise: the same seed gives the same answers. */
  seed: string;
  trials?: number;
}

/** The reason the rule can never fail this configuration, or null when it can. */
export function explainCannotFail(rule: RelativeRule, pairs: number): string | null {
  if (rule.budget.fail === null) return "no relative fail level is set";
  if (!rule.enforce) return "the budget is not enforced (enforce: false), so it only warns";
  if (pairs < rule.minPairs) return `${pairs} pairs cannot fail the build: compare.minPairs is ${rule.minPairs}`;
  return null;
}

/**
 * Standard normal draws for each synthetic comparison, so every pair count and every δ sees the
 * same noise (common random numbers: answers move smoothly with n). Stored pair by pair (all
 * comparisons' first pair, then their second …) and drawn only as far as a pair count needs,
 * in one seeded sequence, so the values never depend on which count was asked first.
 */
class NoiseBank {
  readonly trials: number;
  private readonly rng: Rng;
  private draws = new Float64Array(0);
  private columns = 0;

  constructor(seed: string, trials: number) {
    this.trials = trials;
    this.rng = createRng(`calibrate/${seed}`);
  }

  private ensure(pairs: number): void {
    if (pairs <= this.columns) return;
    const grown = new Float64Array(pairs * this.trials);
    grown.set(this.draws);
    for (let i = this.draws.length; i < grown.length; i++) grown[i] = this.rng.nextNormal();
    this.draws = grown;
    this.columns = pairs;
  }

  logRatios(trial: number, pairs: number, sdLogRatio: number, trueLogRatio: number): number[] {
    this.ensure(pairs);
    const values = new Array<number>(pairs);
    for (let i = 0; i < pairs; i++) values[i] = trueLogRatio + sdLogRatio * this.draws[i * this.trials + trial]!;
    return values;
  }
}

export class DetectionSimulator {
  private readonly bank: NoiseBank;

  constructor(private readonly setup: DetectionSetup) {
    this.bank = new NoiseBank(setup.seed, setup.trials ?? simulatedComparisons);
  }

  private fails(trial: number, pairs: number, trueLogRatio: number): boolean {
    const change = estimatePairedChange(this.bank.logRatios(trial, pairs, this.setup.sdLogRatio, trueLogRatio), this.setup.confidence, null);
    return change !== null && decideRelativeChange(change, this.setup.rule, { pairsToResolve: false }).outcome === "fail";
  }

  /** The share of synthetic comparisons of `pairs` pairs that the gate fails when the true change is `trueLogRatio`. */
  failRate(pairs: number, trueLogRatio: number): number {
    let fails = 0;
    for (let trial = 0; trial < this.bank.trials; trial++) if (this.fails(trial, pairs, trueLogRatio)) fails++;
    return fails / this.bank.trials;
  }

  /**
   * Whether at least `power` of the synthetic comparisons fail: the same answer as failRate ≥ power,
   * stopping as soon as the count settles it either way.
   */
  reachesRate(pairs: number, trueLogRatio: number, power: number): boolean {
    const needed = Math.ceil(power * this.bank.trials - 1e-9);
    let fails = 0;
    for (let trial = 0; trial < this.bank.trials; trial++) {
      if (fails >= needed) return true;
      if (fails + (this.bank.trials - trial) < needed) return false;
      if (this.fails(trial, pairs, trueLogRatio)) fails++;
    }
    return fails >= needed;
  }

  /**
   * The smallest true log ratio the gate fails with probability ≥ power at `pairs` pairs, or null
   * when it cannot fail. Each synthetic comparison fails for every δ above its own threshold (both
   * intervals shift with δ), so a bisection on δ that remembers what each comparison did only
   * re-runs the comparisons whose threshold lies inside the current bracket.
   */
  detectableLogRatio(pairs: number, power: number, startLogRatio: number): { logRatio: number; failRate: number } | null {
    if (explainCannotFail(this.setup.rule, pairs) !== null || pairs > maxSimulatedPairs) return null;
    const failLog = Math.log1p(this.setup.rule.budget.fail! / 100);
    if (this.setup.sdLogRatio === 0) return { logRatio: failLog, failRate: 1 };
    const trials = this.bank.trials;
    const failedAt = new Float64Array(trials).fill(Number.POSITIVE_INFINITY);
    const passedAt = new Float64Array(trials).fill(Number.NEGATIVE_INFINITY);
    const rateAt = (delta: number) => {
      let fails = 0;
      for (let trial = 0; trial < trials; trial++) {
        if (delta >= failedAt[trial]!) fails++;
        else if (delta > passedAt[trial]!) {
          if (this.fails(trial, pairs, delta)) {
            failedAt[trial] = delta;
            fails++;
          } else passedAt[trial] = delta;
        }
      }
      return fails / trials;
    };
    // At the budget itself the rule fails at most (1 − confidence)/2 of the time: a lower bound.
    let low = failLog;
    let high = Math.max(startLogRatio, failLog) + this.setup.sdLogRatio / Math.sqrt(pairs);
    let highRate = rateAt(high);
    for (let step = 1; highRate < power; step *= 2) {
      low = high;
      high += (step * this.setup.sdLogRatio) / Math.sqrt(pairs);
      highRate = rateAt(high);
      if (step > 1e6) return null;
    }
    // 1e-5 in ln is a thousandth of a percentage point: finer than anyone reads.
    while (high - low > 1e-5) {
      const middle = (low + high) / 2;
      const rate = rateAt(middle);
      if (rate >= power) {
        high = middle;
        highRate = rate;
      } else low = middle;
    }
    return { logRatio: high, failRate: highRate };
  }

  /**
   * The smallest pair count (from `startPairs`, e.g. the t rule's own count, which the full rule can
   * only exceed) at which a true change of `trueLogRatio` fails with probability ≥ power: upward in
   * doubling steps, then bisection. Null beyond maxSimulatedPairs.
   */
  requiredPairs(trueLogRatio: number, power: number, startPairs: number): number | null {
    const first = Math.max(2, this.setup.rule.minPairs, startPairs);
    if (first > maxSimulatedPairs || explainCannotFail(this.setup.rule, first) !== null) return null;
    let below = first - 1;
    let pairs = first;
    for (let step = 1; !this.reachesRate(pairs, trueLogRatio, power); step *= 2) {
      if (pairs === maxSimulatedPairs) return null;
      below = pairs;
      pairs = Math.min(maxSimulatedPairs, pairs + step);
    }
    while (pairs - below > 1) {
      const middle = Math.floor((below + pairs) / 2);
      if (this.reachesRate(middle, trueLogRatio, power)) pairs = middle;
      else below = middle;
    }
    return pairs;
  }
}
