import type { InputIssue } from "../config/issues.js";
import type { Config } from "../schema/config.js";
import type { Assumptions, Report, ScenarioReport } from "../schema/report.js";
import { describeRuleChanges, type EffectiveBudget, resolveBudget } from "./budgets.js";
import { estimatePairedChange, estimateUnpairedChange } from "./change.js";
import { decideRelativeChange } from "./decide-change.js";
import { formatMassG } from "./format-change.js";
import { collectSources, type ScoredRun, scoreRuns, summariseSide } from "./summarise.js";
import {
  type BudgetVerdict,
  type Comparison,
  type ChangeEstimate,
  comparisonSchemaId,
  type Outcome,
  outcomes,
  type ScenarioDiff,
  type SideSummary,
  worstOutcome,
} from "./types.js";
import { computeLogMeanInterval, decideAbsolute } from "./verdict.js";

export { type DecideOptions, decideRelativeChange, type RelativeRule } from "./decide-change.js";

export interface CompareInput {
  base: Report;
  head: Report;
  files?: { base: string; head: string };
  /** The rules (budgets, assumptions' config). Defaults to the base revision's config in the base report. */
  rules?: Config;
  /** The head's own config, to tell the reviewer what it would have changed. */
  headConfig?: Config;
}

export type CompareResult = { ok: true; value: Comparison } | { ok: false; errors: InputIssue[] };

function pickSide(report: Report, name: string, revision: "base" | "head"): ScenarioReport | null {
  const scenario = report.scenarios.find((s) => s.name === name);
  if (!scenario) return null;
  const runs = scenario.runs.filter((r) => r.revision === revision);
  return runs.length === 0 ? null : { ...scenario, runs };
}

function changeOf(base: readonly ScoredRun[], head: readonly ScoredRun[], pick: (s: ScoredRun) => number, confidence: number, seed: string | null) {
  const headByPair = new Map(head.filter((s) => s.run.pair !== null).map((s) => [s.run.pair!, s]));
  const pairs = base.filter((s) => s.run.pair !== null && headByPair.has(s.run.pair)).map((s) => [s, headByPair.get(s.run.pair!)!] as const);
  if (pairs.length >= 2) {
    return { paired: true, change: estimatePairedChange(pairs.map(([b, h]) => Math.log(pick(h) / pick(b))), confidence, seed) };
  }
  return { paired: false, change: estimateUnpairedChange(base.map((s) => Math.log(pick(s))), head.map((s) => Math.log(pick(s))), confidence) };
}

/** What failed in a report's own measurement: its recorded errors and an interruption, each naming the file. */
function describeSuiteFailures(report: Report, file: string): string[] {
  const failures = report.status.errors.map((error) => `${file}: ${error}`);
  if (report.status.interrupted) failures.push(`${file}: the measurement was interrupted; the report covers only the runs that finished`);
  return failures;
}

/** Grid, PUE and embodied carbon in a few words, to say how two scenarios' methodologies differ. */
function summariseAssumptions(a: Assumptions): string {
  const where = [a.intensitySource.zone, a.intensitySource.year].filter((part) => part !== null).join(" ");
  const embodiedG = a.embodied.reduce((sum, item) => sum + item.totalG, 0);
  const embodied = a.embodied.length === 0 ? "no embodied carbon" : `embodied ${a.embodied.map((item) => item.name).join(" + ")} (${formatMassG(embodiedG)})`;
  return `${Number(a.intensityGPerKwh.toPrecision(4))} gCO2e/kWh (${a.intensitySource.dataset}${where === "" ? "" : ` ${where}`}), PUE ${a.pue}, ${embodied}`;
}

/**
 * The one set of assumptions the comparison reports. Scenarios merged from shards measured on
 * different machines keep their own (each scenario's figures are computed under its own); then
 * the comparison shows the report's top-level set and a warning says which scenario used what.
 */
function pickReportedAssumptions(report: Report, used: ReadonlyMap<string, Assumptions>): { assumptions: Assumptions; warning: string | null } {
  const groups = new Map<string, { assumptions: Assumptions; names: string[] }>();
  for (const [name, assumptions] of used) {
    const key = JSON.stringify(assumptions);
    const group = groups.get(key) ?? { assumptions, names: [] };
    group.names.push(name);
    groups.set(key, group);
  }
  const [only] = groups.values();
  if (groups.size <= 1) return { assumptions: only?.assumptions ?? report.assumptions, warning: null };
  const described = [...groups.values()].map((g) => `${g.names.join(", ")}: ${summariseAssumptions(g.assumptions)}`);
  return {
    assumptions: report.assumptions,
    warning: `scenarios were measured under different assumptions (merged shards from different machines), so each scenario's figures use its own and the methodology shown is the report's: ${described.join("; ")}`,
  };
}

/** A verdict for each budget that applies, all with the same undecided outcome and reason. */
function undecidedVerdicts(budget: EffectiveBudget, outcome: Outcome, reason: string, pairsToResolve: number | null = null): BudgetVerdict[] {
  const levels = [
    budget.maxIncreasePct && { kind: "relative" as const, ...budget.maxIncreasePct },
    budget.maxSciGPerUnit && { kind: "absolute" as const, ...budget.maxSciGPerUnit },
  ].filter((level) => level !== null);
  return levels.map((level) => ({
    kind: level.kind,
    budgetIndex: level.budgetIndex,
    warnAt: level.warn,
    failAt: level.fail,
    enforced: budget.enforce,
    outcome,
    reason,
    pairsToResolve: level.kind === "relative" ? pairsToResolve : null,
  }));
}

interface Sides {
  base: SideSummary | null;
  head: SideSummary | null;
  sci: ChangeEstimate | null;
  headLogs: number[];
  mismatch: string[];
}

/** The relative and absolute verdicts of one scenario whose runs all counted. */
function judgeScenario(sides: Sides, budget: EffectiveBudget, rules: Config, missingReason: string): BudgetVerdict[] {
  const { base, head, sci, mismatch } = sides;
  if (base && !head) return undecidedVerdicts(budget, "inconclusive", missingReason);
  const verdicts: BudgetVerdict[] = [];
  if (budget.maxIncreasePct) {
    const relative = budget.maxIncreasePct;
    const only = { ...budget, maxSciGPerUnit: null };
    if (!base && head) verdicts.push(...undecidedVerdicts(only, "pass", "new scenario: no base to compare with"));
    else if (!base || !head) verdicts.push(...undecidedVerdicts(only, "inconclusive", "no runs"));
    else if (mismatch.length > 0) verdicts.push(...undecidedVerdicts(only, "inconclusive", `not the same methodology on both sides: ${mismatch.join("; ")}`));
    else if (!sci) {
      verdicts.push(
        ...undecidedVerdicts(only, "inconclusive", `too few runs for an interval (base ${base.okRuns}, head ${head.okRuns}; at least 2 each)`, rules.compare.minPairs),
      );
    } else verdicts.push(decideRelativeChange(sci, { budget: relative, enforce: budget.enforce, minPairs: rules.compare.minPairs }));
  }
  if (budget.maxSciGPerUnit && head) {
    const interval = computeLogMeanInterval(sides.headLogs, rules.compare.confidence);
    verdicts.push(
      decideAbsolute(
        { estimateG: Math.exp(interval.estimate), lowerG: Math.exp(interval.lower), upperG: Math.exp(interval.upper), runs: sides.headLogs.length },
        budget.maxSciGPerUnit,
        budget.enforce,
        formatMassG,
      ),
    );
  }
  return verdicts;
}

/**
 * Compares a base and a head under one methodology (the base's assumptions applied to the raw
 * energy of both sides) and decides each budget on confidence intervals of ln(head/base). A suite
 * that failed on either side (errors or an interruption in its report) makes the outcome `error`.
 */
export function compareReports(input: CompareInput): CompareResult {
  const files = input.files ?? { base: "base report", head: "head report" };
  const rules = input.rules ?? input.base.configs.base ?? input.base.configs.head;
  if (!rules) {
    return { ok: false, errors: [{ file: files.base, line: null, column: null, path: "configs", message: "expected the report to carry the config it was measured with; pass --config" }] };
  }
  const headConfig = input.headConfig ?? input.head.configs.head;
  const confidence = rules.compare.confidence;
  const errors: InputIssue[] = [];
  const baseFailures = describeSuiteFailures(input.base, files.base);
  const headFailures = input.head === input.base ? [] : describeSuiteFailures(input.head, files.head);
  const suiteErrors = [...new Set([...baseFailures, ...headFailures])];
  const headFailure = input.head.status.errors[0] ?? (input.head.status.interrupted ? "the head's measurement was interrupted" : null);
  // A base scenario the head never measured cannot pass: its change is unknown.
  const missingReason = `scenario not measured on the head${headFailure === null ? "" : ` (${headFailure})`}`;
  const names = [...new Set([...input.base.scenarios.map((s) => s.name), ...input.head.scenarios.map((s) => s.name)])];
  const diffs: ScenarioDiff[] = [];
  const used = new Map<string, Assumptions>();

  for (const name of names) {
    const baseSide = pickSide(input.base, name, "base");
    const headSide = pickSide(input.head, name, "head");
    const unit = headSide?.unit ?? baseSide?.unit ?? "unit";
    if (baseSide && headSide && baseSide.unit !== headSide.unit) {
      errors.push({
        file: files.head,
        line: null,
        column: null,
        // The place in the head file, not in the list of names of both files.
        path: `scenarios[${input.head.scenarios.findIndex((s) => s.name === name)}].unit`,
        message: `scenario "${name}" counts "${headSide.unit}" in the head but "${baseSide.unit}" in the base; SCI can only be compared per the same functional unit`,
      });
      continue;
    }
    // One methodology: the base's (scenario-level when the scenario was measured on its own machine).
    const assumptions = baseSide?.assumptions ?? input.base.assumptions;
    used.set(name, assumptions);
    const baseMachine = baseSide?.machine ?? input.base.machine;
    const headMachine = headSide?.machine ?? input.head.machine;
    const warnings: string[] = [...(baseSide?.warnings ?? []), ...(headSide?.warnings ?? [])];
    const baseScore = scoreRuns(baseSide?.runs ?? [], assumptions);
    const headScore = scoreRuns(headSide?.runs ?? [], assumptions);
    const base = summariseSide(baseSide?.runs ?? [], baseScore.scored, baseMachine.fingerprint);
    const head = summariseSide(headSide?.runs ?? [], headScore.scored, headMachine.fingerprint);
    const failures = [...baseScore.failures, ...headScore.failures];
    const budget = resolveBudget(rules.budgets, name);
    let verdicts: BudgetVerdict[] = [];
    let outcome: Outcome;
    let decidedBy: string;
    let sci: ScenarioDiff["sci"] = null;
    let energyPerUnit: ScenarioDiff["energyPerUnit"] = null;
    let pairing: ScenarioDiff["pairing"] = "single";

    if (failures.length > 0) {
      outcome = "error";
      decidedBy = `the suite failed: ${failures.slice(0, 3).join("; ")}${failures.length > 3 ? ` (and ${failures.length - 3} more)` : ""}`;
    } else {
      if (baseScore.scored.length > 0 && headScore.scored.length > 0) {
        const seed = `${name}/${rules.compare.seed ?? 0}`;
        const bySci = changeOf(baseScore.scored, headScore.scored, (s) => s.sci.sciGPerUnit, confidence, seed);
        // The bootstrap cross-check is for the deciding figure only; energy per unit is shown beside it.
        const byEnergy = changeOf(baseScore.scored, headScore.scored, (s) => Math.max(s.sci.energyJPerUnit, Number.MIN_VALUE), confidence, null);
        sci = bySci.change;
        energyPerUnit = byEnergy.change;
        pairing = bySci.paired ? "paired" : "unpaired";
      }
      const mismatch: string[] = [];
      if (base && head) {
        const baseSources = collectSources(baseScore.scored).join(", ");
        const headSources = collectSources(headScore.scored).join(", ");
        if (baseSources !== headSources) mismatch.push(`energy sources differ (base ${baseSources}; head ${headSources})`);
        if (baseMachine.fingerprint !== headMachine.fingerprint) {
          mismatch.push(`machines differ (base ${baseMachine.fingerprint}; head ${headMachine.fingerprint})`);
        }
        if (Math.abs(head.unitsPerRun / base.unitsPerRun - 1) > 0.001) {
          warnings.push(
            `units per run changed from ${base.unitsPerRun.toPrecision(4)} to ${head.unitsPerRun.toPrecision(4)}: the suite counts its own units, so check the change did not inflate them`,
          );
        }
      }
      warnings.push(...mismatch);
      const headLogs = headScore.scored.map((s) => Math.log(s.sci.sciGPerUnit));
      verdicts = judgeScenario({ base, head, sci, headLogs, mismatch }, budget, rules, missingReason);
      const deciding = verdicts.find((v) => v.outcome === worstOutcome(verdicts.map((v) => v.outcome)));
      if (base && !head) {
        outcome = "inconclusive";
        decidedBy = missingReason;
      } else if (deciding) {
        outcome = deciding.outcome;
        decidedBy = deciding.reason;
      } else {
        outcome = base || head ? "pass" : "inconclusive";
        decidedBy = base || head ? "no budget applies to this scenario" : "no runs";
      }
    }

    const decomposition =
      base && head
        ? {
            deltaSciGPerUnit: head.sciGPerUnit - base.sciGPerUnit,
            deltaOperationalGPerUnit: head.operationalGPerUnit - base.operationalGPerUnit,
            deltaEmbodiedGPerUnit: head.embodiedGPerUnit - base.embodiedGPerUnit,
            energyPerUnitPct: (head.energyJPerUnit / base.energyJPerUnit - 1) * 100,
            unitsPerRunPct: (head.unitsPerRun / base.unitsPerRun - 1) * 100,
            durationPct: (head.durationS / base.durationS - 1) * 100,
          }
        : null;
    diffs.push({ name, unit, pairing, base, head, sci, energyPerUnit, decomposition, verdicts, accepted: null, outcome, decidedBy, warnings });
  }
  if (errors.length > 0) return { ok: false, errors };

  const counts = Object.fromEntries(outcomes.map((o) => [o, 0])) as Record<Outcome, number>;
  for (const diff of diffs) counts[diff.outcome]++;
  // A config is compared by content: check's stripped rules against a head config stripped alike say nothing changed.
  const budgetChanges = headConfig ? describeRuleChanges(rules, headConfig) : [];
  const reported = pickReportedAssumptions(input.base, used);
  return {
    ok: true,
    value: {
      schema: comparisonSchemaId,
      outcome: suiteErrors.length > 0 ? "error" : worstOutcome(diffs.map((d) => d.outcome)),
      counts,
      scenarios: diffs,
      assumptions: reported.assumptions,
      rulesFrom: "base",
      budgetChanges,
      headline: rules.compare.headline ?? diffs[0]?.name ?? null,
      confidence,
      errors: suiteErrors,
      warnings: reported.warning === null ? [] : [reported.warning],
    },
  };
}
