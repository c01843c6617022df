import { resolve } from "node:path";
import { calibrate, type Config, exitCodes, type Report } from "@sci-gate/core";
import { createInputError } from "../cli-error.js";
import type { CliContext } from "../context.js";
import { describeUsage } from "../help-text.js";
import { measureSuite } from "../measure-suite.js";
import { expectPositionals, parseChoiceOption, parseCommandArgs, parseIntegerOption } from "../parse-args.js";
import { loadConfigFile, loadReportFile } from "../read-inputs.js";
import { renderCalibration } from "../render-calibration.js";
import { serialiseReport, writeOutputFile } from "../write-output.js";
import { exitCodeForSuite } from "./run-command.js";

const options = {
  config: { type: "string" },
  runs: { type: "string" },
  scenario: { type: "string", multiple: true },
  target: { type: "string" },
  out: { type: "string" },
  report: { type: "string" },
  format: { type: "string" },
} as const;

function parseTarget(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value.trim().replace(/%$/, ""));
  if (value.trim() === "" || !Number.isFinite(number) || number <= 0 || number > 1000) {
    throw createInputError(`--target expects an increase in percent above 0 (e.g. 10), got "${value}"`, describeUsage("calibrate"));
  }
  return number;
}

interface Measured {
  report: Report;
  config: Config;
  exitCode: number;
}

/** An existing report: its own config unless --config names one. */
async function readMeasured(ctx: CliContext, file: string, configFile: string | undefined): Promise<Measured> {
  const report = await loadReportFile(ctx.cwd, file);
  const config = configFile === undefined ? (report.configs.head ?? report.configs.base) : (await loadConfigFile(ctx.cwd, configFile)).config;
  if (config === undefined) throw createInputError(`${file}: expected the report to carry the config it was measured with; pass --config F`);
  return { report, config, exitCode: exitCodes.pass };
}

/**
 * sci-gate calibrate: measures one revision (or reads --report) and says, per scenario, what
 * the gate can detect with the configured runs and how many runs the target needs.
 */
export async function runCalibrateCommand(ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs("calibrate", ctx.argv, options);
  expectPositionals("calibrate", positionals, 0, 0, "options only (see --help)");
  const format = parseChoiceOption("calibrate", "--format", values.format, ["text", "json"] as const, "text");
  const targetIncreasePct = parseTarget(values.target);
  const runs = values.runs === undefined ? undefined : parseIntegerOption("calibrate", "--runs", values.runs, 2, 1000);
  const scenarios = values.scenario ?? [];
  let measured: Measured;
  if (values.report !== undefined) {
    for (const flag of ["runs", "out"] as const) {
      if (values[flag] !== undefined) throw createInputError(`--${flag} measures the suite; it does not go with --report`, describeUsage("calibrate"));
    }
    measured = await readMeasured(ctx, values.report, values.config);
    const known = new Set(measured.report.scenarios.map((s) => s.name));
    const missing = scenarios.find((name) => !known.has(name));
    if (missing !== undefined) throw createInputError(`--scenario ${missing}: ${values.report} has no scenario named "${missing}"`);
  } else {
    const loaded = await loadConfigFile(ctx.cwd, values.config);
    const result = await measureSuite(ctx, {
      loaded,
      scenarios,
      ...(runs === undefined ? {} : { runs }),
      ...(values.out === undefined ? {} : { outPath: resolve(ctx.cwd, values.out) }),
    });
    for (const message of result.messages) ctx.stderr.write(`sci-gate: ${message}\n`);
    if (result.status === "invalid") return exitCodeForSuite(result.status);
    if (values.out !== undefined) await writeOutputFile(ctx.cwd, values.out, serialiseReport(result.report));
    measured = { report: result.report, config: loaded.config, exitCode: exitCodeForSuite(result.status) };
  }
  const report: Report =
    scenarios.length === 0 ? measured.report : { ...measured.report, scenarios: measured.report.scenarios.filter((s) => scenarios.includes(s.name)) };
  const calibration = calibrate(report, measured.config, targetIncreasePct === undefined ? {} : { targetIncreasePct });
  ctx.stdout.write(format === "json" ? `${JSON.stringify(calibration, null, 2)}\n` : renderCalibration(calibration));
  return measured.exitCode;
}
