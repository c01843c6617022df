import { parseArgs } from "node:util";
import type { Comparison, Config, Report } from "@sci-gate/core";
import { buildReproduceCommand, methodologyUrlFor, type ReproduceContext, renderComment, renderConsole } from "@sci-gate/report";
import type { OutputStream } from "./context.js";
import { readToolVersion } from "./version.js";

export const outputFormats = ["text", "markdown", "json"] as const;
export type OutputFormat = (typeof outputFormats)[number];

export const failOnLevels = ["fail", "warn", "never"] as const;
export type FailOn = (typeof failOnLevels)[number];

export interface ComparisonOutput {
  comparison: Comparison;
  format: OutputFormat;
  report: Report;
  /** The config whose rules decided; absent only when the comparison needed none. */
  config: Config | undefined;
  /** The command's own arguments ("compare", then argv), read for the "Reproduce" line when `reproduce` is absent. */
  commandArgs: readonly string[];
  /** What the "Reproduce" line is built from; by default read from `commandArgs` and the report. */
  reproduce?: ReproduceContext;
  /** SCI per unit of past reports by scenario, oldest first, for the trend chart. */
  history?: Readonly<Record<string, readonly { label: string; sciGPerUnit: number }[]>>;
}

/**
 * The reproduce context of `sci-gate compare REPORT | BASE HEAD [--config F]`: its report files
 * and config, and the base commit when one report holds both sides (then the line re-measures,
 * the same line the action posts for that pull request).
 */
export function readReproduceContext(commandArgs: readonly string[], report: Report): ReproduceContext {
  const { values, positionals } = parseArgs({
    args: commandArgs.slice(1),
    options: { config: { type: "string" }, format: { type: "string" }, "fail-on": { type: "string" }, history: { type: "string", multiple: true } },
    allowPositionals: true,
    strict: false,
  });
  const configPath = typeof values.config === "string" ? values.config : null;
  const [first, second] = positionals;
  if (first !== undefined && second !== undefined) return { reportPath: [first, second], configPath };
  return { ...(first === undefined ? {} : { reportPath: first }), configPath, baseSha: report.revisions.base?.sha ?? null };
}

/**
 * Prints a comparison: text for a terminal, markdown (the pull request comment), or the
 * Comparison object itself as JSON for other tools (its shape is the type in @sci-gate/core).
 */
export function writeComparison(stdout: OutputStream, output: ComparisonOutput): void {
  if (output.format === "json") {
    stdout.write(`${JSON.stringify(output.comparison, null, 2)}\n`);
    return;
  }
  const version = readToolVersion();
  const input = {
    comparison: output.comparison,
    report: output.report,
    ...(output.config ? { config: output.config } : {}),
    version,
    reproduceCommand: buildReproduceCommand(output.reproduce ?? readReproduceContext(output.commandArgs, output.report)),
    methodologyUrl: methodologyUrlFor(version),
    ...(output.history ? { history: output.history } : {}),
  };
  // Markdown is the pull request comment itself, marker included, byte for byte as the action posts it.
  const commentId = output.config?.comment?.id ?? "default";
  stdout.write(output.format === "markdown" ? renderComment({ ...input, commentId }) : renderConsole(input));
}
