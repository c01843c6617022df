import { type Comparison, outcomes, worstOutcome } from "@sci-gate/core";

/**
 * A maintainer's label turns a failed budget into an accepted regression: the check passes, and
 * the record of who accepted it stays in the comparison (and so in the comment).
 */
export function acceptRegression(comparison: Comparison, label: string, login: string): Comparison {
  const scenarios = comparison.scenarios.map((scenario) => {
    if (scenario.outcome !== "fail") return scenario;
    const verdicts = scenario.verdicts.map((v) =>
      v.outcome === "fail" ? { ...v, outcome: "pass" as const, reason: `${v.reason}; accepted by @${login} with the ${label} label` } : v,
    );
    const outcome = worstOutcome(verdicts.map((v) => v.outcome));
    return { ...scenario, verdicts, outcome, accepted: { by: login, label, outcomeBefore: scenario.outcome }, decidedBy: `regression accepted by @${login} with the ${label} label (${scenario.decidedBy})` };
  });
  const counts = Object.fromEntries(outcomes.map((o) => [o, scenarios.filter((s) => s.outcome === o).length])) as Comparison["counts"];
  return {
    ...comparison,
    scenarios,
    counts,
    outcome: worstOutcome(scenarios.map((s) => s.outcome)),
    warnings: [...comparison.warnings, `a regression over budget was accepted by @${login} with the ${label} label`],
  };
}
