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
    // A failed suite stays an error: the label accepts a regression, not a broken measurement.
    outcome: comparison.errors.length > 0 ? "error" : worstOutcome(scenarios.map((s) => s.outcome)),
    warnings: [...comparison.warnings, `a regression over budget was accepted by @${login} with the ${label} label`],
  };
}

/** Who applied the accept label, as far as this job can tell; `by` null with the reason when it cannot. */
export type LabelApproval = { by: string; how: string } | { by: null; reason: string };

/**
 * The approval as the event payload shows it, for a job that reads nothing from GitHub (mode:
 * measure on a fork's pull request): only the `labeled` action names who applied a label.
 * Null when the label is not on the pull request at all.
 */
export function readApprovalFromEvent(labels: { names: string[]; applied: { label: string; by: string } | null; action: string | null }, label: string): LabelApproval | null {
  const { action } = labels;
  if (!labels.names.includes(label)) return null;
  if (labels.applied?.label === label) return { by: labels.applied.by, how: "the labeled event" };
  return {
    by: null,
    reason: `the ${label} label is on the pull request, but this ${action ? `"${action}" ` : ""}event does not say who applied it and this job reads nothing from GitHub; the label counts when its own labeled event runs the workflow (pull_request types: labeled), or in the comment job`,
  };
}
