import { collectSciHistory, compareReports, exitCodeForOutcome, type Report } from "@sci-gate/core";
import { sanitisePlainText } from "@sci-gate/report";
import { createInputError, createIssuesError } from "../cli-error.js";
import type { CliContext } from "../context.js";
import { describeUsage } from "../help-text.js";
import { expectPositionals, parseChoiceOption, parseCommandArgs } from "../parse-args.js";
import { loadConfigFile, loadReportFile } from "../read-inputs.js";
import { failOnLevels, outputFormats, writeComparison } from "../render-comparison.js";
import { listRevisions, selectSides } from "../select-side.js";

const options = {
  config: { type: "string" },
  format: { type: "string" },
  "fail-on": { type: "string" },
  history: { type: "string", multiple: true },
} as const;

interface Sides {
  base: Report;
  head: Report;
  files: { base: string; head: string };
  /** The report the renderers read the machine and status from. */
  report: Report;
}

async function loadSides(ctx: CliContext, positionals: readonly string[]): Promise<Sides> {
  const [first, second] = positionals as [string, string | undefined];
  if (second === undefined) {
    const report = await loadReportFile(ctx.cwd, first);
    const revisions = listRevisions(report);
    // A suite that failed is compared as it is, so its failure decides (error, exit 3), not the missing runs.
    const failed = report.status.errors.length > 0 || report.status.interrupted;
    if (!failed && (!revisions.includes("base") || !revisions.includes("head"))) {
      throw createInputError(
        `${first}: expected a report holding both base and head runs (sci-gate run --base REF), but it holds ${revisions.length === 0 ? "no runs" : `only ${revisions[0]} runs`}; to compare two reports, pass both: sci-gate compare BASE HEAD`,
        describeUsage("compare"),
      );
    }
    return { base: report, head: report, files: { base: first, head: first }, report };
  }
  const [base, head] = await Promise.all([loadReportFile(ctx.cwd, first), loadReportFile(ctx.cwd, second)]);
  const sides = selectSides(base, head);
  return { base: sides.base, head: sides.head, files: { base: first, head: second }, report: sides.head };
}

/** The suite's own failures, on stderr too: the exit code 3 needs its reason where errors go. */
export function writeSuiteErrors(ctx: CliContext, errors: readonly string[]): void {
  // A report is untrusted input: one plain line each, no control characters.
  for (const error of errors) ctx.stderr.write(`sci-gate: the suite failed: ${sanitisePlainText(error, 2000)}\n`);
}

/** sci-gate compare REPORT | BASE HEAD: the budgets of the base's config on ln(head/base) intervals. */
export async function runCompareCommand(ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs("compare", ctx.argv, options);
  expectPositionals("compare", positionals, 1, 2, "REPORT (holding base and head) or BASE HEAD");
  const format = parseChoiceOption("compare", "--format", values.format, outputFormats, "text");
  const failOn = parseChoiceOption("compare", "--fail-on", values["fail-on"], failOnLevels, "fail");
  const rules = values.config === undefined ? undefined : (await loadConfigFile(ctx.cwd, values.config)).config;
  const sides = await loadSides(ctx, positionals);
  const result = compareReports({ base: sides.base, head: sides.head, files: sides.files, ...(rules ? { rules } : {}) });
  if (!result.ok) throw createIssuesError(result.errors);
  const config = rules ?? sides.base.configs.base ?? sides.base.configs.head;
  // Past main-branch reports for the trend chart, put under this comparison's methodology.
  const past = await Promise.all((values.history ?? []).map((file) => loadReportFile(ctx.cwd, file)));
  const history = past.length > 0 ? collectSciHistory(past, result.value.assumptions) : undefined;
  writeComparison(ctx.stdout, { comparison: result.value, format, report: sides.report, config, commandArgs: ["compare", ...ctx.argv], ...(history ? { history } : {}) });
  writeSuiteErrors(ctx, result.value.errors);
  return exitCodeForOutcome(result.value.outcome, failOn);
}
