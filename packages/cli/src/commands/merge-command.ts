import { mergeReports } from "@sci-gate/core";
import { createIssuesError } from "../cli-error.js";
import type { CliContext } from "../context.js";
import { expectPositionals, parseCommandArgs } from "../parse-args.js";
import { loadReportFile } from "../read-inputs.js";
import { defaultReportFile, serialiseReport, writeOutputFile } from "../write-output.js";

const options = { out: { type: "string" } } as const;

/** sci-gate merge REPORT... [--out F]: the shards of a matrix job as one report. */
export async function runMergeCommand(ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs("merge", ctx.argv, options);
  expectPositionals("merge", positionals, 1, Number.POSITIVE_INFINITY, "one or more REPORT files");
  // Read one after the other: each report may be up to 64 MiB, and shards are few.
  const shards = [];
  for (const file of positionals) shards.push({ report: await loadReportFile(ctx.cwd, file), file });
  const result = mergeReports(shards);
  if (!result.ok) throw createIssuesError(result.errors);
  for (const warning of result.warnings) ctx.stderr.write(`sci-gate: warning: ${warning}\n`);
  const out = values.out ?? defaultReportFile;
  const content = serialiseReport(result.value);
  if (out === "-") {
    ctx.stdout.write(content);
    return 0;
  }
  await writeOutputFile(ctx.cwd, out, content);
  const scenarios = result.value.scenarios.length;
  ctx.stdout.write(`Merged ${shards.length} report${shards.length === 1 ? "" : "s"} (${scenarios} scenario${scenarios === 1 ? "" : "s"}) into ${out}\n`);
  return 0;
}
