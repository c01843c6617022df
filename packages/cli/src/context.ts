import type { prepareBaseWorktree, runSuite } from "@sci-gate/meter";

/** Where a command writes: process.stdout/stderr in the binary, a string collector in tests. */
export interface OutputStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

/** The meter's entry points; tests may replace them to drive the command's edges (abort, cleanup). */
export interface MeterPort {
  runSuite: typeof runSuite;
  prepareBaseWorktree: typeof prepareBaseWorktree;
}

/**
 * Everything a command reads from the outside world, injected so commands run in-process in
 * tests exactly as they run in the binary. `argv` holds the command's own arguments.
 */
export interface CliContext {
  argv: readonly string[];
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: OutputStream;
  stderr: OutputStream;
  stdin?: NodeJS.ReadableStream;
  signal: AbortSignal;
  meter?: Partial<MeterPort>;
}

export type Command = (ctx: CliContext) => Promise<number>;
