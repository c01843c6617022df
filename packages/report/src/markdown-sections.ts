import { type Comparison, computeOperationalG, type ScenarioDiff } from "@sci-gate/core";
import { markdownTable } from "markdown-table";
import { escapeMarkdownCell, escapeMarkdownText, escapePreformatted, sanitiseUrl, textLimits } from "./escape.js";
import { formatConfidence } from "./format-number.js";
import { describeTally } from "./outcome-text.js";
import { findMachine, findVolume, type RenderInput, resolveOverheadEnergyJ, selectHeadlineScenario } from "./render-input.js";
import { formatEnergyJ, formatMassG } from "./scale.js";
import { describeScenarioDetails, describeVolume } from "./scenario-details.js";
import { describeHeadlineFigure, describeScenarioFigures, describeTableHeader, formatChange, selectColumnScales } from "./scenario-figures.js";

/**
 * The blocks of the markdown comment and job summary. Each returns markdown in which every
 * piece of user text went through the escape module; the assembler decides which blocks fit.
 */

/** Caps on lists that come from input, so no single list can crowd out the verdict. */
export const listLimits = { scenarioWarnings: 10, globalWarnings: 20, budgetChanges: 20, suiteErrors: 10 } as const;

const longText = 1200;

export function describeConfidence(comparison: Comparison): string {
  return formatConfidence(comparison.confidence);
}

/** A bullet list of user strings, capped, saying how many were left out. */
export function renderList(items: readonly string[], limit: number, prefix = ""): string {
  const shown = items.slice(0, limit).map((item) => `${prefix}- ${escapeMarkdownText(item)}`);
  if (items.length > limit) shown.push(`${prefix}- … and ${items.length - limit} more in the report`);
  return shown.join("\n");
}

export function renderTitle(comparison: Comparison): string {
  // The tally names who accepted a regression: user text, escaped like any other.
  return `### sci-gate: ${escapeMarkdownCell(describeTally(comparison, "markdown"), longText)}`;
}

/** The headline scenario's figure, and its yearly projection when the config declares a production volume. */
export function renderHeadline(input: RenderInput): string | null {
  const diff = selectHeadlineScenario(input.comparison);
  if (diff === null) return null;
  const figure = describeHeadlineFigure(diff, describeConfidence(input.comparison));
  const lines = [`**${escapeMarkdownCell(diff.name, textLimits.name)}**: ${escapeMarkdownCell(figure, longText)}`];
  const volume = findVolume(input.config, diff.name);
  if (volume !== null) lines.push(`In production ${escapeMarkdownCell(describeVolume(volume, diff), longText)}.`);
  return lines.join("\n\n");
}

/** A PR cannot loosen its own budget: say what it tried to change and whose rules decided. */
export function renderBudgetChanges(comparison: Comparison): string | null {
  if (comparison.budgetChanges.length === 0) return null;
  const decided =
    comparison.rulesFrom === "base"
      ? "The base branch's rules decided this comparison, so a pull request cannot loosen its own budget; the head's rules apply once it is merged."
      : "The head's rules decided this comparison.";
  return [
    "> [!IMPORTANT]",
    `> This pull request changes the sci-gate rules (budgets or assumptions). ${decided}`,
    ">",
    renderList(comparison.budgetChanges, listLimits.budgetChanges, "> "),
  ].join("\n");
}

export function renderScenarioTable(scenarios: readonly ScenarioDiff[], confidenceLabel: string): string {
  const columns = selectColumnScales(scenarios);
  const rows = scenarios.map((diff) => {
    const figures = describeScenarioFigures(diff, "markdown", columns);
    return [
      escapeMarkdownCell(figures.name, textLimits.name),
      escapeMarkdownCell(figures.count, textLimits.unit + 16),
      escapeMarkdownCell(figures.base),
      escapeMarkdownCell(figures.head),
      escapeMarkdownCell(figures.change),
      escapeMarkdownCell(figures.energy),
      escapeMarkdownCell(figures.verdict),
    ];
  });
  return markdownTable([describeTableHeader(confidenceLabel), ...rows], { align: ["l", "l", "r", "r", "r", "r", "l"] });
}

/** One scenario's provenance, collapsed: a reviewer opens it when a figure surprises them. */
export function renderScenarioDetails(diff: ScenarioDiff, input: RenderInput): string {
  const figures = describeScenarioFigures(diff, "markdown");
  const details = describeScenarioDetails(diff, {
    assumptions: input.comparison.assumptions,
    machine: findMachine(input.report, diff.name),
    volume: findVolume(input.config, diff.name),
    idleSubtracted: input.config?.hardware?.idleBaseline === true,
  });
  const summary = [diff.name, figures.verdict, formatChange(diff.sci)].map((part, i) => escapeMarkdownCell(part, i === 0 ? textLimits.name : textLimits.short));
  const components = markdownTable(
    [
      ["Energy per run", "Base", "Head", "Source"],
      ...details.components.map((row) => [row.component, escapeMarkdownCell(row.base), escapeMarkdownCell(row.head), escapeMarkdownCell(row.source)]),
    ],
    { align: ["l", "r", "r", "l"] },
  );
  const facts = details.facts.map((fact) => `- **${escapeMarkdownCell(fact.label, textLimits.unit + 16)}:** ${escapeMarkdownCell(fact.text, longText)}`);
  const parts = ["<details>", `<summary>${summary.join(" · ")}</summary>`, "", components, "", facts.join("\n")];
  if (details.warnings.length > 0) parts.push("", "**Warnings**", "", renderList(details.warnings, listLimits.scenarioWarnings));
  parts.push("", "</details>");
  return parts.join("\n");
}

/**
 * Why the suite itself failed (a side's report recorded errors or was interrupted), right under
 * the headline: it is why the check failed, so it is never cut for length.
 */
export function renderSuiteErrors(comparison: Comparison): string | null {
  const errors = comparison.errors ?? [];
  return errors.length === 0 ? null : `**💥 The suite failed**\n\n${renderList(errors, listLimits.suiteErrors)}`;
}

/** Run-wide notes: an interrupted measurement, warnings, methodology notes. */
export function renderGlobalNotes(input: RenderInput, full: boolean): string | null {
  const blocks: string[] = [];
  if (input.report?.status.interrupted) blocks.push("⚠️ The measurement was interrupted; the figures cover the runs that finished.");
  const warnings = input.comparison.warnings;
  const methodology = input.comparison.assumptions.warnings;
  if (full) {
    if (warnings.length > 0) blocks.push(`**Warnings**\n\n${renderList(warnings, listLimits.globalWarnings)}`);
    if (methodology.length > 0) blocks.push(`**Methodology notes**\n\n${renderList(methodology, listLimits.globalWarnings)}`);
  } else if (warnings.length + methodology.length > 0) {
    blocks.push(`${warnings.length + methodology.length} warnings left out for length; the report has them.`);
  }
  return blocks.length === 0 ? null : blocks.join("\n\n");
}

/** The formula, where the numbers come from, what measuring cost, and how to get the same result locally. */
export function renderFooter(input: RenderInput): string {
  const url = sanitiseUrl(input.methodologyUrl);
  const methodology = url === null ? `methodology: ${escapeMarkdownCell(input.methodologyUrl)}` : `[methodology](${url})`;
  const overheadJ = resolveOverheadEnergyJ(input);
  const assumptions = input.comparison.assumptions;
  const overhead =
    overheadJ === null
      ? "the energy of the measurement itself was not measured"
      : `measuring used ${formatEnergyJ(overheadJ)} (${formatMassG(computeOperationalG(overheadJ, assumptions.pue, assumptions.intensityGPerKwh))} CO2e)`;
  const lines = [
    "---",
    "",
    `<sub>SCI = (E · I + M) / R: energy E (kWh, times PUE) times the location-based grid intensity I, plus the embodied share M, per functional unit R (Green Software Foundation SCI, ISO/IEC 21031:2024). Changes are ${describeConfidence(input.comparison)} intervals on ln(head/base); a budget fails only when the whole interval lies above it. ${methodology} · sci-gate ${escapeMarkdownCell(input.version, 40)} · rules from the ${input.comparison.rulesFrom} · ${overhead}</sub>`,
  ];
  const command = escapePreformatted(input.reproduceCommand);
  if (command !== "") lines.push("", "Reproduce locally:", "", `<pre>${command}</pre>`);
  return lines.join("\n");
}

/** Said in the body whenever the assembler left something out. */
export function renderCutNote(cut: readonly string[], elsewhere: string): string {
  return `✂️ Shortened to fit the size limit: left out ${cut.join(", ")}. ${elsewhere}`;
}
