import { resolveBudget } from "../compare/budgets.js";
import { type ScoredRun, scoreRuns } from "../compare/summarise.js";
import type { Config } from "../schema/config.js";
import type { Report, RunMeasurement } from "../schema/report.js";
import { computeCoefficientOfVariation, computeSampleSd } from "../stats/descriptive.js";
import { StatsInputError } from "../stats/errors.js";
import { computeDetectableIncrease, computeIntervalHalfWidth, computeRequiredPairs, DEFAULT_POWER } from "../stats/power.js";

/** Runs per scenario beyond which a suggestion stops: CI minutes grow linearly, sensitivity only as √n. */
export const maxSuggestedRuns = 50;
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
  /** The smallest true increase (percent) failed with 90 % probability at the configured pairs. */
  detectableIncreasePct: number | null;
  targetIncreasePct: number | null;
  /** Pairs needed to fail the target increase with 90 % probability; null when out of reach or not applicable. */
  requiredPairs: number | null;
  suggestedRuns: number;
  explanation: string;
}

export interface Calibration {
  confidence: number;
  power: number;
  minPairs: number;
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
    const failBudgetPct = resolveBudget(config.budgets, scenario.name).maxIncreasePct?.fail ?? null;
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
      targetIncreasePct,
      requiredPairs: null,
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
    if (configuredPairs >= 2) {
      result.detectableIncreasePct = computeDetectableIncrease({ sdLogRatio: sd, pairs: configuredPairs, budgetIncrease: budget, confidence }).increase * 100;
    }
    const now =
      result.detectableIncreasePct === null
        ? `${configuredPairs} configured pair catches nothing`
        : `${configuredPairs} pairs catch +${fmt(result.detectableIncreasePct)}`;
    const targetPct = target ?? failBudgetPct + defaultTargetMarginPct;
    const required = computeRequiredPairs({ sdLogRatio: sd, budgetIncrease: budget, trueIncrease: targetPct / 100, confidence, power: DEFAULT_POWER });
    if (!required.ok && required.reason === "within-budget") {
      result.explanation = `${scenario.name}: ${noiseText}; ${now}; the target +${fmt(targetPct)} is within the ${fmt(failBudgetPct)} budget, which the gate rightly never fails, so runs stay at ${result.suggestedRuns}`;
      return result;
    }
    if (!required.ok) {
      result.suggestedRuns = maxSuggestedRuns;
      result.explanation = `${scenario.name}: ${noiseText}; ${now}; catching +${fmt(targetPct)} against the ${fmt(failBudgetPct)} budget would take more than ${required.maxPairs} pairs, so suggest the cap of ${maxSuggestedRuns} and reduce the noise or raise the target`;
      return result;
    }
    result.requiredPairs = required.pairs;
    result.suggestedRuns = Math.min(maxSuggestedRuns, Math.max(minPairs, required.pairs));
    const capped = required.pairs > maxSuggestedRuns ? ` (capped; ${required.pairs} would be needed)` : "";
    result.explanation = `${scenario.name}: ${noiseText}; ${now}; ${required.pairs} pairs catch +${fmt(targetPct)} against the ${fmt(failBudgetPct)} budget 90 % of the time; suggest runs: ${result.suggestedRuns}${capped}`;
    return result;
  });
  return { confidence, power: DEFAULT_POWER, minPairs, scenarios };
}
