import { spawn } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "./action-harness.js";
import { readRssKb } from "./proc-scan.js";

export const cliBin = join(repoRoot, "packages", "cli", "dist", "bin.js");

/** The V8 heap every hardening run gets: an input that needs more crashes the process, and the test with it. */
export const heapLimitMb = 256;

export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Wall-clock milliseconds from spawn to exit. */
  elapsedMs: number;
  /** Highest resident memory of the process itself seen while polling (kB), when asked for. */
  peakRssKb: number | null;
  pid: number | null;
}

/**
 * What a test gives a child it starts: PATH and the run's own TMPDIR (test/support/global-tmpdir.ts,
 * so what the child leaves is removed with the run), nothing else of the developer's environment,
 * plus `extra`.
 */
export function childEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return { PATH: process.env.PATH, TMPDIR: process.env.TMPDIR, ...extra };
}

/** The CLI's environment in these tests (runCli's default): also HOME, and no nvidia-smi to find. */
export function cliEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return childEnv({ HOME: process.env.HOME, SCI_GATE_NVIDIA_SMI: "/nonexistent/nvidia-smi", ...extra });
}

export interface RunOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  /** Killed (SIGKILL) after this long; the result then has signal SIGKILL. */
  timeoutMs?: number;
  /** Bytes of each stream kept (the rest is counted, not stored). */
  keepBytes?: number;
  /** Poll the process's resident memory at this interval (ms). */
  sampleRssMs?: number;
}

/** Runs `node [--max-old-space-size] script args` and collects its output, bounded. */
export function runNode(script: string, args: readonly string[], options: RunOptions): Promise<ProcessResult> {
  const keep = options.keepBytes ?? 1024 * 1024;
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${heapLimitMb}`, script, ...args], {
      cwd: options.cwd,
      env: (options.env ?? childEnv({ HOME: process.env.HOME })) as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      if (stdout.length < keep) stdout += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      if (stderr.length < keep) stderr += chunk.toString("utf8");
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 60_000);
    let peakRssKb: number | null = null;
    const poll =
      options.sampleRssMs === undefined || child.pid === undefined
        ? null
        : setInterval(() => {
            void readRssKb(child.pid!).then((kb) => {
              if (kb !== null) peakRssKb = Math.max(peakRssKb ?? 0, kb);
            });
          }, options.sampleRssMs);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (poll) clearInterval(poll);
      resolve({ code, signal, stdout, stderr, elapsedMs: performance.now() - started, peakRssKb, pid: child.pid ?? null });
    });
  });
}

/** The `sci-gate` binary as users run it. */
export function runCli(args: readonly string[], options: RunOptions): Promise<ProcessResult> {
  return runNode(cliBin, args, {
    ...options,
    env: options.env ?? cliEnv(),
  });
}

/** Maps `items` through `task` with at most `limit` running at once, keeping the order. */
export async function mapPool<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** A V8 stack frame line, as a crash or an unhandled error prints it. */
export const stackTracePattern = /^\s+at .+\(?.*:\d+:\d+\)?$/m;
