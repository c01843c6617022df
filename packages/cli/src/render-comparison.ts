import type { Comparison, Config, Report } from "@sci-gate/core";
import { renderConsole, renderSummary } from "@sci-gate/report";
import type { OutputStream } from "./context.js";
import { formatCommandLine } from "./shell-quote.js";
import { readToolVersion } from "./version.js";

export const outputFormats = ["text", "markdown", "json"] as const;
export type OutputFormat = (typeof outputFormats)[number];

export const failOnLevels = ["fail", "warn", "never"] as const;
export type FailOn = (typeof failOnLevels)[number];

/** Where a reader finds every constant and its source; pinned to the release that computed the figures. */
export function describeMethodologyUrl(version: string): string {
  return `https://github.com/sci-gate/sci-gate/blob/v${version}/docs/METHODOLOGY.md`;
}

export interface ComparisonOutput {
  comparison: Comparison;
  format: OutputFormat;
  report: Report;
  /** The config whose rules decided; absent only when the comparison needed none. */
  config: Config | undefined;
  /** The command's own arguments, for the "reproduce" line. */
  commandArgs: readonly string[];
}

/**
 * Prints a comparison: text for a terminal, markdown for a job summary or a wiki page, or the
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
    methodologyUrl: describeMethodologyUrl(version),
  };
  stdout.write(output.format === "markdown" ? `${renderSummary(input)}\n` : renderConsole(input));
}
