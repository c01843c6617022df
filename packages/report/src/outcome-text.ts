import { type BudgetVerdict, isWorseThan, type Outcome, outcomes, type ScenarioDiff } from "@sci-gate/core";
import { formatShort } from "./format-number.js";
import { formatSciMass, type SciScale } from "./scale.js";

/**
 * How outcomes are said. Markdown uses an emoji a reviewer spots in a long thread; the console
 * uses upper-case words so a log grep for FAIL works and terminals without emoji stay aligned.
 */
export type TextStyle = "markdown" | "plain";

export const outcomeEmoji: Record<Outcome, string> = { error: "💥", fail: "❌", warn: "⚠️", inconclusive: "⚪", pass: "✅" };

const countPhrases: Record<Outcome, string> = {
  error: "failed to run",
  fail: "over budget",
  warn: "near budget",
  inconclusive: "inconclusive",
  pass: "within budget",
};

/** "💥 error" / "ERROR". */
export function formatOutcome(outcome: Outcome, style: TextStyle): string {
  return style === "markdown" ? `${outcomeEmoji[outcome]} ${outcome}` : outcome.toUpperCase();
}

/**
 * The one-line tally, worst first, zero counts left out:
 * "❌ 1 scenario over budget · ⚠️ 1 near budget · ✅ 2 within budget".
 */
export function describeCounts(counts: Readonly<Record<Outcome, number>>, style: TextStyle): string {
  const parts: string[] = [];
  for (const outcome of outcomes) {
    const count = counts[outcome];
    if (!(count > 0)) continue;
    const noun = parts.length === 0 ? (count === 1 ? " scenario" : " scenarios") : "";
    const phrase = countPhrases[outcome];
    const lead = style === "markdown" ? `${outcomeEmoji[outcome]} ` : "";
    parts.push(`${lead}${count}${noun} ${phrase}`);
  }
  if (parts.length === 0) return "no scenarios compared";
  return parts.join(style === "markdown" ? " · " : ", ");
}

/** The budget verdict that produced the scenario's outcome, preferring an enforced one; null when none did. */
export function selectDecidingVerdict(diff: ScenarioDiff): BudgetVerdict | null {
  const matching = diff.verdicts.filter((verdict) => verdict.outcome === diff.outcome);
  return matching.find((verdict) => verdict.enforced) ?? matching[0] ?? null;
}

/**
 * The budget a verdict was judged against, in the row's own scale: "> 5 %" for a breach,
 * "budget +5 %" otherwise; "> 15.0 mg" / "ceiling 15.0 mg" for absolute ceilings.
 */
export function describeBudget(verdict: BudgetVerdict, outcome: Outcome, scale: SciScale | null): string | null {
  const breached = outcome === "fail" || outcome === "warn";
  const threshold = outcome === "warn" ? (verdict.warnAt ?? verdict.failAt) : (verdict.failAt ?? verdict.warnAt);
  if (threshold === null) return null;
  let text: string;
  if (verdict.kind === "relative") {
    text = breached ? `> ${formatShort(threshold)} %` : `budget +${formatShort(threshold)} %`;
  } else {
    const ceiling = scale === null ? `${formatShort(threshold)} g` : formatSciMass(threshold, scale);
    text = breached ? `> ${ceiling}` : `ceiling ${ceiling}`;
  }
  if (outcome === "inconclusive" && verdict.pairsToResolve !== null) text += `, ≈ ${verdict.pairsToResolve} pairs to resolve`;
  if (!verdict.enforced) text += ", not enforced";
  return text;
}

/** The verdict cell: "❌ fail (> 5 %)", "⚪ inconclusive (budget +5 %, ≈ 14 pairs to resolve)", "PASS". */
export function formatVerdict(diff: ScenarioDiff, scale: SciScale | null, style: TextStyle): string {
  const verdict = selectDecidingVerdict(diff);
  const budget = verdict === null ? null : describeBudget(verdict, diff.outcome, scale);
  const label = formatOutcome(diff.outcome, style);
  return budget === null ? label : `${label} (${budget})`;
}

/**
 * The `limit` scenarios a reviewer most needs when not all fit (worst outcome first, ties in
 * their original order), returned in their original order so the table reads as configured.
 */
export function selectWorstScenarios(scenarios: readonly ScenarioDiff[], limit: number): ScenarioDiff[] {
  const ranked = scenarios
    .map((diff, index) => ({ diff, index }))
    .sort((a, b) => (isWorseThan(a.diff.outcome, b.diff.outcome) ? -1 : isWorseThan(b.diff.outcome, a.diff.outcome) ? 1 : a.index - b.index));
  return ranked
    .slice(0, Math.max(0, limit))
    .sort((a, b) => a.index - b.index)
    .map((entry) => entry.diff);
}
