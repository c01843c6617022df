import type { InputIssue } from "../config/issues.js";
import type { Config } from "../schema/config.js";
import type { Assumptions, Report, ScenarioReport } from "../schema/report.js";
import { describeRuleChanges, resolveBudget } from "./budgets.js";
import { estimatePairedChange, estimateUnpairedChange } from "./change.js";
import { collectSources, scoreRuns, summariseSide, type ScoredRun } from "./summarise.js";
import { type BudgetVerdict, type Comparison, type Outcome, outcomes, type ScenarioDiff, worstOutcome } from "./types.js";
import { computeLogMeanInterval, decideAbsolute, decideRelative } from "./verdict.js";

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

const formatG = (g: number) => `${g.toPrecision(3)} g`;

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

/**
 * Compares a base and a head under one methodology (the base's assumptions applied to the raw
 * energy of both sides) and decides each budget on confidence intervals of ln(head/base).
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
  const names = [...new Set([...input.base.scenarios.map((s) => s.name), ...input.head.scenarios.map((s) => s.name)])];
  const diffs: ScenarioDiff[] = [];
  let applied: Assumptions = input.base.assumptions;

  for (const [index, name] of names.entries()) {
    const baseSide = pickSide(input.base, name, "base");
    const headSide = pickSide(input.head, name, "head");
    const unit = headSide?.unit ?? baseSide?.unit ?? "unit";
    if (baseSide && headSide && baseSide.unit !== headSide.unit) {
      errors.push({
        file: files.head,
        line: null,
        column: null,
        path: `scenarios[${index}].unit`,
        message: `scenario "${name}" counts "${headSide.unit}" in the head but "${baseSide.unit}" in the base; SCI can only be compared per the same functional unit`,
      });
      continue;
    }
    // One methodology: the base's (scenario-level when the scenario was measured on its own machine).
    const assumptions = baseSide?.assumptions ?? input.base.assumptions;
    if (index === 0) applied = assumptions;
    const baseMachine = baseSide?.machine ?? input.base.machine;
    const headMachine = headSide?.machine ?? input.head.machine;
    const warnings: string[] = [...(baseSide?.warnings ?? []), ...(headSide?.warnings ?? [])];
    const baseScore = scoreRuns(baseSide?.runs ?? [], assumptions);
    const headScore = scoreRuns(headSide?.runs ?? [], assumptions);
    const base = summariseSide(baseSide?.runs ?? [], baseScore.scored, baseMachine.fingerprint);
    const head = summariseSide(headSide?.runs ?? [], headScore.scored, headMachine.fingerprint);
    const failures = [...baseScore.failures, ...headScore.failures];
    const verdicts: BudgetVerdict[] = [];
    const budget = resolveBudget(rules.budgets, name);
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
      if (budget.maxIncreasePct) {
        const relative = budget.maxIncreasePct;
        const undecided = (outcome: Outcome, reason: string, pairsToResolve: number | null = null): BudgetVerdict => ({
          kind: "relative",
          budgetIndex: relative.budgetIndex,
          warnAt: relative.warn,
          failAt: relative.fail,
          enforced: budget.enforce,
          outcome,
          reason,
          pairsToResolve,
        });
        if (!base || !head) {
          const reason = !base && head ? "new scenario: no base to compare with" : base && !head ? "scenario not measured on the head" : "no runs";
          verdicts.push(undecided(base || head ? "pass" : "inconclusive", reason));
        } else if (mismatch.length > 0) {
          verdicts.push(undecided("inconclusive", `not the same methodology on both sides: ${mismatch.join("; ")}`));
        } else if (!sci) {
          verdicts.push(undecided("inconclusive", `too few runs for an interval (base ${base.okRuns}, head ${head.okRuns}; at least 2 each)`, rules.compare.minPairs));
        } else {
          const verdict = decideRelative(sci.logRatio, budget.maxIncreasePct, budget.enforce, sci.sdLog);
          if (sci.robust) {
            const robust = decideRelative(sci.robust.logRatio, budget.maxIncreasePct, budget.enforce, sci.sdLog);
            if (robust.outcome !== verdict.outcome) {
              verdict.reason = `the t interval says ${verdict.outcome} but the Hodges–Lehmann/Wilcoxon check says ${robust.outcome} (${verdict.reason})`;
              verdict.outcome = "inconclusive";
            }
          }
          if (verdict.outcome === "fail" && sci.n < rules.compare.minPairs) {
            verdict.outcome = "warn";
            verdict.reason += `; only ${sci.n} pairs, fewer than compare.minPairs (${rules.compare.minPairs}) needed to fail the build`;
          }
          verdicts.push(verdict);
        }
        if (mismatch.length > 0) warnings.push(...mismatch);
      } else if (mismatch.length > 0) warnings.push(...mismatch);
      if (budget.maxSciGPerUnit && head) {
        const logs = headScore.scored.map((s) => Math.log(s.sci.sciGPerUnit));
        const interval = computeLogMeanInterval(logs, confidence);
        verdicts.push(
          decideAbsolute(
            { estimateG: Math.exp(interval.estimate), lowerG: Math.exp(interval.lower), upperG: Math.exp(interval.upper), runs: logs.length },
            budget.maxSciGPerUnit,
            budget.enforce,
            formatG,
          ),
        );
      }
      outcome = worstOutcome(verdicts.map((v) => v.outcome));
      const deciding = verdicts.find((v) => v.outcome === outcome);
      decidedBy = deciding ? deciding.reason : verdicts.length === 0 ? "no budget applies to this scenario" : "no runs";
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
  const budgetChanges = headConfig && headConfig !== rules ? describeRuleChanges(rules, headConfig) : [];
  return {
    ok: true,
    value: {
      outcome: worstOutcome(diffs.map((d) => d.outcome)),
      counts,
      scenarios: diffs,
      assumptions: applied,
      rulesFrom: "base",
      budgetChanges,
      headline: rules.compare.headline ?? diffs[0]?.name ?? null,
      confidence,
      warnings: [...input.base.status.errors, ...(input.head !== input.base ? input.head.status.errors : [])],
    },
  };
}
