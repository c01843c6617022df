import { computeOperationalG, type ScenarioDiff } from "@sci-gate/core";
import { sanitisePlainText, textLimits } from "./escape.js";
import { formatConfidence } from "./format-number.js";
import { describeTally, formatOutcome } from "./outcome-text.js";
import { findMachine, findVolume, type RenderInput, resolveOverheadEnergyJ, selectHeadlineScenario } from "./render-input.js";
import { formatEnergyJ, formatMassG } from "./scale.js";
import { describeScenarioDetails, describeVolume } from "./scenario-details.js";
import { describeHeadlineFigure, describeScenarioFigures, describeTableHeader, selectColumnScales } from "./scenario-figures.js";
import { formatTextTable } from "./text-table.js";

export interface ConsoleInput extends RenderInput {
  /** Which scenarios get their provenance printed under the table (default: those that did not pass). */
  details?: "all" | "non-pass" | "none";
}

const indent = "  ";
const plain = (text: string, maxChars: number = textLimits.warning) => sanitisePlainText(text, maxChars);

function renderDetails(diff: ScenarioDiff, input: ConsoleInput): string {
  const details = describeScenarioDetails(diff, {
    assumptions: input.comparison.assumptions,
    machine: findMachine(input.report, diff.name),
    volume: findVolume(input.config, diff.name),
    idleSubtracted: input.config?.hardware?.idleBaseline === true,
  });
  const lines = [`${plain(diff.name, textLimits.name)}: ${formatOutcome(diff.outcome, "plain")}`];
  const components = details.components.map((row) => {
    const source = row.source === "" ? "" : ` (${plain(row.source)})`;
    return `${indent}${indent}${row.component} per run: ${row.base} → ${row.head}${source}`;
  });
  for (const [index, fact] of details.facts.entries()) {
    lines.push(`${indent}${plain(fact.label, textLimits.unit + 16)}: ${plain(fact.text, 1200)}`);
    // The split by component belongs under the energy line (fact 1: "E per <unit>").
    if (index === 1) lines.push(...components);
  }
  for (const warning of details.warnings.slice(0, 10)) lines.push(`${indent}warning: ${plain(warning)}`);
  if (details.warnings.length > 10) lines.push(`${indent}… and ${details.warnings.length - 10} more warnings in the report`);
  return lines.join("\n");
}

function renderList(title: string, items: readonly string[]): string | null {
  if (items.length === 0) return null;
  return [`${title}:`, ...items.map((item) => `${indent}- ${plain(item)}`)].join("\n");
}

/**
 * The comparison for a terminal or a CI log: the same verdict, figures and provenance as the
 * comment, as plain text with aligned columns. No markdown, no HTML, and no control characters
 * from user text (a scenario name cannot clear the screen or recolour the log).
 */
export function renderConsole(input: ConsoleInput): string {
  const { comparison } = input;
  const confidence = formatConfidence(comparison.confidence);
  const blocks: (string | null)[] = [`sci-gate: ${formatOutcome(comparison.outcome, "plain")}: ${plain(describeTally(comparison, "plain"), 1200)}`];
  const headline = selectHeadlineScenario(comparison);
  if (headline !== null) {
    const lines = [`${plain(headline.name, textLimits.name)}: ${plain(describeHeadlineFigure(headline, confidence), 1200)}`];
    const volume = findVolume(input.config, headline.name);
    if (volume !== null) lines.push(`In production ${plain(describeVolume(volume, headline))}.`);
    blocks.push(lines.join("\n"));
  }
  blocks.push(renderList("The suite failed", comparison.errors ?? []));
  if (comparison.budgetChanges.length > 0) {
    const decided = comparison.rulesFrom === "base" ? "the base branch's rules decided this comparison" : "the head's rules decided this comparison";
    blocks.push(renderList(`This pull request changes the sci-gate rules; ${decided}`, comparison.budgetChanges));
  }
  if (comparison.scenarios.length > 0) {
    const columns = selectColumnScales(comparison.scenarios);
    const rows = comparison.scenarios.map((diff) => {
      const figures = describeScenarioFigures(diff, "plain", columns);
      return [plain(figures.name, textLimits.name), plain(figures.count, textLimits.unit + 16), figures.base, figures.head, figures.change, figures.energy, plain(figures.verdict)];
    });
    blocks.push(
      formatTextTable(describeTableHeader(confidence), rows, [
        "left",
        "left",
        "right",
        "right",
        "right",
        "right",
        "left",
      ]),
    );
  }
  const which = input.details ?? "non-pass";
  if (which !== "none") {
    for (const diff of comparison.scenarios) {
      if (which === "all" || diff.outcome !== "pass") blocks.push(renderDetails(diff, input));
    }
  }
  if (input.report?.status.interrupted) blocks.push("The measurement was interrupted; the figures cover the runs that finished.");
  blocks.push(renderList("Warnings", comparison.warnings), renderList("Methodology notes", comparison.assumptions.warnings));
  const overheadJ = resolveOverheadEnergyJ(input);
  const assumptions = comparison.assumptions;
  const overhead =
    overheadJ === null
      ? "the energy of the measurement itself was not measured"
      : `measuring used ${formatEnergyJ(overheadJ)} (${formatMassG(computeOperationalG(overheadJ, assumptions.pue, assumptions.intensityGPerKwh))} CO2e)`;
  const footer = [
    `SCI = (E · I + M) / R per functional unit (GSF SCI, ISO/IEC 21031:2024); ${confidence} intervals on ln(head/base).`,
    `Methodology: ${plain(input.methodologyUrl, textLimits.short)} · sci-gate ${plain(input.version, 40)} · rules from the ${comparison.rulesFrom} · ${overhead}`,
  ];
  const command = plain(input.reproduceCommand, textLimits.command);
  if (command !== "") footer.push(`Reproduce: ${command}`);
  blocks.push(footer.join("\n"));
  return `${blocks.filter((block): block is string => block !== null).join("\n\n")}\n`;
}
