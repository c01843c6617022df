import { totalmem } from "node:os";
import { join } from "node:path";
import { readText } from "./read-text.js";

export interface MemoryInfo {
  readonly available: true;
  /** Installed memory visible to the kernel, in GiB (2^30 bytes). */
  readonly totalGiB: number;
  readonly source: "proc-meminfo" | "os.totalmem";
  /** Why the /proc figure was not used, when it was not. */
  readonly fallbackReason?: string;
}

export interface ReadMemoryOptions {
  /** Fallback for systems without /proc; injected so tests can check it. Default os.totalmem. */
  readonly totalMemBytes?: () => number;
}

const BYTES_PER_GIB = 2 ** 30;

/** MemTotal from the text of /proc/meminfo, in kB as the kernel prints it (really KiB); null if absent. */
export function parseMemTotalKiB(text: string): number | null {
  const match = /^MemTotal:\s+(\d+)\s*kB\s*$/m.exec(text);
  return match?.[1] !== undefined ? Number(match[1]) : null;
}

/**
 * Total memory, for the memory power model (W per GB) and the machine fingerprint. Read from
 * `<procRoot>/meminfo` on Linux; elsewhere os.totalmem(), which reports the same figure there.
 * Either way this is the machine's (or VM's) memory, not a container's cgroup limit: SCI counts
 * the hardware reserved, not what the process was allowed to use.
 */
export async function readMemoryInfo(procRoot = "/proc", options: ReadMemoryOptions = {}): Promise<MemoryInfo> {
  const path = join(procRoot, "meminfo");
  const read = await readText(path);
  const kib = read.ok ? parseMemTotalKiB(read.text) : null;
  if (kib !== null) return { available: true, totalGiB: (kib * 1024) / BYTES_PER_GIB, source: "proc-meminfo" };
  return {
    available: true,
    totalGiB: (options.totalMemBytes ?? totalmem)() / BYTES_PER_GIB,
    source: "os.totalmem",
    fallbackReason: read.ok ? `${path} has no MemTotal line` : read.reason,
  };
}
