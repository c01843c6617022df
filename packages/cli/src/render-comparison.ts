import type { Comparison, Config, Report } from "@sci-gate/core";
import { methodologyUrlFor, renderComment, renderConsole } from "@sci-gate/report";
import type { OutputStream } from "./context.js";
import { formatCommandLine } from "./shell-quote.js";
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
  /** The command's own arguments, for the "reproduce" line. */
  commandArgs: readonly string[];
  /** SCI per unit of past reports by scenario, oldest first, for the trend chart. */
  history?: Readonly<Record<string, readonly { label: string; sciGPerUnit: number }[]>>;
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
    reproduceCommand: `npx sci-gate ${formatCommandLine(output.commandArgs)}`,
    methodologyUrl: methodologyUrlFor(version),
    ...(output.history ? { history: output.history } : {}),
  };
  // Markdown is the pull request comment itself, marker included, exactly as the action posts it.
  const commentId = output.config?.comment?.id ?? "default";
  stdout.write(output.format === "markdown" ? `${renderComment({ ...input, commentId })}\n` : renderConsole(input));
}
