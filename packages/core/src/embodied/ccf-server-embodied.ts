import type { EmbodiedInputError } from "./embodied-input-error.js";
import { SERVER_LIFETIME_S } from "./expected-lifetime.js";

/**
 * Cloud Carbon Footprint's server embodied-emissions formula (CCF methodology 2021, after the
 * Dell R740 LCA): a base server of 1 CPU and 16 GB, plus additions.
 */
export const CCF_BASE_SERVER_G = 1_000_000; // CCF 2021: base server, 1,000 kgCO2e
export const CCF_EXTRA_CPU_G = 100_000; // CCF 2021: +100 kg per CPU beyond the first
export const CCF_BASE_MEMORY_GB = 16; // CCF 2021: memory included in the base server
export const CCF_EXTRA_MEMORY_G_PER_GB = 1_388; // CCF 2021: +1.388 kg per GB above 16 GB
export const CCF_SSD_G = 100_000; // CCF 2021: +100 kg per SSD
export const CCF_HDD_G = 50_000; // CCF 2021: +50 kg per HDD
export const CCF_GPU_G = 150_000; // CCF 2021: +150 kg per GPU (a floor for modern boards)

export interface CcfServerSpec {
  /** Physical CPU sockets (1 or more). */
  readonly cpus: number;
  readonly memoryGb: number;
  readonly ssds: number;
  readonly hdds: number;
  readonly gpus: number;
}

export type CcfServerEmbodiedResult =
  | {
      readonly ok: true;
      /** TE of the whole server, grams CO2e. */
      readonly totalEmbodiedG: number;
      /** EL: 4 years, seconds. */
      readonly lifetimeS: number;
      readonly breakdownG: {
        readonly base: number;
        readonly extraCpus: number;
        readonly extraMemory: number;
        readonly ssds: number;
        readonly hdds: number;
        readonly gpus: number;
      };
      readonly inputs: CcfServerSpec;
      readonly source: string;
    }
  | { readonly ok: false; readonly error: EmbodiedInputError };

/**
 * TE of a whole server by CCF's component formula. Share it with computeEmbodiedG's
 * resourcesReserved/resourcesTotal (CCF shares by vCPUs). Memory at or below 16 GB adds nothing.
 */
export function ccfServerEmbodiedG(spec: CcfServerSpec): CcfServerEmbodiedResult {
  const problem = findProblem(spec);
  if (problem !== undefined) return { ok: false, error: problem };
  const breakdownG = {
    base: CCF_BASE_SERVER_G,
    extraCpus: (spec.cpus - 1) * CCF_EXTRA_CPU_G,
    extraMemory: Math.max(0, spec.memoryGb - CCF_BASE_MEMORY_GB) * CCF_EXTRA_MEMORY_G_PER_GB,
    ssds: spec.ssds * CCF_SSD_G,
    hdds: spec.hdds * CCF_HDD_G,
    gpus: spec.gpus * CCF_GPU_G,
  };
  const totalEmbodiedG =
    breakdownG.base + breakdownG.extraCpus + breakdownG.extraMemory + breakdownG.ssds + breakdownG.hdds + breakdownG.gpus;
  return {
    ok: true,
    totalEmbodiedG,
    lifetimeS: SERVER_LIFETIME_S,
    breakdownG,
    inputs: { cpus: spec.cpus, memoryGb: spec.memoryGb, ssds: spec.ssds, hdds: spec.hdds, gpus: spec.gpus },
    source: "Cloud Carbon Footprint (2021) server formula: 1,000 kg base + 100 kg/extra CPU + 1.388 kg/GB above 16 GB + 100 kg/SSD + 50 kg/HDD + 150 kg/GPU; 4 years",
  };
}

function findProblem(spec: CcfServerSpec): EmbodiedInputError | undefined {
  const checks: readonly [field: keyof CcfServerSpec, ok: boolean, expected: string][] = [
    ["cpus", Number.isInteger(spec.cpus) && spec.cpus >= 1, "a whole number of CPU sockets, 1 or more"],
    ["memoryGb", Number.isFinite(spec.memoryGb) && spec.memoryGb >= 0, "GB of memory, 0 or more"],
    ["ssds", Number.isInteger(spec.ssds) && spec.ssds >= 0, "a whole number of SSDs, 0 or more"],
    ["hdds", Number.isInteger(spec.hdds) && spec.hdds >= 0, "a whole number of HDDs, 0 or more"],
    ["gpus", Number.isInteger(spec.gpus) && spec.gpus >= 0, "a whole number of GPUs, 0 or more"],
  ];
  for (const [field, ok, expected] of checks) {
    if (!ok) {
      return {
        code: "invalid-embodied-input",
        field,
        message: `${field} must be ${expected}; got ${String(spec[field])}.`,
        suggestions: [],
      };
    }
  }
  return undefined;
}
