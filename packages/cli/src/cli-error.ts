import { exitCodes, formatIssue, type InputIssue } from "@sci-gate/core";

/**
 * A failure the user can act on, with the exit code of the contract it maps to. Commands throw
 * it; runCli prints its message (never a stack) and returns its code.
 */
export class CliError extends Error {
  readonly exitCode: number;
  /** Printed after the message, e.g. the command's usage for a usage error. */
  readonly hint: string | null;

  constructor(exitCode: number, message: string, hint: string | null = null) {
    super(message);
    this.name = "CliError";
    this.exitCode = exitCode;
    this.hint = hint;
  }
}

/** Invalid input or usage: exit 2. */
export function createInputError(message: string, hint: string | null = null): CliError {
  return new CliError(exitCodes.invalidInput, message, hint);
}

/** Located input problems (file:line path: message), one per line, as exit 2. */
export function createIssuesError(issues: readonly InputIssue[]): CliError {
  const shown = issues.slice(0, 20).map(formatIssue);
  if (issues.length > shown.length) shown.push(`… and ${issues.length - shown.length} more problems`);
  return createInputError(shown.join("\n"));
}
