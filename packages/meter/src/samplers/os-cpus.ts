import { cpus } from "node:os";

/** The part of os.cpus() the meter reads: per-CPU times in milliseconds since boot. */
export interface OsCpuTimes {
  readonly times: { readonly user: number; readonly nice: number; readonly sys: number; readonly idle: number; readonly irq: number };
}

/** Machine-wide busy and total time from os.cpus(), in ms summed over CPUs. */
export interface OsCpuReading {
  readonly totalMs: number;
  readonly idleMs: number;
  readonly vcpuCount: number;
}

/**
 * Sum os.cpus() times over the CPUs. libuv reads them from /proc/stat on Linux, from
 * host_processor_info on macOS and from NtQuerySystemInformation on Windows, so this works
 * where the meter cannot read /proc itself; it has no iowait field (on Linux libuv leaves it out
 * of every field), so a CPU waiting on I/O counts as idle, as in the /proc/stat path.
 * Null when the platform lists no CPU (some containers and Android builds).
 */
export function sumOsCpuTimes(list: readonly OsCpuTimes[]): OsCpuReading | null {
  if (list.length === 0) return null;
  let totalMs = 0;
  let idleMs = 0;
  for (const { times } of list) {
    totalMs += times.user + times.nice + times.sys + times.idle + times.irq;
    idleMs += times.idle;
  }
  return Number.isFinite(totalMs) && Number.isFinite(idleMs) ? { totalMs, idleMs, vcpuCount: list.length } : null;
}

/** Busy fraction between two readings, in [0, 1]; null when no time elapsed (or a CPU went offline). */
export function computeOsCpuUtilisation(prev: OsCpuReading, next: OsCpuReading): number | null {
  const totalDelta = next.totalMs - prev.totalMs;
  if (!(totalDelta > 0) || next.vcpuCount !== prev.vcpuCount) return null;
  const idleDelta = Math.max(0, next.idleMs - prev.idleMs);
  return Math.min(1, Math.max(0, 1 - idleDelta / totalDelta));
}

/** Reads os.cpus() now; the injected form lets tests feed recorded values. */
export function readOsCpus(read: () => readonly OsCpuTimes[] = cpus): OsCpuReading | null {
  try {
    return sumOsCpuTimes(read());
  } catch {
    return null;
  }
}
