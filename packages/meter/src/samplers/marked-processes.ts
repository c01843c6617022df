import { readdirSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { readBytesSync, readText, type Unavailable } from "./read-text.js";

/** The environment variable the run loop sets on each scenario so its processes can be found. */
export const RUN_MARKER_ENV = "SCI_GATE_RUN_ID";

/** The exact environ entry that marks a run's processes: `SCI_GATE_RUN_ID=<runId>`. */
export function formatRunMarker(runId: string): string {
  return `${RUN_MARKER_ENV}=${runId}`;
}

export interface MarkedProcesses {
  readonly available: true;
  readonly pids: readonly number[];
  /** Processes whose environ could not be read (other users', or exited mid-scan): not searched. */
  readonly unreadable: number;
}

/**
 * Processes whose initial environment contains `marker` exactly (one NUL-separated entry of
 * `/proc/<pid>/environ`), which finds daemons that double-forked out of the tree. This reads the
 * environ of EVERY process on the machine, so call it rarely: at the start and end of a run, or
 * at most about once a second — not at the sampling rate. environ is the environment at exec
 * time; a later setenv in the process does not show, which is what makes inheritance reliable.
 */
export async function findMarkedProcesses(procRoot: string, marker: string): Promise<MarkedProcesses | Unavailable> {
  let names: string[];
  try {
    names = await readdir(procRoot);
  } catch {
    return { available: false, reason: `${procRoot} cannot be listed (not Linux, or /proc not mounted)` };
  }
  const pids: number[] = [];
  let unreadable = 0;
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    const read = await readText(join(procRoot, name, "environ"));
    if (!read.ok) {
      unreadable++;
      continue;
    }
    if (read.text.split("\0").includes(marker)) pids.push(Number(name));
  }
  return { available: true, pids: pids.sort((a, b) => a - b), unreadable };
}

/** True when `environ` (NUL-separated entries) holds `marker` as one whole entry. */
export function environHasEntry(environ: Buffer, marker: Buffer): boolean {
  for (let at = environ.indexOf(marker); at !== -1; at = environ.indexOf(marker, at + 1)) {
    const end = at + marker.length;
    if ((at === 0 || environ[at - 1] === 0) && (end === environ.length || environ[end] === 0)) return true;
  }
  return false;
}

/**
 * The marked processes of a run, synchronously, reading each environ once: the run loop calls
 * this once a second (and at the end, to find stragglers). A full scan reads the environ of
 * every process on the machine (~15 µs each, ~1.5 ms for 100 processes, far more on a busy
 * host); here a pid is looked at once, and the pids alive before the run started are skipped
 * without a read, since they cannot carry a marker made for this run. A pid reused within the
 * run by an unmarked process keeps its first verdict: pids are reused only after the whole pid
 * space wraps, not within seconds.
 */
export interface MarkedProcessScanner {
  /** Live marked pids, ascending; unavailable when `procRoot` cannot be listed. */
  scan(): { readonly available: true; readonly pids: readonly number[] } | Unavailable;
}

export function createMarkedProcessScanner(procRoot: string, marker: string, options: { readonly skipExisting?: boolean } = {}): MarkedProcessScanner {
  const needle = Buffer.from(marker, "utf8");
  /** pid → carries the marker. */
  const verdicts = new Map<number, boolean>();
  const listPids = (): number[] | null => {
    let names: string[];
    try {
      names = readdirSync(procRoot);
    } catch {
      return null;
    }
    const pids: number[] = [];
    for (const name of names) {
      const first = name.charCodeAt(0);
      if (first >= 48 && first <= 57 && /^\d+$/.test(name)) pids.push(Number(name));
    }
    return pids;
  };
  if (options.skipExisting) for (const pid of listPids() ?? []) verdicts.set(pid, false);
  return {
    scan() {
      const pids = listPids();
      if (pids === null) return { available: false, reason: `${procRoot} cannot be listed (not Linux, or /proc not mounted)` };
      const marked: number[] = [];
      const alive = new Set<number>();
      for (const pid of pids) {
        alive.add(pid);
        let verdict = verdicts.get(pid);
        if (verdict === undefined) {
          const read = readBytesSync(join(procRoot, String(pid), "environ"));
          verdict = read.ok && environHasEntry(read.bytes, needle);
          verdicts.set(pid, verdict);
        }
        if (verdict) marked.push(pid);
      }
      // Forget the dead, so the map stays the size of the machine's process table.
      for (const pid of verdicts.keys()) if (!alive.has(pid)) verdicts.delete(pid);
      return { available: true, pids: marked.sort((a, b) => a - b) };
    },
  };
}

/**
 * findMarkedProcesses without the promise or the cache, for an exit path that cannot wait
 * (a second Ctrl-C): every environ is read.
 */
export function findMarkedProcessesSync(procRoot: string, marker: string): number[] {
  const scan = createMarkedProcessScanner(procRoot, marker).scan();
  return scan.available ? [...scan.pids] : [];
}
