import { readdir, readFile } from "node:fs/promises";

/**
 * Pids of live processes whose environment holds `NAME=value` (read from /proc/<pid>/environ,
 * which keeps the environment a process started with). Zombies have an empty environ and are
 * not counted: they hold no resources but a table slot, and are their parent's to reap.
 */
export async function findProcessesWithEnv(name: string, value: string): Promise<number[]> {
  const needle = `${name}=${value}`;
  const found: number[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const environ = await readFile(`/proc/${entry}/environ`).catch(() => null);
    if (environ?.toString("utf8").split("\0").includes(needle)) found.push(Number(entry));
  }
  return found;
}

/**
 * The processes carrying `NAME=value`, scanned every 50 ms until `settled` holds for them or
 * `withinMs` passes: what is there when it returns is for the caller to judge.
 */
export async function waitForProcessesWithEnv(name: string, value: string, settled: (pids: number[]) => boolean, withinMs: number): Promise<number[]> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const found = await findProcessesWithEnv(name, value);
    if (settled(found) || Date.now() >= deadline) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The processes still carrying `NAME=value` once they have had up to `withinMs` to go: a killed
 * group is reaped in milliseconds on an idle machine, later on a loaded CI runner.
 */
export function survivorsWithEnv(name: string, value: string, withinMs = 5_000): Promise<number[]> {
  return waitForProcessesWithEnv(name, value, (pids) => pids.length === 0, withinMs);
}

/**
 * SIGKILL each pid that is still alive. A process found by a scan may exit before the kill
 * lands (a 30 ms scenario does), so ESRCH means done, not failure.
 */
export function killIfAlive(pids: readonly number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, "SIGKILL");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
    }
  }
}

/** The process's resident memory in kB, or null once it is gone. */
export async function readRssKb(pid: number): Promise<number | null> {
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => null);
  const match = status === null ? null : /^VmRSS:\s+(\d+) kB/m.exec(status);
  return match ? Number(match[1]) : null;
}
