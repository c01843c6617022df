/**
 * Which GPUs a scenario can use, from CUDA_VISIBLE_DEVICES. nvidia-smi ignores that variable
 * (it talks to NVML, not CUDA), so the meter filters nvidia-smi's output itself.
 */

export type VisibleDeviceEntry = { readonly index: number } | { readonly uuid: string };

export type VisibleDevices =
  | { readonly kind: "all" }
  /** `entries` may be empty: CUDA_VISIBLE_DEVICES="" hides every GPU. */
  | { readonly kind: "list"; readonly entries: readonly VisibleDeviceEntry[]; readonly ignored: readonly string[] };

/**
 * Parse CUDA_VISIBLE_DEVICES the way the CUDA runtime does: unset means every GPU; entries are
 * indices or UUIDs (`GPU-…`, `MIG-…`, unique prefixes allowed); parsing stops at the first
 * entry that is neither (so `0,-1,1` exposes only GPU 0, and `-1` hides all). Entries after
 * the stop are returned in `ignored` so a warning can name them.
 */
export function parseCudaVisibleDevices(value: string | undefined): VisibleDevices {
  if (value === undefined) return { kind: "all" };
  const parts = value
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
  const entries: VisibleDeviceEntry[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (/^\d+$/.test(part)) entries.push({ index: Number(part) });
    else if (/^(GPU|MIG)-/i.test(part)) entries.push({ uuid: part });
    else return { kind: "list", entries, ignored: parts.slice(i) };
  }
  return { kind: "list", entries, ignored: [] };
}

/** A GPU as `nvidia-smi --query-gpu=index,uuid,name` lists it. */
export interface GpuIdentity {
  readonly index: number;
  readonly uuid: string;
  readonly name?: string;
}

export interface VisibleGpuSelection {
  /** nvidia-smi indices to measure, in CUDA_VISIBLE_DEVICES order; null = every GPU. */
  readonly indices: readonly number[] | null;
  readonly warnings: readonly string[];
}

/**
 * Map CUDA_VISIBLE_DEVICES entries to nvidia-smi indices. Indices pass through; UUIDs need
 * the `--query-gpu=index,uuid` listing (`gpus`), matched by unique prefix as CUDA does. A MIG
 * instance's UUID names no whole GPU in that listing, so it cannot be mapped and is reported.
 */
export function resolveVisibleGpuIndices(
  visible: VisibleDevices,
  gpus: readonly GpuIdentity[] | null,
  cudaDeviceOrder?: string,
): VisibleGpuSelection {
  if (visible.kind === "all") return { indices: null, warnings: [] };
  const warnings: string[] = [];
  if (visible.ignored.length > 0) {
    warnings.push(
      `CUDA_VISIBLE_DEVICES: "${visible.ignored[0]}" is not an index or UUID; CUDA ignores it and everything after it (${visible.ignored.join(",")})`,
    );
  }
  const indices: number[] = [];
  for (const entry of visible.entries) {
    let index: number | null = null;
    if ("index" in entry) {
      index = entry.index;
      if (gpus !== null && !gpus.some((gpu) => gpu.index === index)) {
        warnings.push(`CUDA_VISIBLE_DEVICES names GPU ${index}, which nvidia-smi does not list`);
        index = null;
      }
    } else if (gpus === null) {
      warnings.push(`CUDA_VISIBLE_DEVICES entry ${entry.uuid} cannot be resolved without the GPU list`);
    } else {
      const wanted = entry.uuid.toLowerCase();
      const matches = gpus.filter((gpu) => gpu.uuid.toLowerCase().startsWith(wanted));
      if (matches.length === 1) index = matches[0]!.index;
      else if (wanted.startsWith("mig-")) {
        warnings.push(`CUDA_VISIBLE_DEVICES entry ${entry.uuid} is a MIG instance; its parent GPU cannot be found by --query-gpu=index,uuid`);
      } else {
        warnings.push(
          `CUDA_VISIBLE_DEVICES entry ${entry.uuid} matches ${matches.length === 0 ? "no GPU" : "several GPUs"} in nvidia-smi's list`,
        );
      }
    }
    if (index !== null && !indices.includes(index)) indices.push(index);
  }
  // CUDA numbers devices fastest-first unless CUDA_DEVICE_ORDER=PCI_BUS_ID; nvidia-smi numbers
  // them by PCI bus. The two agree only when all GPUs are alike.
  const names = new Set((gpus ?? []).map((gpu) => gpu.name));
  if (visible.entries.some((e) => "index" in e) && cudaDeviceOrder !== "PCI_BUS_ID" && names.size > 1) {
    warnings.push(
      "CUDA_VISIBLE_DEVICES uses indices on a machine with different GPU models and CUDA_DEVICE_ORDER is not PCI_BUS_ID: CUDA's numbering may differ from nvidia-smi's",
    );
  }
  return { indices, warnings };
}
