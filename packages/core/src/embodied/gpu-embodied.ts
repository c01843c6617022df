import { findClosest } from "../text/closest.js";
import type { EmbodiedAssumption } from "./compute-embodied.js";
import type { EmbodiedInputError } from "./embodied-input-error.js";
import { SERVER_LIFETIME_S } from "./expected-lifetime.js";

export type GpuBoardId = "h100-sxm-80gb" | "a100-sxm-40gb" | "a100-pcie-40gb" | "t4" | "l4";

export interface GpuBoardEmbodied {
  readonly id: GpuBoardId;
  readonly label: string;
  /** Embodied emissions of one board (manufacture, transport, end of life), grams CO2e. */
  readonly embodiedG: number;
  readonly source: string;
  /** True when no published figure exists and CCF's per-GPU 150 kg stands in as a lower bound. */
  readonly isFloor: boolean;
}

const CCF_FLOOR_SOURCE = "Cloud Carbon Footprint (2021) +150 kg per GPU, used as a floor: no published board LCA found";

/** Embodied emissions per GPU board. Cite, never copy, Boavizta's (AGPL) code. */
export const GPU_BOARDS: Readonly<Record<GpuBoardId, GpuBoardEmbodied>> = {
  "h100-sxm-80gb": {
    id: "h100-sxm-80gb",
    label: "NVIDIA H100 SXM 80GB",
    embodiedG: 575_000, // Boavizta GPU component model (BoaviztAPI, 2025): ≈ 575 kgCO2e
    source: "Boavizta GPU component model (BoaviztAPI, 2025): ≈ 575 kgCO2e",
    isFloor: false,
  },
  "a100-sxm-40gb": {
    id: "a100-sxm-40gb",
    label: "NVIDIA A100 40GB",
    embodiedG: 275_000, // Boavizta GPU component model (BoaviztAPI, 2025): ≈ 275 kgCO2e
    source: "Boavizta GPU component model (BoaviztAPI, 2025): ≈ 275 kgCO2e",
    isFloor: false,
  },
  "a100-pcie-40gb": {
    id: "a100-pcie-40gb",
    label: "NVIDIA A100 PCIe 40GB",
    embodiedG: 181_000, // ADEME/Hubblo GPU parametric model (Falk et al., 2025): 181 kgCO2e
    source: "ADEME/Hubblo GPU parametric model (Falk et al., 2025; data.hubblo.org): 181 kgCO2e",
    isFloor: false,
  },
  t4: {
    id: "t4",
    label: "NVIDIA T4",
    embodiedG: 150_000, // CCF 2021 per-GPU addition, as a floor (no T4 LCA found)
    source: CCF_FLOOR_SOURCE,
    isFloor: true,
  },
  l4: {
    id: "l4",
    label: "NVIDIA L4",
    embodiedG: 150_000, // CCF 2021 per-GPU addition, as a floor (no L4 LCA found)
    source: CCF_FLOOR_SOURCE,
    isFloor: true,
  },
};

export type GpuEmbodiedLookup =
  | { readonly ok: true; readonly board: GpuBoardEmbodied; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly error: EmbodiedInputError };

const FLOOR_WARNING = (label: string) =>
  `${label}: no published embodied-carbon figure; CCF's 150 kgCO2e per GPU is used as a floor, so M is likely understated.`;

/**
 * The board for an nvidia-smi `name` ("NVIDIA A100-SXM4-40GB", "Tesla T4", "NVIDIA H100 80GB
 * HBM3") or a board id. Variants without their own figure get the nearest board and a warning.
 */
export function lookupGpuEmbodied(modelString: string): GpuEmbodiedLookup {
  const name = modelString.trim();
  const id = name.toLowerCase();
  // hasOwn, not a plain index: "constructor" must not find Object.prototype's member.
  if (Object.hasOwn(GPU_BOARDS, id)) {
    const byId = GPU_BOARDS[id as GpuBoardId];
    return found(byId, byId.isFloor ? [FLOOR_WARNING(byId.label)] : []);
  }

  if (/\bH100\b/i.test(name)) {
    // nvidia-smi names the SXM5 board "NVIDIA H100 80GB HBM3"; PCIe and NVL boards say so.
    const isSxm = /SXM|HBM3\b/i.test(name) && !/PCIe|NVL/i.test(name);
    return found(
      GPU_BOARDS["h100-sxm-80gb"],
      isSxm
        ? []
        : [`"${name}" has no figure of its own; the H100 SXM 80GB figure is used (same GH100 die and HBM, different board).`],
    );
  }
  if (/\bA100\b/i.test(name)) {
    const board = /PCI-?E/i.test(name) ? GPU_BOARDS["a100-pcie-40gb"] : GPU_BOARDS["a100-sxm-40gb"];
    return found(
      board,
      /80\s?GB/i.test(name) ? [`"${name}": the figure is for the 40GB board; the 80GB board has twice the memory, so M is understated.`] : [],
    );
  }
  if (/\bT4\b/i.test(name)) return found(GPU_BOARDS.t4, [FLOOR_WARNING(GPU_BOARDS.t4.label)]);
  if (/\bL4\b/i.test(name)) return found(GPU_BOARDS.l4, [FLOOR_WARNING(GPU_BOARDS.l4.label)]);

  const ids = Object.keys(GPU_BOARDS);
  const stripped = name.replace(/^(NVIDIA|Tesla)\s+/i, "");
  const suggestions = findClosest(stripped, ids);
  const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(" or ")}?` : "";
  return {
    ok: false,
    error: {
      code: "unknown-gpu",
      message:
        `No embodied-carbon figure for GPU "${name}".${hint} Known boards: ${ids.join(", ")}. ` +
        "Give the board's embodied emissions explicitly (grams CO2e, with a source), or use CCF's 150 kg per GPU as a stated floor.",
      suggestions,
    },
  };
}

function found(board: GpuBoardEmbodied, warnings: readonly string[]): GpuEmbodiedLookup {
  return { ok: true, board, warnings };
}

/**
 * M's machine part for `gpuCount` boards a run reserves whole: TE = boards × figure, over the
 * 4-year server lifetime (CCF 2021), RR/ToR = 1.
 */
export function gpuBoardEmbodied(board: GpuBoardEmbodied, gpuCount = 1): EmbodiedAssumption {
  return {
    totalEmbodiedG: board.embodiedG * gpuCount,
    lifetimeS: SERVER_LIFETIME_S,
    resourcesReserved: 1,
    resourcesTotal: 1,
    source: `${gpuCount} × ${board.label}: ${board.source}; 4 years`,
  };
}
