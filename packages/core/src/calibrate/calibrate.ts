import { resolveBudget } from "../compare/budgets.js";
import { type ScoredRun, scoreRuns } from "../compare/summarise.js";
import type { Config } from "../schema/config.js";
import type { Report, RunMeasurement } from "../schema/report.js";
import { computeCoefficientOfVariation, computeSampleSd } from "../stats/descriptive.js";
import { StatsInputError } from "../stats/errors.js";
import { computeDetectableIncrease, computeIntervalHalfWidth, computeRequiredPairs, DEFAULT_POWER } from "../stats/power.js";
import { DetectionSimulator, explainCannotFail, maxSimulatedPairs, simulatedComparisons } from "./simulate-detection.js";

export { DetectionSimulator, explainCannotFail, maxSimulatedPairs, simulatedComparisons } from "./simulate-detection.js";

/** Runs per scenario beyond which a suggestion stops: CI minutes grow linearly, sensitivity only as √n. */
export const maxSuggestedRuns = maxSimulatedPairs;
/** Below this many runs (or pairs) the noise figure itself is too uncertain to plan on without a caveat. */
export const minRunsForSteadyNoise = 10;
/** Default target: a change this many points above the fail budget should be caught. */
export const defaultTargetMarginPct = 5;

export interface CalibrateOptions {
  /** The true increase (percent) the gate should catch; default: each scenario's fail budget + 5 points. */
  targetIncreasePct?: number;
}

export interface ScenarioCalibration {
  name: string;
  unit: string;
  /** The revision whose runs were measured (head when the report holds both). */
  revision: "base" | "head";
  /** Runs that counted for SCI, and those that failed. */
  runs: number;
  failedRuns: number;
  /** Coefficient of variation of per-run SCI; null below 2 runs. */
  cv: number | null;
  /** Sample sd of ln(SCI per run); null below 2 runs. */
  sdLog: number | null;
  /** The noise of one paired log ratio ln(head/base), which the gate's interval is built on. */
  sdLogRatio: number | null;
  /** "pairs" when measured from base/head pairs in the report, else √2 × sdLog for independent runs. */
  sdLogRatioFrom: "pairs" | "independent-runs" | null;
  /** How many pairs (or runs) sdLogRatio was measured on: below 10 the figure itself is rough. */
  noiseSamples: number;
  /** Pairs the config asks for (the scenario's `runs`), and the interval half-width (percent) they give. */
  configuredPairs: number;
  halfWidthPct: number | null;
  /** The relative fail budget that applies (percent), or null when none does. */
  failBudgetPct: number | null;
  /**
   * The smallest true increase (percent) the gate's full rule fails with 90 % probability at the
   * configured pairs, from a seeded simulation; null when it cannot fail (see cannotFail).
   */
  detectableIncreasePct: number | null;
  /** Why the configured pairs can never fail the build (below compare.minPairs, enforce: false), or null. */
  cannotFail: string | null;
  targetIncreasePct: number | null;
  /** Pairs needed to fail the target increase with 90 % probability (simulated); null when out of reach or not applicable. */
  requiredPairs: number | null;
  /** When the target needs more pairs than the calibration simulates, that limit (50); null otherwise. */
  requiredPairsOver: number | null;
  suggestedRuns: number;
  explanation: string;
}

export interface Calibration {
  confidence: number;
  power: number;
  minPairs: number;
  /** Synthetic comparisons behind each "caught" and "pairs needed" figure. */
  simulatedComparisons: number;
  scenarios: ScenarioCalibration[];
}

const toPct = (logRatio: number) => Math.expm1(logRatio) * 100;
const fmt = (pct: number) => `${pct.toFixed(1)} %`;

/** Base/head log ratios of runs that share a pair number and both counted. */
function collectPairLogRatios(scored: readonly ScoredRun[]): number[] {
  const base = new Map<number, number>();
  const head = new Map<number, number>();
  for (const { run, sci } of scored) {
    if (run.pair === null) continue;
    (run.revision === "base" ? base : head).set(run.pair, sci.sciGPerUnit);
  }
  const ratios: number[] = [];
  for (const [pair, baseSci] of base) {
    const headSci = head.get(pair);
    if (headSci !== undefined) ratios.push(Math.log(headSci / baseSci));
  }
  return ratios;
}

function pickRevision(runs: readonly RunMeasurement[]): "base" | "head" {
  return runs.some((run) => run.revision === "head") || runs.length === 0 ? "head" : "base";
}

interface Noise {
  cv: number | null;
  sdLog: number | null;
  sdLogRatio: number | null;
  sdLogRatioFrom: ScenarioCalibration["sdLogRatioFrom"];
  noiseSamples: number;
}

function measureNoise(own: readonly ScoredRun[], all: readonly ScoredRun[]): Noise {
  const sci = own.map((s) => s.sci.sciGPerUnit);
  const sdLog = sci.length >= 2 ? computeSampleSd(sci.map((v) => Math.log(v))) : null;
  const cv = sci.length >= 2 ? computeCoefficientOfVariation(sci) : null;
  // Measured pairs carry the drift they share (thermal state, background load), which the
  // independent-run figure cannot see; so they win whenever the report has them.
  const ratios = collectPairLogRatios(all);
  if (ratios.length >= 2) return { cv, sdLog, sdLogRatio: computeSampleSd(ratios), sdLogRatioFrom: "pairs", noiseSamples: ratios.length };
  if (sdLog === null) return { cv, sdLog, sdLogRatio: null, sdLogRatioFrom: null, noiseSamples: sci.length };
  // Var(ln h − ln b) = 2 σ² for two independent runs of the same noise.
  return { cv, sdLog, sdLogRatio: Math.SQRT2 * sdLog, sdLogRatioFrom: "independent-runs", noiseSamples: sci.length };
}

/**
 * Turns a measured report into advice: how noisy each scenario is, how wide the gate's interval
 * will be with the configured pairs, what increase it reliably catches, and how many runs it
 * takes to catch the target increase with 90 % probability.
 */
export function calibrate(report: Report, config: Config, options: CalibrateOptions = {}): Calibration {
  const target = options.targetIncreasePct;
  if (target !== undefined && !(Number.isFinite(target) && target > -100)) {
    throw new StatsInputError("invalid-argument", `targetIncreasePct is ${target}; expected a percent above −100`);
  }
  const confidence = config.compare.confidence;
  const minPairs = config.compare.minPairs;
  const scenarios = report.scenarios.map((scenario): ScenarioCalibration => {
    const assumptions = scenario.assumptions ?? report.assumptions;
    const revision = pickRevision(scenario.runs);
    const all = scoreRuns(scenario.runs, assumptions);
    const own = all.scored.filter((s) => s.run.revision === revision);
    const ownRuns = scenario.runs.filter((run) => run.revision === revision).length;
    const noise = measureNoise(own, all.scored);
    const configured = config.scenarios.find((s) => s.name === scenario.name);
    const configuredPairs = configured?.runs ?? ownRuns;
    const effective = resolveBudget(config.budgets, scenario.name);
    const failBudgetPct = effective.maxIncreasePct?.fail ?? null;
    const targetIncreasePct = failBudgetPct === null ? (target ?? null) : (target ?? failBudgetPct + defaultTargetMarginPct);
    const result: ScenarioCalibration = {
      name: scenario.name,
      unit: scenario.unit,
      revision,
      runs: own.length,
      failedRuns: ownRuns - own.length,
      ...noise,
      configuredPairs,
      halfWidthPct: null,
      failBudgetPct,
      detectableIncreasePct: null,
      cannotFail: null,
      targetIncreasePct,
      requiredPairs: null,
      requiredPairsOver: null,
      suggestedRuns: Math.min(maxSuggestedRuns, Math.max(minPairs, configuredPairs)),
      explanation: "",
    };
    const sd = noise.sdLogRatio;
    if (sd === null) {
      result.explanation = `${scenario.name}: ${own.length} successful run${own.length === 1 ? "" : "s"}; at least 2 are needed to measure noise, so runs stay at ${result.suggestedRuns}`;
      return result;
    }
    if (configuredPairs >= 2) result.halfWidthPct = toPct(computeIntervalHalfWidth(sd, configuredPairs, confidence));
    const samples = `${noise.noiseSamples} ${noise.sdLogRatioFrom === "pairs" ? "pairs" : "runs"}`;
    const rough = noise.noiseSamples < minRunsForSteadyNoise ? ` (from only ${samples}: rough; measure ${minRunsForSteadyNoise} or more to plan on it)` : "";
    const noiseText = `noise ${fmt(toPct(sd))} per pair${rough}`;
    if (failBudgetPct === null) {
      result.explanation = `${scenario.name}: ${noiseText}; no relative fail budget applies, so the gate never fails on an increase; runs stay at ${result.suggestedRuns}`;
      return result;
    }
    const budget = failBudgetPct / 100;
    const rule = { budget: { ...effective.maxIncreasePct!, fail: failBudgetPct }, enforce: effective.enforce, minPairs };
    // Seeded per scenario: the same report gives the same advice every time.
    const simulator = new DetectionSimulator({ sdLogRatio: sd, confidence, rule, seed: `${scenario.name}/${config.compare.seed ?? 0}` });
    result.cannotFail = configuredPairs < 2 ? `${configuredPairs} configured pair gives no interval` : explainCannotFail(rule, configuredPairs);
    let now = result.cannotFail ?? `${configuredPairs} pairs are more than the ${maxSimulatedPairs} the simulation covers`;
    if (result.cannotFail === null && configuredPairs <= maxSimulatedPairs) {
      // The t rule alone gives a lower bound (the robust check only takes failures away): start there.
      const tRule = computeDetectableIncrease({ sdLogRatio: sd, pairs: configuredPairs, budgetIncrease: budget, confidence });
      const simulated = simulator.detectableLogRatio(configuredPairs, DEFAULT_POWER, tRule.logRatio);
      if (simulated !== null) {
        result.detectableIncreasePct = toPct(simulated.logRatio);
        now = `${configuredPairs} pairs catch +${fmt(result.detectableIncreasePct)}`;
      }
    }
    if (!rule.enforce) {
      result.explanation = `${scenario.name}: ${noiseText}; ${now}; no number of pairs changes that, so runs stay at ${result.suggestedRuns}`;
      return result;
    }
    const targetPct = target ?? failBudgetPct + defaultTargetMarginPct;
    const tRulePairs = computeRequiredPairs({ sdLogRatio: sd, budgetIncrease: budget, trueIncrease: targetPct / 100, confidence, power: DEFAULT_POWER });
    if (!tRulePairs.ok && tRulePairs.reason === "within-budget") {
      result.explanation = `${scenario.name}: ${noiseText}; ${now}; the target +${fmt(targetPct)} is within the ${fmt(failBudgetPct)} budget, which the gate rightly never fails, so runs stay at ${result.suggestedRuns}`;
      return result;
    }
    const required = tRulePairs.ok ? simulator.requiredPairs(Math.log1p(targetPct / 100), DEFAULT_POWER, tRulePairs.pairs) : null;
    if (required === null) {
      result.suggestedRuns = maxSuggestedRuns;
      result.requiredPairsOver = maxSimulatedPairs;
      const tRuleOnly = tRulePairs.ok ? `the t interval alone needs ${tRulePairs.pairs}, and its robust check more` : `the t interval alone needs more than ${tRulePairs.maxPairs}`;
      result.explanation = `${scenario.name}: ${noiseText}; ${now}; catching +${fmt(targetPct)} against the ${fmt(failBudgetPct)} budget would take more than ${maxSimulatedPairs} pairs (${tRuleOnly}), so suggest the cap of ${maxSuggestedRuns} and reduce the noise or raise the target`;
      return result;
    }
    result.requiredPairs = required;
    result.suggestedRuns = Math.min(maxSuggestedRuns, Math.max(minPairs, required));
    result.explanation = `${scenario.name}: ${noiseText}; ${now}; ${required} pairs catch +${fmt(targetPct)} against the ${fmt(failBudgetPct)} budget 90 % of the time; suggest runs: ${result.suggestedRuns}`;
    return result;
  });
  return { confidence, power: DEFAULT_POWER, minPairs, simulatedComparisons, scenarios };
}
