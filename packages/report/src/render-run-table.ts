import { type Assumptions, computeRunSci, type Report, type RunMeasurement, type ScenarioReport } from "@sci-gate/core";
import { describeEmbodiedItems, describeIntensitySource, describePue, formatIntensity } from "./assumption-text.js";
import { sanitisePlainText, textLimits } from "./escape.js";
import { formatPct, formatQuantity } from "./format-number.js";
import { describePerUnits, formatEnergyJ, formatSciMass, selectSciScale } from "./scale.js";
import { missingFigure } from "./scenario-figures.js";
import { formatTextTable } from "./text-table.js";

/**
 * The table `sci-gate run` prints when it finishes: what was measured, before any comparison,
 * and under it the assumptions each figure rests on (I, PUE, M, with their sources) and the
 * methodology's warnings. SCI per run is recomputed with core's computeRunSci under the
 * scenario's own assumptions (a merged shard keeps its machine's), and summarised by the
 * geometric mean like the compare step.
 */

const components = ["cpu", "gpu", "memory"] as const;
const indent = "  ";

/** A run that ended normally and counted units; the others say nothing about SCI. */
function countsForSci(run: RunMeasurement): boolean {
  return run.exitCode === 0 && run.signal === null && !run.timedOut && !run.partial;
}

function describeRunSources(runs: readonly RunMeasurement[]): string {
  const parts: string[] = [];
  for (const component of components) {
    const tags = [...new Set(runs.map((run) => run.sources[component]))].filter((tag) => tag !== "none");
    if (tags.length > 0) parts.push(`${component} ${tags.join("+")}`);
  }
  return parts.length === 0 ? "none" : sanitisePlainText(parts.join(", "), textLimits.short);
}

function describeRow(label: string, scenario: ScenarioReport, runs: readonly RunMeasurement[], report: Report): string[] {
  const assumptions = scenario.assumptions ?? report.assumptions;
  const scored = runs.filter(countsForSci).flatMap((run) => {
    const sci = computeRunSci(run, assumptions);
    return sci.ok && sci.value.sciGPerUnit > 0 ? [{ run, sci: sci.value }] : [];
  });
  const runsText = scored.length === runs.length ? formatQuantity(runs.length) : `${scored.length} of ${runs.length} ok`;
  if (scored.length === 0) return [label, runsText, missingFigure, missingFigure, missingFigure, missingFigure, describeRunSources(runs)];
  const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const sciGPerUnit = Math.exp(mean(scored.map((s) => Math.log(s.sci.sciGPerUnit))));
  const scale = selectSciScale(sciGPerUnit);
  // The embodied share of all the carbon these runs account for: M / (E·I + M), summed over runs.
  const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
  const totalG = sum(scored.map((s) => s.sci.totalG));
  const embodiedShare = totalG > 0 ? formatPct((sum(scored.map((s) => s.sci.embodiedG)) / totalG) * 100) : missingFigure;
  return [
    label,
    runsText,
    formatQuantity(mean(scored.map((s) => s.run.units ?? 0))),
    formatEnergyJ(mean(scored.map((s) => s.run.energyJ.total))),
    `${formatSciMass(sciGPerUnit, scale)} ${sanitisePlainText(describePerUnits(scale, scenario.unit), textLimits.unit + 16)}`,
    embodiedShare,
    describeRunSources(scored.map((s) => s.run)),
  ];
}

/**
 * "I 44.18 gCO2e/kWh (Ember annual average via @tgwf/co2 0.19.0, FRA, latest available) · PUE 1.00, from pue in sci-gate.yml",
 * then "M: <each embodied item with its source>", then each methodology warning once.
 */
export function describeAssumptionLines(assumptions: Assumptions): string[] {
  const plain = (text: string) => sanitisePlainText(text, 1200);
  const lines = [
    plain(`I ${formatIntensity(assumptions.intensityGPerKwh)} (${describeIntensitySource(assumptions.intensitySource)}) · PUE ${describePue(assumptions)}`),
    plain(`M: ${describeEmbodiedItems(assumptions.embodied)}`),
  ];
  for (const warning of new Set(assumptions.warnings)) lines.push(`Note: ${plain(warning)}`);
  return lines;
}

/**
 * The assumptions under the table: once when every scenario used the report's, else one block
 * per distinct set, named by its scenarios (a merged report keeps each shard's machine and so
 * its own I, PUE and M).
 */
function renderAssumptions(report: Report): string {
  const groups = new Map<string, { assumptions: Assumptions; names: string[] }>();
  for (const scenario of report.scenarios) {
    const assumptions = scenario.assumptions ?? report.assumptions;
    const key = JSON.stringify(assumptions);
    const group = groups.get(key) ?? { assumptions, names: [] };
    group.names.push(sanitisePlainText(scenario.name, textLimits.name));
    groups.set(key, group);
  }
  const list = [...groups.values()];
  if (list.length <= 1) return describeAssumptionLines(list[0]?.assumptions ?? report.assumptions).join("\n");
  return list.map((group) => [`${group.names.join(", ")}:`, ...describeAssumptionLines(group.assumptions).map((line) => `${indent}${line}`)].join("\n")).join("\n\n");
}

export function renderRunTable(report: Report): string {
  const rows: string[][] = [];
  for (const scenario of report.scenarios) {
    const name = sanitisePlainText(scenario.name, textLimits.name);
    const revisions = (["base", "head"] as const).filter((revision) => scenario.runs.some((run) => run.revision === revision));
    if (revisions.length === 0) rows.push(describeRow(name, scenario, [], report));
    for (const revision of revisions) {
      const label = revisions.length > 1 ? `${name} (${revision})` : name;
      rows.push(describeRow(label, scenario, scenario.runs.filter((run) => run.revision === revision), report));
    }
  }
  const table = formatTextTable(["Scenario", "Runs", "Units/run", "Energy/run", "gCO2e per unit", "Embodied share", "Sources"], rows, [
    "left",
    "right",
    "right",
    "right",
    "right",
    "right",
    "left",
  ]);
  return `${table}\n\n${renderAssumptions(report)}\n`;
}
