import type { ChangeEstimate, ScenarioDiff } from "@sci-gate/core";
import { formatGroupedSignificant, formatPctInterval, formatSignedPct } from "./format-number.js";
import { formatVerdict, type TextStyle } from "./outcome-text.js";
import {
  describePerUnits,
  describeUnitCount,
  formatSciMass,
  type Scale,
  type SciScale,
  selectEnergyColumnScale,
  selectEnergyScale,
  selectMassColumnScale,
  selectSciScale,
} from "./scale.js";

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
  /** "1k tokens": the count every figure of the row is for. */
  count: string;
  /** "per 1k tokens". */
  perUnits: string;
  base: string;
  head: string;
  /** "+9.2 % (+6.1 … +12.4 %)". */
  change: string;
  /** Energy for the row's count (`count`), base → head: "900 → 983 J" per 1k tokens. */
  energy: string;
  verdict: string;
}

/** The scales a table's columns share: one mass prefix for Base and Head, one energy prefix for Energy. */
export interface ColumnScales {
  mass: Scale;
  energy: Scale;
}

/** The count for a row comes from the base, so head and base read per the same count; from the head for a new scenario. */
export function selectRowScale(diff: ScenarioDiff): SciScale | null {
  const reference = diff.base?.sciGPerUnit ?? diff.head?.sciGPerUnit;
  return reference === undefined ? null : selectSciScale(reference);
}

const sides = (diff: ScenarioDiff) => [diff.base, diff.head].filter((side) => side !== null);

/**
 * Each row keeps its own count (per token, per 1k tokens, per image) so its figures stay
 * readable; the mass and energy prefixes are chosen once per column over every row's figures
 * for its count, so a column never mixes "31.0 mg" with "2.48 g".
 */
export function selectColumnScales(diffs: readonly ScenarioDiff[]): ColumnScales {
  const grams: number[] = [];
  const joules: number[] = [];
  for (const diff of diffs) {
    const scale = selectRowScale(diff);
    if (scale === null) continue;
    for (const side of sides(diff)) {
      grams.push(side.sciGPerUnit * scale.perUnits);
      joules.push(side.energyJPerUnit * scale.perUnits);
    }
  }
  return { mass: selectMassColumnScale(grams), energy: selectEnergyColumnScale(joules) };
}

/** The header the comment and the console share: every figure of a row is for its "Figures per" count. */
export function describeTableHeader(confidenceLabel: string): string[] {
  return ["Scenario", "Figures per", "Base CO2e", "Head CO2e", `Change (${confidenceLabel} CI)`, "Energy", "Verdict"];
}

/** "+9.2 % (+6.1 … +12.4 %)", the estimate with its interval. */
export function formatChange(change: ChangeEstimate | null): string {
  if (change === null) return missingFigure;
  return `${formatSignedPct(change.pct.estimate)} (${formatPctInterval(change.pct.lower, change.pct.upper)})`;
}

function formatEnergyPair(diff: ScenarioDiff, perUnits: number, energyScale: Scale | null): string {
  const base = diff.base?.energyJPerUnit;
  const head = diff.head?.energyJPerUnit;
  if (base === undefined && head === undefined) return missingFigure;
  const scale = energyScale ?? selectEnergyScale((base ?? head ?? 0) * perUnits);
  const show = (joulesPerUnit: number | undefined) => (joulesPerUnit === undefined ? missingFigure : formatGroupedSignificant((joulesPerUnit * perUnits) / scale.factor));
  // The unit goes with the figure that has one: "1.10 kJ → —".
  if (base === undefined || head === undefined) return `${show(base)}${base === undefined ? "" : ` ${scale.symbol}`} → ${show(head)}${head === undefined ? "" : ` ${scale.symbol}`}`;
  // One unit symbol for the pair keeps the column narrow; both sides are in the same scale.
  return `${show(base)} → ${show(head)} ${scale.symbol}`;
}

/**
 * The row of one scenario. With `columns` (a table), the mass and energy prefixes are the
 * table's; without (a headline, a details section), the row's own.
 */
export function describeScenarioFigures(diff: ScenarioDiff, style: TextStyle, columns: ColumnScales | null = null): ScenarioFigures {
  const own = selectRowScale(diff);
  const scale = own === null || columns === null ? own : { perUnits: own.perUnits, mass: columns.mass };
  const side = (g: number | undefined) => (g === undefined || scale === null ? missingFigure : formatSciMass(g, scale));
  return {
    name: diff.name,
    scale,
    count: scale === null ? diff.unit : describeUnitCount(scale, diff.unit),
    perUnits: scale === null ? `per ${diff.unit}` : describePerUnits(scale, diff.unit),
    base: side(diff.base?.sciGPerUnit),
    head: side(diff.head?.sciGPerUnit),
    change: formatChange(diff.sci),
    energy: formatEnergyPair(diff, scale?.perUnits ?? 1, columns?.energy ?? null),
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
