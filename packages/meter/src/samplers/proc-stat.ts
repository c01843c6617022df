import { closeSync, openSync, readFileSync, readSync } from "node:fs";
import { join } from "node:path";
import { readText, type Unavailable } from "./read-text.js";

/**
 * USER_HZ, the unit of /proc/stat and /proc/<pid>/stat times. The kernel fixes it at 100 for
 * user space on every Linux architecture regardless of CONFIG_HZ (getconf CLK_TCK).
 */
export const CLK_TCK = 100;

/** The aggregate `cpu` line of /proc/stat, in ticks of 1/CLK_TCK s, summed over all CPUs. */
export interface CpuTicks {
  readonly user: number;
  readonly nice: number;
  readonly system: number;
  readonly idle: number;
  readonly iowait: number;
  readonly irq: number;
  readonly softirq: number;
  readonly steal: number;
  /** Already included in `user` (the kernel adds guest time to both): never add it to a total. */
  readonly guest: number;
  /** Already included in `nice`. */
  readonly guestNice: number;
}

export interface ProcStatReading {
  readonly cpu: CpuTicks;
  /** All time, busy or not, excluding guest fields (they are inside user/nice already). */
  readonly totalTicks: number;
  /** idle + iowait: a CPU waiting on I/O draws idle-like power. */
  readonly idleTicks: number;
  /** Number of `cpuN` lines, i.e. online vCPUs. */
  readonly vcpuCount: number;
}

export type ProcStatResult = { readonly available: true; readonly reading: ProcStatReading } | Unavailable;

/**
 * Parse the text of /proc/stat; null when it has no aggregate `cpu` line. Fields a kernel does
 * not print (steal before 2.6.11, guest before 2.6.24) count as zero.
 */
export function parseProcStat(text: string): ProcStatReading | null {
  let cpu: CpuTicks | null = null;
  let vcpuCount = 0;
  for (const line of text.split("\n")) {
    if (/^cpu\d+\s/.test(line)) {
      vcpuCount++;
    } else if (/^cpu\s/.test(line)) {
      const numbers = line.trim().split(/\s+/).slice(1).map(Number);
      if (numbers.length < 4 || numbers.some((n) => !Number.isSafeInteger(n) || n < 0)) return null;
      const at = (i: number): number => numbers[i] ?? 0;
      cpu = {
        user: at(0),
        nice: at(1),
        system: at(2),
        idle: at(3),
        iowait: at(4),
        irq: at(5),
        softirq: at(6),
        steal: at(7),
        guest: at(8),
        guestNice: at(9),
      };
    }
  }
  if (cpu === null) return null;
  const totalTicks = cpu.user + cpu.nice + cpu.system + cpu.idle + cpu.iowait + cpu.irq + cpu.softirq + cpu.steal;
  return { cpu, totalTicks, idleTicks: cpu.idle + cpu.iowait, vcpuCount };
}

/** Read `<procRoot>/stat`. One small file read: cheap enough for 10 Hz sampling. */
export async function readProcStat(procRoot = "/proc"): Promise<ProcStatResult> {
  const path = join(procRoot, "stat");
  const read = await readText(path);
  if (!read.ok) {
    return {
      available: false,
      reason: read.code === "ENOENT" ? `${path} does not exist (not Linux, or /proc not mounted)` : read.reason,
    };
  }
  const reading = parseProcStat(read.text);
  if (reading === null) return { available: false, reason: `${path} has no aggregate "cpu" line` };
  return { available: true, reading };
}

/**
 * Busy fraction of the whole machine between two readings: 1 − Δ(idle+iowait)/Δtotal, in
 * [0, 1]. Steal time counts as busy, as in top's 100 − id − wa. Null when no tick elapsed
 * (readings under 10 ms apart), since 0/0 is not "idle". Deltas are floored at zero because
 * iowait is known to step backwards on tickless kernels (see proc(5)).
 */
export function computeCpuUtilisation(prev: TickTotals, next: TickTotals): number | null {
  const totalDelta = next.totalTicks - prev.totalTicks;
  if (totalDelta <= 0) return null;
  const idleDelta = Math.max(0, next.idleTicks - prev.idleTicks);
  return Math.min(1, Math.max(0, 1 - idleDelta / totalDelta));
}

/**
 * The aggregate "cpu" line parsed straight from bytes: no string, no split, no regex. This runs
 * ten times a second for as long as the suite does, where every allocation is later GC work.
 * Null unless the bytes start with "cpu " followed by at least four whole numbers.
 */
export function parseCpuLineBytes(bytes: Buffer, length: number): { cpu: CpuTicks; totalTicks: number; idleTicks: number } | null {
  // "cpu" then a space (the per-CPU lines are "cpu0 …").
  if (length < 4 || bytes[0] !== 0x63 || bytes[1] !== 0x70 || bytes[2] !== 0x75 || bytes[3] !== 0x20) return null;
  const fields = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  let count = 0;
  let value = 0;
  let digits = 0;
  for (let i = 4; i <= length; i++) {
    const c = i < length ? bytes[i]! : 0x0a;
    if (c >= 0x30 && c <= 0x39) {
      value = value * 10 + (c - 0x30);
      digits++;
    } else if (c === 0x20 || c === 0x0a) {
      if (digits > 0) {
        if (!Number.isSafeInteger(value)) return null;
        if (count < fields.length) fields[count] = value;
        count++;
      }
      value = 0;
      digits = 0;
      if (c === 0x0a) break;
    } else return null;
  }
  if (count < 4) return null;
  const [user, nice, system, idle, iowait, irq, softirq, steal, guest, guestNice] = fields as [number, number, number, number, number, number, number, number, number, number];
  const cpu = { user, nice, system, idle, iowait, irq, softirq, steal, guest, guestNice };
  return { cpu, totalTicks: user + nice + system + idle + iowait + irq + softirq + steal, idleTicks: idle + iowait };
}

/** What utilisation is computed from: all ticks, and the idle (idle + iowait) ones. */
export type TickTotals = Pick<ProcStatReading, "totalTicks" | "idleTicks">;

/** Busy and total ticks of one recorded /proc/stat reading. */
export interface RecordedTicks extends TickTotals {
  readonly tS: number;
}

/**
 * /proc/stat recorded at the sampling rate and parsed later, in batches. On a VM each wake of the
 * meter finds cold caches, where even parsing a 60-byte line costs tens of microseconds; the
 * sampling tick therefore only copies the raw bytes into a slot of a preallocated buffer and
 * stamps the time, and `drain` parses the slots at the once-a-second tick (or when they fill).
 */
export interface ProcStatRecorder {
  /** Copies the aggregate line into the next slot, stamped `tS`; false when the read failed. */
  record(tS: number): boolean;
  /** Parses every slot recorded since the last drain, oldest first; unparseable ones are skipped. */
  drain(): RecordedTicks[];
  close(): void;
}

export function openProcStatRecorder(procRoot = "/proc", slots = 128): ProcStatRecorder | Unavailable {
  const path = join(procRoot, "stat");
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    return { available: false, reason: `${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  }
  // Wide enough for the whole aggregate line with room (ten 20-digit fields fit in 220 bytes):
  // a slot that cut the line would cut a number too.
  const first = readFileSync(fd, "utf8");
  const lineBytes = Buffer.byteLength(first.slice(0, Math.max(0, first.indexOf("\n"))));
  let slotBytes = 256;
  while (slotBytes < lineBytes + 64) slotBytes *= 2;
  const ring = Buffer.alloc(slotBytes * slots);
  const times = new Float64Array(slots);
  const lengths = new Int32Array(slots);
  let count = 0;
  const pending: RecordedTicks[] = [];
  const parseSlots = () => {
    for (let i = 0; i < count; i++) {
      const start = i * slotBytes;
      const slot = ring.subarray(start, start + lengths[i]!);
      const end = slot.indexOf(0x0a);
      // No newline in the slot: the line did not fit (it grew since opening); not a reading.
      if (end < 0) continue;
      const parsed = parseCpuLineBytes(slot, end);
      if (parsed !== null) pending.push({ tS: times[i]!, totalTicks: parsed.totalTicks, idleTicks: parsed.idleTicks });
    }
    count = 0;
  };
  return {
    record(tS) {
      if (count === slots) parseSlots();
      try {
        lengths[count] = readSync(fd, ring, count * slotBytes, slotBytes, 0);
      } catch {
        return false;
      }
      times[count] = tS;
      count++;
      return true;
    },
    drain() {
      parseSlots();
      return pending.splice(0);
    },
    close() {
      try {
        closeSync(fd);
      } catch {
        // Already closed.
      }
    },
  };
}
