/**
 * The benchmark command, minus process wiring: parse, run, report. Returns the exit code so
 * the entry file alone touches `process`.
 */

import { writeFileSync } from "node:fs";
import { formatUsage, parseCommand, UsageError } from "./options.js";
import { formatSummary, runBench, toSciGateOutput } from "./run-bench.js";

export interface CliIo {
  readonly writeStdout: (text: string) => void;
  readonly writeStderr: (text: string) => void;
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export function runCli(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, io: CliIo): number {
  let command: ReturnType<typeof parseCommand>;
  try {
    command = parseCommand(argv, env);
  } catch (error) {
    if (error instanceof UsageError) {
      io.writeStderr(`tiny-llm: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
  if (command.kind === "help") {
    io.writeStdout(`${formatUsage()}\n`);
    return EXIT_OK;
  }

  const result = runBench(command.settings);
  const outputPath = env["SCI_GATE_OUTPUT"];
  if (outputPath !== undefined && outputPath !== "") {
    try {
      writeFileSync(outputPath, `${JSON.stringify(toSciGateOutput(result))}\n`);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      io.writeStderr(`tiny-llm: cannot write SCI_GATE_OUTPUT file ${outputPath}: ${reason}\n`);
      return EXIT_FAILED;
    }
  }
  io.writeStdout(`${formatSummary(result)}\n`);
  return EXIT_OK;
}
