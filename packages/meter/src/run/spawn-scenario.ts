import { spawn } from "node:child_process";
import { trackProcesses, trackProcessGroup } from "./live-processes.js";

export interface SpawnOptions {
  command: string;
  cwd: string;
  env: Record<string, string | undefined>;
  timeoutS: number;
  /** Called once the child exists, so samplers can follow its process tree. */
  onStart?: (pid: number) => void;
  /** Aborting (Ctrl-C, SIGTERM of the meter) stops the whole process tree. */
  signal?: AbortSignal;
  /** Bytes of stdout kept for unit extraction; older output is dropped. */
  keepStdoutBytes?: number;
  /** Seconds between SIGTERM and SIGKILL when stopping the tree. */
  killGraceS?: number;
  /** Extra pids to stop with the tree (e.g. double-forked daemons found by their marker). */
  findStragglers?: () => Promise<number[]>;
}

export interface SpawnResult {
  pid: number | null;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  aborted: boolean;
  durationS: number;
  stdoutTail: string;
  stderrTail: string;
  /** Bytes the suite wrote to stdout in all, including what was dropped from the tail. */
  stdoutBytes: number;
  spawnError: string | null;
}

/** Keeps the last `limit` bytes of a stream without holding all of it (a suite may print 100 MB). */
class TailBuffer {
  private chunks: Buffer[] = [];
  private size = 0;
  total = 0;
  constructor(private readonly limit: number) {}
  push(chunk: Buffer): void {
    this.total += chunk.length;
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size - (this.chunks[0]?.length ?? 0) >= this.limit && this.chunks.length > 1) {
      this.size -= this.chunks.shift()!.length;
    }
  }
  text(): string {
    const all = Buffer.concat(this.chunks);
    return all.subarray(Math.max(0, all.length - this.limit)).toString("utf8");
  }
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    // Negative pid: the whole process group the suite leads (it was spawned detached).
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
}

function killPids(pids: readonly number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
}

/**
 * Runs a scenario command through the shell in its own process group, with a timeout, and
 * stops everything it started (group, then marked stragglers) when it ends, times out or the
 * meter is aborted.
 */
export function spawnScenario(options: SpawnOptions): Promise<SpawnResult> {
  const keep = options.keepStdoutBytes ?? 1024 * 1024;
  const graceMs = (options.killGraceS ?? 2) * 1000;
  const stdout = new TailBuffer(keep);
  const stderr = new TailBuffer(64 * 1024);
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    let timedOut = false;
    let aborted = false;
    let settled = false;
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn("/bin/sh", ["-c", options.command], {
        cwd: options.cwd,
        env: options.env as NodeJS.ProcessEnv,
        detached: true,
        stdio: ["ignore", "pipe", "pipe"],
      });
    } catch (error) {
      resolve({
        pid: null,
        exitCode: null,
        signal: null,
        timedOut: false,
        aborted: false,
        durationS: 0,
        stdoutTail: "",
        stderrTail: "",
        stdoutBytes: 0,
        spawnError: error instanceof Error ? error.message : String(error),
      });
      return;
    }
    const pid = child.pid ?? null;
    // Until the group is killed at the end, a hurried exit of the meter (killLiveProcessesNow) knows it.
    const untrackGroup = pid === null ? () => {} : trackProcessGroup(pid);
    const untrackStragglers: Array<() => void> = [];
    let cleanedUp = false;
    const findStragglers = async () => {
      const found = (await options.findStragglers?.().catch(() => [])) ?? [];
      if (!cleanedUp) untrackStragglers.push(trackProcesses(found));
      return found;
    };
    if (pid !== null) options.onStart?.(pid);
    child.stdout?.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk));

    const stopTree = async () => {
      if (pid === null) return;
      const stragglers = await findStragglers();
      killGroup(pid, "SIGTERM");
      killPids(stragglers, "SIGTERM");
      setTimeout(async () => {
        const late = await findStragglers();
        killGroup(pid, "SIGKILL");
        killPids([...stragglers, ...late], "SIGKILL");
      }, graceMs).unref();
    };

    const timer = setTimeout(() => {
      timedOut = true;
      void stopTree();
    }, options.timeoutS * 1000);
    const onAbort = () => {
      aborted = true;
      void stopTree();
    };
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener("abort", onAbort, { once: true });

    const finish = (exitCode: number | null, signal: NodeJS.Signals | null, spawnError: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      const durationS = Number(process.hrtime.bigint() - started) / 1e9;
      // The shell is gone; anything it left behind in its group, or marked daemons, go too.
      // A daemon may still hold the stdout pipe, so wait for the streams only briefly.
      const cleanup = async () => {
        if (pid !== null) {
          const stragglers = await findStragglers();
          killGroup(pid, "SIGKILL");
          killPids(stragglers, "SIGKILL");
          cleanedUp = true;
          untrackGroup();
          for (const untrack of untrackStragglers.splice(0)) untrack();
        }
        await Promise.race([closed, new Promise((r) => setTimeout(r, 1000).unref())]);
        child.stdout?.destroy();
        child.stderr?.destroy();
      };
      void cleanup().then(() =>
        resolve({
          pid,
          exitCode,
          signal,
          timedOut,
          aborted,
          durationS,
          stdoutTail: stdout.text(),
          stderrTail: stderr.text(),
          stdoutBytes: stdout.total,
          spawnError,
        }),
      );
    };
    const closed = new Promise<void>((r) => child.on("close", () => r()));
    child.on("error", (error) => finish(null, null, error.message));
    child.on("exit", (code, signal) => finish(code, signal, null));
  });
}
