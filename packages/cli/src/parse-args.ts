import { findClosest } from "@sci-gate/core";
import { type ParseArgsConfig, parseArgs } from "node:util";
import { createInputError } from "./cli-error.js";
import { type CommandName, describeUsage } from "./help-text.js";

type OptionsConfig = NonNullable<ParseArgsConfig["options"]>;
/** What parseArgs returns for a command's options, named so declarations can be emitted. */
export type ParsedCommandArgs<O extends OptionsConfig> = ReturnType<typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: true }>>;

/** Node's parse errors speak of "arguments" and "positionals"; say what the user typed instead. */
function describeParseError(error: unknown, options: OptionsConfig): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? "";
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const flag = quoted.split("=")[0] ?? quoted;
    const names = Object.keys(options).map((name) => `--${name}`);
    const closest = findClosest(flag, names, 1)[0];
    return `unknown option ${flag}${closest === undefined ? "" : ` (did you mean ${closest}?)`}`;
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    const flag = quoted.split(" ")[0] ?? quoted;
    return /argument missing/.test(message) ? `option ${flag} expects a value` : `option ${flag} takes no value`;
  }
  return message;
}

/** node:util parseArgs, strict, with errors turned into exit-2 usage messages. */
export function parseCommandArgs<const O extends OptionsConfig>(command: CommandName, argv: readonly string[], options: O): ParsedCommandArgs<O> {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: true });
  } catch (error) {
    throw createInputError(describeParseError(error, options), describeUsage(command));
  }
}

/** A whole number option within bounds, or a usage error naming the flag. */
export function parseIntegerOption(command: CommandName, flag: string, value: string, min: number, max: number): number {
  const number = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < min || number > max) {
    throw createInputError(`${flag} expects a whole number from ${min} to ${max}, got "${value}"`, describeUsage(command));
  }
  return number;
}

/** One of a fixed set of words, or a usage error listing them. */
export function parseChoiceOption<const T extends string>(command: CommandName, flag: string, value: string | undefined, choices: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw createInputError(`${flag} expects one of ${choices.join(", ")}, got "${value}"`, describeUsage(command));
}

/** Refuses positionals beyond what the command takes, naming the first extra one. */
export function expectPositionals(command: CommandName, positionals: readonly string[], min: number, max: number, what: string): void {
  if (positionals.length < min) throw createInputError(`expected ${what}`, describeUsage(command));
  if (positionals.length > max) throw createInputError(`unexpected argument "${positionals[max]}"; expected ${what}`, describeUsage(command));
}
