import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { readText, type Unavailable } from "./read-text.js";

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
