import { cpus } from "node:os";
import { join } from "node:path";
import { readText, type Unavailable } from "./read-text.js";

export interface CpuInfo {
  readonly available: true;
  /** e.g. `AMD EPYC 7763 64-Core Processor`; null where neither source names the model. */
  readonly model: string | null;
  /** Logical CPUs (vCPUs) online. */
  readonly vcpuCount: number;
  readonly source: "proc-cpuinfo" | "os.cpus";
  readonly fallbackReason?: string;
}

/** The shape of os.cpus() entries this module needs; injected so tests can check the fallback. */
export interface OsCpu {
  readonly model: string;
}

export interface ReadCpuInfoOptions {
  /** Default os.cpus. */
  readonly osCpus?: () => readonly OsCpu[];
}

/**
 * Model and vCPU count from the text of /proc/cpuinfo: one block per logical CPU, each with a
 * `processor` line. x86 names the model in `model name`; some ARM kernels print `Model` or
 * `Hardware` instead and many print none. Null when there is no `processor` line at all.
 */
export function parseCpuInfo(text: string): { model: string | null; vcpuCount: number } | null {
  let vcpuCount = 0;
  const named = new Map<string, string>();
  for (const line of text.split("\n")) {
    const colon = line.indexOf(":");
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (key === "processor") vcpuCount++;
    else if (value !== "" && !named.has(key)) named.set(key, value);
  }
  if (vcpuCount === 0) return null;
  const model = named.get("model name") ?? named.get("Model") ?? named.get("Hardware") ?? null;
  return { model, vcpuCount };
}

/**
 * CPU model and vCPU count, for choosing a CPU power model and for the machine fingerprint.
 * The model string is what selects the per-microarchitecture figures, so it is kept verbatim.
 * Falls back to os.cpus() where /proc is absent (macOS, Windows) or unreadable.
 */
export async function readCpuInfo(
  procRoot = "/proc",
  options: ReadCpuInfoOptions = {},
): Promise<CpuInfo | Unavailable> {
  const path = join(procRoot, "cpuinfo");
  const read = await readText(path);
  const parsed = read.ok ? parseCpuInfo(read.text) : null;
  if (parsed !== null && parsed.model !== null) return { available: true, ...parsed, source: "proc-cpuinfo" };
  const list = (options.osCpus ?? cpus)();
  const fallbackReason = !read.ok
    ? read.reason
    : parsed === null
      ? `${path} has no processor entries`
      : `${path} names no CPU model`;
  if (parsed === null && list.length === 0) {
    return { available: false, reason: `${fallbackReason}, and os.cpus() lists no CPU` };
  }
  return {
    available: true,
    model: list[0]?.model.trim() || null,
    // /proc's count is kept when only the model was missing: both count online logical CPUs.
    vcpuCount: parsed?.vcpuCount ?? list.length,
    source: "os.cpus",
    fallbackReason,
  };
}
