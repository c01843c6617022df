import type { ScenarioDiff } from "@sci-gate/core";
import { sanitiseMermaidLabel } from "./escape.js";
import { formatShort, formatSignificant } from "./format-number.js";
import { selectWorstScenarios } from "./outcome-text.js";
import type { HistoryPoint } from "./render-input.js";
import { describePerUnits, type SciScale, selectSciScale } from "./scale.js";
import { selectRowScale } from "./scenario-figures.js";

/**
 * Mermaid `xychart-beta` blocks, which GitHub renders in comments and job summaries. Mermaid
 * has no escape for labels, so every label is reduced to a safe alphabet. Numbers are written
 * in plain decimal (Mermaid does not read exponents).
 */

export const chartLimits = { bars: 20, historyPoints: 20, historyCharts: 5 } as const;

/** Above this spread between scenarios, absolute bars would flatten the small ones: chart relative to base instead. */
const maxAbsoluteSpread = 20;

export interface Chart {
  /** The fenced block, ready to paste into markdown. */
  block: string;
  /** One sentence under the chart saying how to read it (raw text, no user input). */
  caption: string;
}

function fence(lines: readonly string[]): string {
  return ["```mermaid", "xychart-beta", ...lines.map((line) => `    ${line}`), "```"].join("\n");
}

/** An axis top with two significant figures, above every value. */
function selectAxisTop(values: readonly number[]): number {
  const max = Math.max(...values, 0);
  if (!(max > 0)) return 1;
  const padded = max * 1.1;
  const step = 10 ** (Math.floor(Math.log10(padded)) - 1);
  return Math.ceil(padded / step) * step;
}

const plain = (value: number) => formatSignificant(value, 4);

/**
 * Base vs head SCI per scenario. Base is drawn as bars and head as a line: Mermaid draws a
 * second bar series on top of the first at the same x rather than beside it, so a taller head
 * would hide its base. Absolute values when all scenarios share a unit and a similar size;
 * otherwise each scenario relative to its base (base = 100), which compares across units.
 */
export function renderComparisonChart(scenarios: readonly ScenarioDiff[], limit: number = chartLimits.bars): Chart | null {
  const comparable = scenarios.filter((d) => d.base !== null && d.head !== null && d.base.sciGPerUnit > 0 && d.head.sciGPerUnit > 0);
  if (comparable.length === 0) return null;
  const charted = selectWorstScenarios(comparable, limit);
  const bases = charted.map((d) => d.base!.sciGPerUnit);
  const heads = charted.map((d) => d.head!.sciGPerUnit);
  const sameUnit = charted.every((d) => d.unit === charted[0]!.unit);
  const absolute = sameUnit && Math.max(...bases) / Math.min(...bases) <= maxAbsoluteSpread;
  let baseValues: number[];
  let headValues: number[];
  let axisLabel: string;
  if (absolute) {
    const scale: SciScale = selectSciScale(Math.max(...bases));
    const toScale = (g: number) => (g * scale.perUnits) / scale.mass.factor;
    baseValues = bases.map(toScale);
    headValues = heads.map(toScale);
    axisLabel = `${scale.mass.symbol === "µg" ? "ug" : scale.mass.symbol} CO2e ${describePerUnits(scale, charted[0]!.unit)}`;
  } else {
    baseValues = bases.map(() => 100);
    headValues = heads.map((head, i) => (head / bases[i]!) * 100);
    axisLabel = "SCI per unit, base = 100";
  }
  const names = charted.map((d, i) => `"${sanitiseMermaidLabel(d.name, `scenario ${i + 1}`)}"`);
  const block = fence([
    `title "SCI per unit: base (bars) and head (line)"`,
    `x-axis [${names.join(", ")}]`,
    `y-axis "${sanitiseMermaidLabel(axisLabel, "SCI per unit", 48)}" 0 --> ${plain(selectAxisTop([...baseValues, ...headValues]))}`,
    `bar [${baseValues.map(plain).join(", ")}]`,
    `line [${headValues.map(plain).join(", ")}]`,
  ]);
  const shown = charted.length < comparable.length ? ` Shows ${charted.length} of ${comparable.length} scenarios, worst outcomes first.` : "";
  const reading = absolute ? "" : " Scenarios count different units, so each is shown relative to its base (base = 100).";
  return { block, caption: `Bars: base. Line: head.${reading}${shown}` };
}

/**
 * The trend of one scenario's SCI on the main branch, with this pull request's head as the
 * last point, in the scale of the scenario's table row.
 */
export function renderHistoryChart(diff: ScenarioDiff, history: readonly HistoryPoint[], limit: number = chartLimits.historyPoints): Chart | null {
  const points = history.filter((p) => Number.isFinite(p.sciGPerUnit) && p.sciGPerUnit >= 0).slice(-limit);
  if (points.length === 0) return null;
  const scale = selectRowScale(diff) ?? selectSciScale(points[points.length - 1]!.sciGPerUnit);
  const toScale = (g: number) => (g * scale.perUnits) / scale.mass.factor;
  const labels = points.map((p, i) => sanitiseMermaidLabel(p.label, `${i + 1}`, 12));
  const values = points.map((p) => toScale(p.sciGPerUnit));
  if (diff.head !== null) {
    labels.push("this PR");
    values.push(toScale(diff.head.sciGPerUnit));
  }
  const name = sanitiseMermaidLabel(diff.name, "scenario");
  const unitLabel = sanitiseMermaidLabel(`${scale.mass.symbol === "µg" ? "ug" : scale.mass.symbol} CO2e ${describePerUnits(scale, diff.unit)}`, "SCI per unit", 48);
  const block = fence([
    `title "${name}: SCI on the main branch"`,
    `x-axis [${labels.map((l) => `"${l}"`).join(", ")}]`,
    `y-axis "${unitLabel}" 0 --> ${plain(selectAxisTop(values))}`,
    `line [${values.map(plain).join(", ")}]`,
  ]);
  const tail = diff.head === null ? "" : "; the last point is this pull request's head";
  const shown = points.length === 1 ? "The last main-branch value" : `The last ${formatShort(points.length)} main-branch values`;
  return { block, caption: `${shown}${tail}.` };
}
