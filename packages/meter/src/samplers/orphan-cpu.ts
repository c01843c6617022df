import { createMarkedProcessScanner } from "./marked-processes.js";
import { CLK_TCK } from "./proc-stat.js";
import { type PidStat, readPidStatSync } from "./process-tree.js";

/**
 * CPU time of a run's marked processes that left the meter's process tree: double-forked
 * daemons (`setsid`, `nohup … &` under a shell that exits) and children whose parent exited
 * without waiting. Those are reparented to init (or a subreaper outside the tree) and reaped
 * there, so neither the reaped-children time of the meter nor the tree walk ever counts them.
 */
export interface OrphanCpuSampler {
  /**
   * Scans the marked processes once, records the CPU of those outside the tree and returns every
   * live marked pid (the stragglers to stop at the end of a run). `treePids`: the tree walk's
   * latest live pids, so a marked process under an unmarked one in the tree (`env -i …`) still
   * counts as inside it.
   */
  sample(treePids?: ReadonlySet<number>): readonly number[];
  /** Highest utime+stime (ticks) per orphaned process, keyed "pid:starttime" like the tree sampler's. */
  orphanTicks(): ReadonlyMap<string, number>;
  /** Sum of orphanTicks in seconds. */
  orphanCpuS(): number;
}

/**
 * `meterPid` is the parent of the scenario's shell: a marked process whose chain of marked
 * parents ends there is inside the tree (its time reaches the meter's cutime when it is reaped);
 * a chain that ends anywhere else (pid 1, a subreaper, a gone parent) is orphaned. Once seen
 * orphaned, a process stays counted here: nothing can wait for it inside the tree any more.
 * An orphan's own waited-for children are counted while they are seen, not through its cutime,
 * which would count them twice; what they did after the last sample is lost (a lower bound).
 */
export function createOrphanCpuSampler(procRoot: string, marker: string, meterPid: number, options: { readonly skipExisting?: boolean } = {}): OrphanCpuSampler {
  const scanner = createMarkedProcessScanner(procRoot, marker, options);
  const orphans = new Map<string, number>();
  return {
    sample(treePids) {
      const scan = scanner.scan();
      if (!scan.available) return [];
      const stats = new Map<number, PidStat>();
      for (const pid of scan.pids) {
        const stat = readPidStatSync(procRoot, pid);
        if (stat !== null) stats.set(pid, stat);
      }
      for (const [pid, stat] of stats) {
        let top = stat;
        // Up the chain of marked parents; the bound guards against a pid loop in a corrupt listing.
        for (let hops = 0; hops < stats.size; hops++) {
          const parent = stats.get(top.ppid);
          if (parent === undefined) break;
          top = parent;
        }
        const key = `${pid}:${stat.startTimeTicks}`;
        const inTree = top.ppid === meterPid || treePids?.has(top.ppid) === true || treePids?.has(top.pid) === true;
        if (inTree && !orphans.has(key)) continue;
        orphans.set(key, Math.max(orphans.get(key) ?? 0, stat.utimeTicks + stat.stimeTicks));
      }
      return scan.pids.filter((pid) => pid !== process.pid);
    },
    orphanTicks: () => orphans,
    orphanCpuS() {
      let ticks = 0;
      for (const value of orphans.values()) ticks += value;
      return ticks / CLK_TCK;
    },
  };
}
