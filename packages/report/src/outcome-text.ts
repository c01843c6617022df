import { type BudgetVerdict, type Comparison, isWorseThan, type Outcome, outcomes, type ScenarioDiff } from "@sci-gate/core";
import { formatSignedPct, formatThreshold } from "./format-number.js";
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

/** Shown for a scenario no budget applies to: it passes, but nothing was checked. */
export const noBudgetEmoji = "➖";

/** "💥 error" / "ERROR". */
export function formatOutcome(outcome: Outcome, style: TextStyle): string {
  return style === "markdown" ? `${outcomeEmoji[outcome]} ${outcome}` : outcome.toUpperCase();
}

/**
 * The one-line tally from outcome counts alone, worst first, zero counts left out:
 * "❌ 1 scenario over budget · ⚠️ 1 near budget · ✅ 2 within budget". describeTally, which
 * also reads the scenarios, tells accepted regressions and scenarios without a budget apart.
 */
export function describeCounts(counts: Readonly<Record<Outcome, number>>, style: TextStyle): string {
  const parts: TallyPart[] = outcomes.map((outcome) => ({ lead: outcomeEmoji[outcome], count: counts[outcome], noun: null, phrase: countPhrases[outcome] }));
  return joinTally(parts, style);
}

interface TallyPart {
  lead: string;
  count: number;
  /** Said instead of "scenario(s)" (which only the first part says); singular and plural. */
  noun: readonly [string, string] | null;
  phrase: string;
}

function joinTally(parts: readonly TallyPart[], style: TextStyle): string {
  const said: string[] = [];
  for (const part of parts) {
    if (!(part.count > 0)) continue;
    const nouns = part.noun ?? (said.length === 0 ? (["scenario", "scenarios"] as const) : null);
    const noun = nouns === null ? "" : ` ${part.count === 1 ? nouns[0] : nouns[1]}`;
    const lead = style === "markdown" ? `${part.lead} ` : "";
    said.push(`${lead}${part.count}${noun}${part.phrase === "" ? "" : ` ${part.phrase}`}`);
  }
  if (said.length === 0) return "no scenarios compared";
  return said.join(style === "markdown" ? " · " : ", ");
}

/** Whether any budget applies to the scenario (a relative one or a ceiling with a threshold). */
export function hasBudget(diff: ScenarioDiff): boolean {
  return diff.verdicts.some((verdict) => verdict.failAt !== null || verdict.warnAt !== null);
}

/** Why a passing scenario passes: a maintainer accepted its regression, it is within its budget, or it has none. */
export function classifyPass(diff: ScenarioDiff): "accepted" | "within" | "no-budget" | null {
  if (diff.outcome !== "pass") return null;
  if (diff.accepted !== null) return "accepted";
  return hasBudget(diff) ? "within" : "no-budget";
}

/** "@login, sci-gate:accept" for each distinct acceptance; raw text (the login and the label are user text). */
function describeAcceptances(diffs: readonly ScenarioDiff[]): string {
  const seen = new Set<string>();
  for (const diff of diffs) if (diff.accepted !== null) seen.add(`@${diff.accepted.by}, ${diff.accepted.label}`);
  return [...seen].join("; ");
}

/**
 * The headline tally, worst first: "❌ 1 scenario over budget · ✅ 1 accepted regression
 * (@login, sci-gate:accept) · ✅ 2 within budget · ➖ 1 with no budget". Raw text: an accepted
 * regression names who accepted it, so each renderer escapes the result.
 */
export function describeTally(comparison: Pick<Comparison, "counts" | "scenarios"> & { errors?: readonly string[] }, style: TextStyle): string {
  const accepted = comparison.scenarios.filter((diff) => classifyPass(diff) === "accepted");
  const noBudget = comparison.scenarios.filter((diff) => classifyPass(diff) === "no-budget").length;
  const within = Math.max(0, comparison.counts.pass - accepted.length - noBudget);
  const parts: TallyPart[] = outcomes
    .filter((outcome) => outcome !== "pass")
    .map((outcome) => ({ lead: outcomeEmoji[outcome], count: comparison.counts[outcome], noun: null, phrase: countPhrases[outcome] }));
  parts.push(
    { lead: outcomeEmoji.pass, count: accepted.length, noun: ["accepted regression", "accepted regressions"], phrase: `(${describeAcceptances(accepted)})` },
    { lead: outcomeEmoji.pass, count: within, noun: null, phrase: countPhrases.pass },
    { lead: noBudgetEmoji, count: noBudget, noun: null, phrase: "with no budget" },
  );
  const tally = joinTally(parts, style);
  // A failure outside any scenario (a side's report recorded errors or was interrupted) still leads.
  if ((comparison.errors ?? []).length === 0 || comparison.counts.error > 0) return tally;
  const failed = style === "markdown" ? `${outcomeEmoji.error} the suite failed` : "the suite failed";
  return tally === "no scenarios compared" ? failed : `${failed}${style === "markdown" ? " · " : ", "}${tally}`;
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
    text = breached ? `> ${formatThreshold(threshold)} %` : `budget ${threshold < 0 ? "" : "+"}${formatThreshold(threshold)} %`;
  } else {
    const ceiling = scale === null ? `${formatThreshold(threshold)} g` : formatSciMass(threshold, scale);
    text = breached ? `> ${ceiling}` : `ceiling ${ceiling}`;
  }
  if (outcome === "inconclusive" && verdict.pairsToResolve !== null) text += `, ≈ ${verdict.pairsToResolve} pairs to resolve`;
  if (!verdict.enforced) text += ", not enforced";
  return text;
}

/** What an accepted regression was over: "+275 % over the +5 % budget", "31.0 mg over the 15.0 mg ceiling". */
function describeAcceptedBreach(diff: ScenarioDiff, scale: SciScale | null): string | null {
  for (const verdict of diff.verdicts) {
    if (verdict.failAt === null) continue;
    if (verdict.kind === "relative" && diff.sci !== null && diff.sci.pct.estimate > verdict.failAt) {
      return `${formatSignedPct(diff.sci.pct.estimate)} over the ${verdict.failAt < 0 ? "" : "+"}${formatThreshold(verdict.failAt)} % budget`;
    }
    if (verdict.kind === "absolute" && diff.head !== null && diff.head.sciGPerUnit > verdict.failAt) {
      const mass = (g: number) => (scale === null ? `${formatThreshold(g)} g` : formatSciMass(g, scale));
      return `${mass(diff.head.sciGPerUnit)} over the ${mass(verdict.failAt)} ceiling`;
    }
  }
  return null;
}

/** "accepted by @login — was ❌ fail, +275 % over the +5 % budget"; raw text. */
function describeAcceptance(diff: ScenarioDiff, accepted: NonNullable<ScenarioDiff["accepted"]>, scale: SciScale | null, style: TextStyle): string {
  const breach = describeAcceptedBreach(diff, scale);
  return `accepted by @${accepted.by} — was ${formatOutcome(accepted.outcomeBefore, style)}${breach === null ? "" : `, ${breach}`}`;
}

/**
 * The verdict cell: "❌ fail (> 5 %)", "⚪ inconclusive (budget +5 %, ≈ 14 pairs to resolve)",
 * "➖ no budget", "✅ accepted by @login — was ❌ fail, +275 % over the +5 % budget",
 * "PASS". Raw text: an acceptance names a login.
 */
export function formatVerdict(diff: ScenarioDiff, scale: SciScale | null, style: TextStyle): string {
  if (diff.accepted !== null) {
    const acceptance = describeAcceptance(diff, diff.accepted, scale, style);
    if (diff.outcome === "pass") return style === "markdown" ? `${outcomeEmoji.pass} ${acceptance}` : `PASS: ${acceptance}`;
    const verdict = selectDecidingVerdict(diff);
    const budget = verdict === null ? null : describeBudget(verdict, diff.outcome, scale);
    return `${formatOutcome(diff.outcome, style)}${budget === null ? "" : ` (${budget})`}; ${acceptance}`;
  }
  if (diff.outcome === "pass" && !hasBudget(diff)) return style === "markdown" ? `${noBudgetEmoji} no budget` : "PASS (no budget)";
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
