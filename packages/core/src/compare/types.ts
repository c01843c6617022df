import type { Assumptions, SourceTag } from "../schema/report.js";

/** Outcomes, worst first. Only `error` and `fail` fail the build by default. */
export const outcomes = ["error", "fail", "warn", "inconclusive", "pass"] as const;
export type Outcome = (typeof outcomes)[number];

const severity: Record<Outcome, number> = { pass: 0, inconclusive: 1, warn: 2, fail: 3, error: 4 };

export function worstOutcome(list: Iterable<Outcome>): Outcome {
  let worst: Outcome = "pass";
  for (const outcome of list) if (severity[outcome] > severity[worst]) worst = outcome;
  return worst;
}

export function isWorseThan(a: Outcome, b: Outcome): boolean {
  return severity[a] > severity[b];
}

/** An interval on a log ratio ln(head/base), with its confidence level. */
export interface LogInterval {
  estimate: number;
  lower: number;
  upper: number;
  confidence: number;
}

/** A change estimate: the log-ratio interval and its percent view ((e^x − 1) × 100). */
export interface ChangeEstimate {
  method: "paired-t" | "welch-t";
  /** Pairs (paired) or the smaller side's run count (unpaired). */
  n: number;
  logRatio: LogInterval;
  pct: LogInterval;
  /** Standard deviation of the per-pair log ratios (paired) or pooled (unpaired); null below 2. */
  sdLog: number | null;
  /** Hodges–Lehmann with its exact Wilcoxon interval, from 6 pairs; null below. */
  robust: { logRatio: LogInterval; pct: LogInterval; achievedConfidence: number } | null;
  /** Seeded percentile bootstrap of the mean log ratio, from 20 pairs; null below. */
  bootstrap: LogInterval | null;
}

/** What one side (base or head) of a scenario measured, under the one methodology applied. */
export interface SideSummary {
  runs: number;
  /** Runs that finished with units > 0 and count for SCI. */
  okRuns: number;
  failedRuns: number;
  /** Geometric mean of per-run SCI: the log scale the statistics work on. */
  sciGPerUnit: number;
  energyJPerUnit: number;
  operationalGPerUnit: number;
  embodiedGPerUnit: number;
  unitsPerRun: number;
  durationS: number;
  energyJ: { cpu: number; gpu: number; memory: number; total: number };
  /** Coefficient of variation of per-run SCI. */
  cv: number | null;
  sources: { cpu: SourceTag; gpu: SourceTag; memory: SourceTag };
  machineFingerprint: string;
}

export interface BudgetVerdict {
  kind: "relative" | "absolute";
  /** Index into the deciding config's `budgets`, so annotations can point at its line; null for none. */
  budgetIndex: number | null;
  /** Percent for relative budgets, grams per unit for absolute ceilings. */
  warnAt: number | null;
  failAt: number | null;
  enforced: boolean;
  outcome: Outcome;
  reason: string;
  /** For an inconclusive verdict: the pairs that would likely resolve it. */
  pairsToResolve: number | null;
}

/** How the change in SCI per unit splits into its parts (grams per unit, head − base). */
export interface SciDecomposition {
  deltaSciGPerUnit: number;
  deltaOperationalGPerUnit: number;
  deltaEmbodiedGPerUnit: number;
  energyPerUnitPct: number;
  unitsPerRunPct: number;
  durationPct: number;
}

export interface ScenarioDiff {
  name: string;
  unit: string;
  pairing: "paired" | "unpaired" | "single";
  base: SideSummary | null;
  head: SideSummary | null;
  sci: ChangeEstimate | null;
  energyPerUnit: ChangeEstimate | null;
  decomposition: SciDecomposition | null;
  verdicts: BudgetVerdict[];
  /**
   * A regression over budget that a maintainer accepted with the accept label: the scenario's
   * outcome no longer fails, and this records who accepted what it was before. Null otherwise.
   */
  accepted: { by: string; label: string; outcomeBefore: Outcome } | null;
  outcome: Outcome;
  /** One line saying what decided the outcome. */
  decidedBy: string;
  warnings: string[];
}

/** The version of compare's JSON, its first field; bumped when a field changes meaning or goes. */
export const comparisonSchemaId = "sci-gate/comparison@1";

export interface Comparison {
  schema: typeof comparisonSchemaId;
  outcome: Outcome;
  counts: Record<Outcome, number>;
  scenarios: ScenarioDiff[];
  /** The single methodology applied to both sides. */
  assumptions: Assumptions;
  /** Whose config set the budgets and assumptions. */
  rulesFrom: "base" | "head";
  /** Differences between the head's and the base's budgets, said to the reviewer. */
  budgetChanges: string[];
  headline: string | null;
  confidence: number;
  /**
   * Why the suite itself failed, from either side's report (its status.errors, or an
   * interruption), each starting with the report it came from; non-empty makes the outcome `error`.
   */
  errors: string[];
  warnings: string[];
}

/** Exit codes of the contract: 2 invalid input > 3 suite failed > 1 budget exceeded > 0 pass. */
export const exitCodes = { pass: 0, budgetExceeded: 1, invalidInput: 2, suiteFailed: 3 } as const;

export function exitCodeForOutcome(outcome: Outcome, failOn: "fail" | "warn" | "never" = "fail"): number {
  if (outcome === "error") return exitCodes.suiteFailed;
  if (failOn === "never") return exitCodes.pass;
  if (outcome === "fail") return exitCodes.budgetExceeded;
  if (outcome === "warn" && failOn === "warn") return exitCodes.budgetExceeded;
  return exitCodes.pass;
}
