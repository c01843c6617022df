import { type BudgetConfig, compareReports, type Config, exitCodeForOutcome } from "@sci-gate/core";
import { createInputError, createIssuesError } from "../cli-error.js";
import type { CliContext } from "../context.js";
import { expectPositionals, parseChoiceOption, parseCommandArgs } from "../parse-args.js";
import { loadConfigFile, loadReportFile } from "../read-inputs.js";
import { failOnLevels, outputFormats, writeComparison } from "../render-comparison.js";
import { selectSide } from "../select-side.js";
import { writeSuiteErrors } from "./compare-command.js";

const options = {
  config: { type: "string" },
  format: { type: "string" },
  "fail-on": { type: "string" },
} as const;

/** The same rules with only the absolute ceilings: one report has no base to judge an increase against. */
function keepCeilings(config: Config): Config {
  const budgets = config.budgets.map(({ maxIncreasePct: _relative, ...rest }): BudgetConfig => rest);
  return { ...config, budgets };
}

/**
 * sci-gate check REPORT: absolute ceilings (maxSciGPerUnit) on the head revision of one report,
 * or on the only revision it holds. It reuses the comparison engine with no base side, so the
 * verdicts, intervals and renderings are the same as those of compare.
 */
export async function runCheckCommand(ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs("check", ctx.argv, options);
  expectPositionals("check", positionals, 1, 1, "one REPORT");
  const format = parseChoiceOption("check", "--format", values.format, outputFormats, "text");
  const failOn = parseChoiceOption("check", "--fail-on", values["fail-on"], failOnLevels, "fail");
  const file = positionals[0]!;
  const loaded = values.config === undefined ? undefined : await loadConfigFile(ctx.cwd, values.config);
  const report = await loadReportFile(ctx.cwd, file);
  // Like compare, the base's rules win when the report has them, so a PR cannot loosen its own ceiling.
  const config = loaded?.config ?? report.configs.base ?? report.configs.head;
  if (config === undefined) {
    throw createInputError(`${file}: expected the report to carry the config it was measured with; pass --config F`);
  }
  const rules = keepCeilings(config);
  if (!rules.budgets.some((budget) => budget.maxSciGPerUnit !== undefined)) {
    ctx.stderr.write(`sci-gate: no budget in ${loaded?.display ?? `${file}'s config`} sets maxSciGPerUnit, so no ceiling applies\n`);
  }
  const head = selectSide(report, "head");
  // The head's own config, stripped alike, so the missing relative budgets do not read as a rule change.
  const headConfig = report.configs.head === undefined ? undefined : keepCeilings(report.configs.head);
  const result = compareReports({ base: head, head, files: { base: file, head: file }, rules, ...(headConfig ? { headConfig } : {}) });
  if (!result.ok) throw createIssuesError(result.errors);
  const rulesFrom = loaded === undefined && report.configs.base !== undefined ? "base" : "head";
  const comparison = { ...result.value, rulesFrom } as const;
  writeComparison(ctx.stdout, { comparison, format, report: head, config, commandArgs: ["check", ...ctx.argv] });
  writeSuiteErrors(ctx, comparison.errors);
  return exitCodeForOutcome(comparison.outcome, failOn);
}
