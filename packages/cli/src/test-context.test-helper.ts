import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Report } from "@sci-gate/core";
import { afterEach } from "vitest";
import { runCli } from "./cli.js";
import type { CliContext, MeterPort } from "./context.js";

export interface InProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface InProcessOptions {
  env?: Record<string, string | undefined>;
  isTTY?: boolean;
  signal?: AbortSignal;
  meter?: Partial<MeterPort>;
}

/** Runs the CLI in this process with collected output, exactly as bin.ts runs it. */
export async function runInProcess(argv: readonly string[], cwd: string, options: InProcessOptions = {}): Promise<InProcessResult> {
  let stdout = "";
  let stderr = "";
  const ctx: CliContext = {
    argv,
    cwd,
    env: options.env ?? { PATH: process.env.PATH, TMPDIR: process.env.TMPDIR },
    stdout: { write: (chunk: string) => (stdout += chunk), isTTY: false },
    stderr: { write: (chunk: string) => (stderr += chunk), isTTY: options.isTTY ?? false },
    signal: options.signal ?? new AbortController().signal,
    ...(options.meter ? { meter: options.meter } : {}),
  };
  const code = await runCli(ctx);
  return { code, stdout, stderr };
}

/** A fresh temporary directory per test, removed after it. */
export function useTempDir(): () => Promise<string> {
  const made: string[] = [];
  afterEach(async () => {
    await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });
  return async () => {
    const dir = await mkdtemp(join(tmpdir(), "sci-gate-cli-"));
    made.push(dir);
    return dir;
  };
}

export async function writeReport(dir: string, name: string, report: Report): Promise<string> {
  await writeFile(join(dir, name), `${JSON.stringify(report, null, 2)}\n`);
  return name;
}

/** Deterministic noise in ±amplitude around 1, so tests see realistic spread without randomness. */
export function wobble(index: number, amplitude: number): number {
  return 1 + amplitude * Math.sin(index * 2.3 + 0.7);
}
