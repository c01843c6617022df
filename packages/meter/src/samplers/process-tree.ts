import { readdirSync } from "node:fs";
import { join } from "node:path";
import { CLK_TCK } from "./proc-stat.js";
import { readTextSync, type Unavailable } from "./read-text.js";

/** The fields of /proc/<pid>/stat that the meter uses (proc(5) numbering in comments). */
export interface PidStat {
  /** (1) */
  readonly pid: number;
  /** (2) without the parentheses; may itself contain spaces and parentheses. */
  readonly comm: string;
  /** (3) R, S, D, Z … */
  readonly state: string;
  /** (4) */
  readonly ppid: number;
  /** (14) user time of this process, all threads, in ticks of 1/CLK_TCK s. */
  readonly utimeTicks: number;
  /** (15) */
  readonly stimeTicks: number;
  /** (16) user time of children this process has waited for. */
  readonly cutimeTicks: number;
  /** (17) */
  readonly cstimeTicks: number;
  /** (22) start time since boot: with the pid, identifies one process even when pids are reused. */
  readonly startTimeTicks: number;
}

/**
 * Parse one /proc/<pid>/stat line. `comm` is cut at the LAST ')' because a process may name
 * itself anything — `(tmux: server)`, `(a) (b)` — and a split on spaces would shift every field.
 */
export function parsePidStat(text: string): PidStat | null {
  const open = text.indexOf("(");
  const close = text.lastIndexOf(")");
  if (open < 0 || close < open) return null;
  const pid = Number(text.slice(0, open).trim());
  // rest[0] is field 3, so field n is rest[n - 3].
  const rest = text
    .slice(close + 1)
    .trim()
    .split(/\s+/);
  const field = (n: number): number => Number(rest[n - 3]);
  const numbers = [pid, field(4), field(14), field(15), field(16), field(17), field(22)];
  if (numbers.some((n) => !Number.isSafeInteger(n)) || rest[0] === undefined) return null;
  return {
    pid,
    comm: text.slice(open + 1, close),
    state: rest[0],
    ppid: field(4),
    utimeTicks: field(14),
    stimeTicks: field(15),
    cutimeTicks: field(16),
    cstimeTicks: field(17),
    startTimeTicks: field(22),
  };
}

/** Read and parse `<procRoot>/<pid>/stat`; null when the process is gone or the line is unreadable. */
export async function readPidStat(procRoot: string, pid: number | "self"): Promise<PidStat | null> {
  return readPidStatSync(procRoot, pid);
}

/** readPidStat without the promise: what the samplers call (see readTextSync for why synchronous). */
export function readPidStatSync(procRoot: string, pid: number | "self"): PidStat | null {
  const read = readTextSync(join(procRoot, String(pid), "stat"));
  return read.ok ? parsePidStat(read.text) : null;
}

/** How descendants were found: the kernel's children lists, or a scan of every /proc/<pid>/stat. */
export type TreeWalkMethod = "children" | "ppid-scan";

export interface TreeListing {
  /** The root (if still alive) and every live descendant, parents before children. */
  readonly pids: readonly number[];
  readonly method: TreeWalkMethod;
}

function parsePidList(text: string): number[] {
  return text
    .trim()
    .split(/\s+/)
    .filter((word) => /^\d+$/.test(word))
    .map(Number);
}

type ChildrenLookup = { readonly supported: true; readonly children: number[] } | { readonly supported: false };

/**
 * Children of every thread of `pid` (a child belongs to the thread that forked it, so reading
 * only the main thread's list would miss children of worker threads).
 */
function readChildren(procRoot: string, pid: number): ChildrenLookup {
  let tids: string[];
  try {
    tids = readdirSync(join(procRoot, String(pid), "task"));
  } catch {
    return { supported: true, children: [] }; // the process exited: it has no children to list
  }
  const children: number[] = [];
  let sawFile = false;
  for (const tid of tids) {
    const read = readTextSync(join(procRoot, String(pid), "task", tid, "children"));
    if (read.ok) {
      sawFile = true;
      children.push(...parsePidList(read.text));
    } else if (read.code !== "ENOENT") {
      sawFile = true; // the file exists (thread exited, or no permission): not a missing kernel feature
    }
  }
  // A live process whose threads have no children file at all: kernel built without CONFIG_PROC_CHILDREN.
  return sawFile || tids.length === 0 ? { supported: true, children } : { supported: false };
}

function listNumericEntries(procRoot: string): number[] {
  try {
    return readdirSync(procRoot).filter((name) => /^\d+$/.test(name)).map(Number);
  } catch {
    return [];
  }
}

/** Fallback: build the parent→children map from every process's stat line (one read per process). */
function listTreeByPpidScan(procRoot: string, rootPid: number): number[] {
  const byParent = new Map<number, number[]>();
  let rootAlive = false;
  for (const pid of listNumericEntries(procRoot)) {
    const stat = readPidStatSync(procRoot, pid);
    if (stat === null) continue;
    if (pid === rootPid) rootAlive = true;
    const siblings = byParent.get(stat.ppid) ?? [];
    siblings.push(pid);
    byParent.set(stat.ppid, siblings);
  }
  if (!rootAlive) return [];
  const pids: number[] = [];
  const queue = [rootPid];
  const seen = new Set<number>();
  for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    if (seen.has(pid)) continue;
    seen.add(pid);
    pids.push(pid);
    queue.push(...(byParent.get(pid) ?? []));
  }
  return pids;
}

function walkChildren(procRoot: string, rootPid: number): number[] | null {
  const pids: number[] = [];
  const seen = new Set<number>();
  const queue = [rootPid];
  for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    if (seen.has(pid)) continue;
    seen.add(pid);
    const lookup = readChildren(procRoot, pid);
    if (!lookup.supported) return null;
    pids.push(pid);
    queue.push(...lookup.children);
  }
  return pids;
}

/**
 * The live process tree under `rootPid`, root first. Walks `/proc/<pid>/task/<tid>/children`,
 * which costs one read per thread of the tree and nothing for the rest of the machine. Kernels
 * built without CONFIG_PROC_CHILDREN (some VMs) lack those files; then, and only then, it scans
 * every /proc/<pid>/stat for parent links — a read per process on the machine, so sample
 * slower there. The run loop also uses this to signal the whole tree on timeout or SIGTERM.
 */
export async function listProcessTree(procRoot: string, rootPid: number): Promise<TreeListing> {
  return listProcessTreeSync(procRoot, rootPid);
}

/** listProcessTree without the promise, for the sampling loop. */
export function listProcessTreeSync(procRoot: string, rootPid: number): TreeListing {
  if (readPidStatSync(procRoot, rootPid) === null) return { pids: [], method: "children" };
  const walked = walkChildren(procRoot, rootPid);
  if (walked !== null) return { pids: walked, method: "children" };
  return { pids: listTreeByPpidScan(procRoot, rootPid), method: "ppid-scan" };
}

/** Pids of the live tree under `rootPid`, root first (see listProcessTree). */
export async function listTree(procRoot: string, rootPid: number): Promise<number[]> {
  return [...(await listProcessTree(procRoot, rootPid)).pids];
}

export interface ProcessTreeSample {
  /** Pids alive in this sample, root first. */
  readonly pids: readonly number[];
  /** CPU time (user + system) of every process ever seen in the tree, each at its highest reading. */
  readonly cpuS: number;
  /** The part of `cpuS` belonging to processes alive in this sample. */
  readonly liveCpuS: number;
  /** Distinct processes seen so far (a reused pid counts again). */
  readonly processesSeen: number;
  readonly method: TreeWalkMethod;
}

export interface ProcessTreeSampler {
  /** Walk the tree and read each process's CPU time; never throws. */
  sample(): Promise<ProcessTreeSample>;
  /** The same walk, without the promise (the run loop's form). */
  sampleSync(): ProcessTreeSample;
  /** Highest utime+stime (ticks) seen per process, keyed "pid:starttime", so other views can be merged without counting a process twice. */
  ticksByProcess(): ReadonlyMap<string, number>;
}

/**
 * CPU time of a process tree across samples. A process's utime+stime vanishes from /proc when
 * it exits, so the sampler keeps the highest value seen per process: what a short-lived child
 * did up to the last sample is kept, what it did after is lost. That loss is why, once the
 * scenario has been reaped, `readReapedChildrenCpuS` on self is the complete figure for every
 * descendant that was waited for; this sampler's `cpuS` is the live view and a lower bound,
 * and the only one that sees double-forked daemons (combine it with findMarkedProcesses).
 */
export function createProcessTreeSampler(procRoot: string, rootPid: number): ProcessTreeSampler {
  // key "pid:starttime" → highest utime+stime seen, in ticks
  const maxTicks = new Map<string, number>();
  const sampleSync = (): ProcessTreeSample => {
      const listing = listProcessTreeSync(procRoot, rootPid);
      const alive: number[] = [];
      let liveTicks = 0;
      for (const pid of listing.pids) {
        const stat = readPidStatSync(procRoot, pid);
        if (stat === null) continue; // exited between the walk and the read
        alive.push(pid);
        const key = `${pid}:${stat.startTimeTicks}`;
        const ticks = Math.max(stat.utimeTicks + stat.stimeTicks, maxTicks.get(key) ?? 0);
        maxTicks.set(key, ticks);
        liveTicks += ticks;
      }
      let totalTicks = 0;
      for (const ticks of maxTicks.values()) totalTicks += ticks;
      return {
        pids: alive,
        cpuS: totalTicks / CLK_TCK,
        liveCpuS: liveTicks / CLK_TCK,
        processesSeen: maxTicks.size,
        method: listing.method,
      };
  };
  return {
    sample: async () => sampleSync(),
    sampleSync,
    ticksByProcess: () => maxTicks,
  };
}

/**
 * CPU time (cutime + cstime) of the children that `pid` has waited for, and of their waited-for
 * descendants, from `/proc/<pid>/stat`. Read on 'self' before and after a scenario, the
 * difference covers the whole reaped tree, including processes too short-lived for any sample.
 * It misses processes that were orphaned (double-forked daemons are reparented to init and
 * reaped there), hence the marker search.
 */
export async function readReapedChildrenCpuS(
  procRoot = "/proc",
  pid: number | "self" = "self",
): Promise<{ readonly available: true; readonly cpuS: number } | Unavailable> {
  return readReapedChildrenCpuSSync(procRoot, pid);
}

/** readReapedChildrenCpuS without the promise. */
export function readReapedChildrenCpuSSync(
  procRoot = "/proc",
  pid: number | "self" = "self",
): { readonly available: true; readonly cpuS: number } | Unavailable {
  const path = join(procRoot, String(pid), "stat");
  const read = readTextSync(path);
  if (!read.ok) return { available: false, reason: read.reason };
  const stat = parsePidStat(read.text);
  if (stat === null) return { available: false, reason: `${path} is not in the /proc/<pid>/stat format` };
  return { available: true, cpuS: (stat.cutimeTicks + stat.cstimeTicks) / CLK_TCK };
}
