import { exitCodes, findClosest } from "@sci-gate/core";
import { CliError } from "./cli-error.js";
import { runCalibrateCommand } from "./commands/calibrate-command.js";
import { runCheckCommand } from "./commands/check-command.js";
import { runCompareCommand } from "./commands/compare-command.js";
import { runInitCommand } from "./commands/init-command.js";
import { runMergeCommand } from "./commands/merge-command.js";
import { runRunCommand } from "./commands/run-command.js";
import { runSchemaCommand } from "./commands/schema-command.js";
import type { CliContext, Command } from "./context.js";
import { type CommandName, commandNames, renderCommandHelp, renderMainHelp } from "./help-text.js";
import { readToolVersion } from "./version.js";

const commands: Record<CommandName, Command> = {
  run: runRunCommand,
  compare: runCompareCommand,
  check: runCheckCommand,
  calibrate: runCalibrateCommand,
  merge: runMergeCommand,
  schema: runSchemaCommand,
  init: runInitCommand,
};

const isCommandName = (name: string): name is CommandName => (commandNames as readonly string[]).includes(name);

/** --help anywhere before a "--" asks for help, whatever else the line holds. */
function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf("--");
  return (end === -1 ? args : args.slice(0, end)).some((arg) => arg === "--help" || arg === "-h");
}

function writeError(ctx: CliContext, message: string, hint: string | null): void {
  const lines = message.split("\n").map((line) => `sci-gate: ${line}`);
  ctx.stderr.write(`${lines.join("\n")}\n${hint === null ? "" : `${hint}\n`}`);
}

async function dispatch(ctx: CliContext): Promise<number> {
  const [first, ...rest] = ctx.argv;
  if (first === "--version" || first === "-v") {
    ctx.stdout.write(`${readToolVersion()}\n`);
    return exitCodes.pass;
  }
  if (first === "--help" || first === "-h" || first === "help") {
    const topic = rest[0];
    ctx.stdout.write(topic !== undefined && isCommandName(topic) ? renderCommandHelp(topic) : renderMainHelp(readToolVersion()));
    return exitCodes.pass;
  }
  if (first === undefined) {
    ctx.stderr.write(renderMainHelp(readToolVersion()));
    return exitCodes.invalidInput;
  }
  if (!isCommandName(first)) {
    const closest = findClosest(first, commandNames, 1)[0];
    const what = first.startsWith("-") ? `unknown option ${first}` : `unknown command "${first}"`;
    writeError(ctx, `${what}${closest === undefined ? "" : ` (did you mean "${closest}"?)`}`, 'Run "sci-gate --help" for the commands.');
    return exitCodes.invalidInput;
  }
  if (asksForHelp(rest)) {
    ctx.stdout.write(renderCommandHelp(first));
    return exitCodes.pass;
  }
  return commands[first]({ ...ctx, argv: rest });
}

/**
 * The whole CLI as a function of its context: returns the exit code of the contract and never
 * throws. A CliError prints its message; anything else is a bug in sci-gate, reported in one
 * line without a stack (set SCI_GATE_DEBUG=1 to see it).
 */
export async function runCli(ctx: CliContext): Promise<number> {
  try {
    return await dispatch(ctx);
  } catch (error) {
    if (error instanceof CliError) {
      writeError(ctx, error.message, error.hint);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    writeError(ctx, `internal error: ${message} (please report it at https://github.com/sci-gate/sci-gate/issues)`, null);
    if (ctx.env.SCI_GATE_DEBUG === "1" && error instanceof Error && error.stack) ctx.stderr.write(`${error.stack}\n`);
    return exitCodes.invalidInput;
  }
}
