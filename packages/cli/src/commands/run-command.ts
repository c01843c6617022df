import { resolve } from "node:path";
import { exitCodes } from "@sci-gate/core";
import type { RunSuiteResult } from "@sci-gate/meter";
import { renderRunTable } from "@sci-gate/report";
import { createInputError } from "../cli-error.js";
import type { CliContext } from "../context.js";
import { describeUsage } from "../help-text.js";
import { measureSuite } from "../measure-suite.js";
import { expectPositionals, parseCommandArgs, parseIntegerOption } from "../parse-args.js";
import { loadConfigFile } from "../read-inputs.js";
import { defaultReportFile, serialiseReport, writeOutputFile } from "../write-output.js";

const options = {
  config: { type: "string" },
  out: { type: "string" },
  runs: { type: "string" },
  scenario: { type: "string", multiple: true },
  base: { type: "string" },
  shard: { type: "string" },
} as const;

/** "2/3" → shard 2 of 3 (1-based, as in a CI matrix). */
export function parseShard(value: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || !(count >= 1 && count <= 1000) || !(index >= 1 && index <= count)) {
    throw createInputError(`--shard expects I/N with 1 ≤ I ≤ N ≤ 1000 (e.g. 2/3), got "${value}"`, describeUsage("run"));
  }
  return { index, count };
}

/** The exit code of the contract for how the suite went: 2 invalid, 3 failed or interrupted, else 0. */
export function exitCodeForSuite(status: RunSuiteResult["status"]): number {
  if (status === "invalid") return exitCodes.invalidInput;
  if (status === "suite-failed" || status === "interrupted") return exitCodes.suiteFailed;
  return exitCodes.pass;
}

/** sci-gate run: measures the suite (with --base, base and head interleaved) and writes a report. */
export async function runRunCommand(ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs("run", ctx.argv, options);
  expectPositionals("run", positionals, 0, 0, "options only (see --help)");
  const runs = values.runs === undefined ? undefined : parseIntegerOption("run", "--runs", values.runs, 1, 1000);
  const shard = values.shard === undefined ? null : parseShard(values.shard);
  const out = values.out ?? defaultReportFile;
  const loaded = await loadConfigFile(ctx.cwd, values.config);
  const result = await measureSuite(ctx, {
    loaded,
    scenarios: values.scenario ?? [],
    shard,
    outPath: resolve(ctx.cwd, out),
    ...(runs === undefined ? {} : { runs }),
    ...(values.base === undefined ? {} : { baseRef: values.base }),
  });
  for (const message of result.messages) ctx.stderr.write(`sci-gate: ${message}\n`);
  // "invalid" is found before anything runs: there is nothing to keep.
  if (result.status === "invalid") return exitCodeForSuite(result.status);
  await writeOutputFile(ctx.cwd, out, serialiseReport(result.report));
  if (result.report.scenarios.length > 0) ctx.stdout.write(renderRunTable(result.report));
  const runsDone = result.report.scenarios.reduce((sum, s) => sum + s.runs.length, 0);
  const state = result.status === "interrupted" ? "interrupted; " : result.status === "suite-failed" ? "the suite failed; " : "";
  ctx.stdout.write(`${state}${runsDone} run${runsDone === 1 ? "" : "s"} written to ${out}\n`);
  return exitCodeForSuite(result.status);
}
