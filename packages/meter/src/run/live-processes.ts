import { findMarkedProcessesSync } from "../samplers/marked-processes.js";

/**
 * What the meter has running right now: the process group of each scenario (spawned detached,
 * so it leads its own group), single processes it must stop with them (marked stragglers found
 * on the way, helpers such as nvidia-smi), and the markers of the runs in progress. An exit that
 * cannot wait for the usual SIGTERM → grace → SIGKILL sequence (a second Ctrl-C, an uncaught
 * error) calls killLiveProcessesNow, so nothing the suite started outlives the CLI.
 */
const groups = new Set<number>();
const processes = new Map<number, number>();
const markers = new Map<string, { procRoot: string; marker: string; count: number }>();

function release<K>(map: Map<K, number>, key: K): void {
  const count = (map.get(key) ?? 0) - 1;
  if (count > 0) map.set(key, count);
  else map.delete(key);
}

/** Tracks a scenario's process group until the returned function is called. */
export function trackProcessGroup(leaderPid: number): () => void {
  groups.add(leaderPid);
  return () => {
    groups.delete(leaderPid);
  };
}

/** Tracks single processes (stragglers, helpers) until the returned function is called. */
export function trackProcesses(pids: readonly number[]): () => void {
  for (const pid of pids) processes.set(pid, (processes.get(pid) ?? 0) + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    for (const pid of pids) release(processes, pid);
  };
}

/** Tracks a run's environment marker, so its double-forked daemons can be found on a hurried exit. */
export function trackRunMarker(procRoot: string, marker: string): () => void {
  const key = `${procRoot}\0${marker}`;
  const entry = markers.get(key);
  if (entry) entry.count++;
  else markers.set(key, { procRoot, marker, count: 1 });
  return () => {
    const current = markers.get(key);
    if (!current) return;
    current.count--;
    if (current.count <= 0) markers.delete(key);
  };
}

/** How many groups, processes and markers are tracked (for tests and diagnostics). */
export function countLiveProcesses(): { groups: number; processes: number; markers: number } {
  return { groups: groups.size, processes: processes.size, markers: markers.size };
}

function kill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * SIGKILLs, synchronously, every tracked group and process and every process carrying a tracked
 * run marker (a synchronous /proc scan). Safe to call from a signal handler or an 'exit'
 * listener, where nothing asynchronous runs any more. Returns how many targets were signalled.
 */
export function killLiveProcessesNow(): number {
  let signalled = 0;
  for (const leader of groups) {
    // Negative pid: the whole group the scenario leads.
    kill(-leader, "SIGKILL");
    signalled++;
  }
  const stragglers = new Set(processes.keys());
  for (const { procRoot, marker } of markers.values()) {
    for (const pid of findMarkedProcessesSync(procRoot, marker)) stragglers.add(pid);
  }
  stragglers.delete(process.pid);
  for (const pid of stragglers) {
    kill(pid, "SIGKILL");
    signalled++;
  }
  groups.clear();
  processes.clear();
  markers.clear();
  return signalled;
}
