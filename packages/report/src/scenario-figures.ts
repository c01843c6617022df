import type { ChangeEstimate, ScenarioDiff } from "@sci-gate/core";
import { formatPctInterval, formatSignedPct, formatSignificant } from "./format-number.js";
import { formatVerdict, type TextStyle } from "./outcome-text.js";
import { describePerUnits, formatSciMass, type SciScale, selectEnergyScale, selectSciScale } from "./scale.js";

/** Shown where a side has no figure (a new scenario, a suite that failed). */
export const missingFigure = "—";

/**
 * One scenario's row, as raw text. Strings may carry user text (the unit), so each renderer
 * escapes every field for its own medium; the figures are the same in every medium.
 */
export interface ScenarioFigures {
  name: string;
  /** Null when neither side has an SCI. */
  scale: SciScale | null;
  /** "per 1k tokens". */
  perUnits: string;
  base: string;
  head: string;
  /** "+9.2 % (+6.1 … +12.4 %)". */
  change: string;
  /** Energy per single unit, base → head in the base's scale: "900 → 983 mJ". */
  energy: string;
  verdict: string;
}

/** The scale for a row comes from the base, so head and base read in the same unit; from the head for a new scenario. */
export function selectRowScale(diff: ScenarioDiff): SciScale | null {
  const reference = diff.base?.sciGPerUnit ?? diff.head?.sciGPerUnit;
  return reference === undefined ? null : selectSciScale(reference);
}

/** "+9.2 % (+6.1 … +12.4 %)", the estimate with its interval. */
export function formatChange(change: ChangeEstimate | null): string {
  if (change === null) return missingFigure;
  return `${formatSignedPct(change.pct.estimate)} (${formatPctInterval(change.pct.lower, change.pct.upper)})`;
}

function formatEnergyPair(diff: ScenarioDiff): string {
  const base = diff.base?.energyJPerUnit;
  const head = diff.head?.energyJPerUnit;
  const scale = selectEnergyScale(base ?? head ?? 0);
  if (base === undefined && head === undefined) return missingFigure;
  const withUnit = (joules: number | undefined) => (joules === undefined ? missingFigure : `${formatSignificant(joules / scale.factor)} ${scale.symbol}`);
  if (base === undefined || head === undefined) return `${withUnit(base)} → ${withUnit(head)}`;
  // One unit symbol for the pair keeps the column narrow; both are in the base's scale.
  return `${formatSignificant(base / scale.factor)} → ${formatSignificant(head / scale.factor)} ${scale.symbol}`;
}

export function describeScenarioFigures(diff: ScenarioDiff, style: TextStyle): ScenarioFigures {
  const scale = selectRowScale(diff);
  const side = (g: number | undefined) => (g === undefined || scale === null ? missingFigure : formatSciMass(g, scale));
  return {
    name: diff.name,
    scale,
    perUnits: scale === null ? `per ${diff.unit}` : describePerUnits(scale, diff.unit),
    base: side(diff.base?.sciGPerUnit),
    head: side(diff.head?.sciGPerUnit),
    change: formatChange(diff.sci),
    energy: formatEnergyPair(diff),
    verdict: formatVerdict(diff, scale, style),
  };
}

/**
 * The figure a reviewer remembers: "12.0 mg → 13.1 mg CO2e per 1k tokens (base → head),
 * +9.2 % (95% CI +6.1 … +12.4 %)". Raw text: the unit comes from the config.
 */
export function describeHeadlineFigure(diff: ScenarioDiff, confidenceLabel: string): string {
  const figures = describeScenarioFigures(diff, "plain");
  if (diff.base === null || diff.head === null) {
    const present = diff.base === null ? `head ${figures.head}` : `base ${figures.base}`;
    return `${present} CO2e ${figures.perUnits}; no comparison: ${diff.decidedBy}`;
  }
  const pair = `${figures.base} → ${figures.head} CO2e ${figures.perUnits} (base → head)`;
  if (diff.sci === null) return `${pair}; no interval: ${diff.decidedBy}`;
  return `${pair}, ${formatSignedPct(diff.sci.pct.estimate)} (${confidenceLabel} CI ${formatPctInterval(diff.sci.pct.lower, diff.sci.pct.upper)})`;
}
