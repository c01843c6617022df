import { computeRunSci, type Report, type RunMeasurement, type ScenarioReport } from "@sci-gate/core";
import { sanitisePlainText, textLimits } from "./escape.js";
import { formatQuantity } from "./format-number.js";
import { describePerUnits, formatEnergyJ, formatSciMass, selectSciScale } from "./scale.js";
import { missingFigure } from "./scenario-figures.js";
import { formatTextTable } from "./text-table.js";

/**
 * The table `sci-gate run` prints when it finishes: what was measured, before any comparison.
 * SCI per run is recomputed with core's computeRunSci under the scenario's own assumptions
 * (a merged shard keeps its machine's), and summarised by the geometric mean like the compare step.
 */

const components = ["cpu", "gpu", "memory"] as const;

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
  if (scored.length === 0) return [label, runsText, missingFigure, missingFigure, missingFigure, describeRunSources(runs)];
  const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const sciGPerUnit = Math.exp(mean(scored.map((s) => Math.log(s.sci.sciGPerUnit))));
  const scale = selectSciScale(sciGPerUnit);
  return [
    label,
    runsText,
    formatQuantity(mean(scored.map((s) => s.run.units ?? 0))),
    formatEnergyJ(mean(scored.map((s) => s.run.energyJ.total))),
    `${formatSciMass(sciGPerUnit, scale)} ${sanitisePlainText(describePerUnits(scale, scenario.unit), textLimits.unit + 16)}`,
    describeRunSources(scored.map((s) => s.run)),
  ];
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
  const table = formatTextTable(["Scenario", "Runs", "Units/run", "Energy/run", "gCO2e per unit", "Sources"], rows, ["left", "right", "right", "right", "right", "left"]);
  return `${table}\n`;
}
