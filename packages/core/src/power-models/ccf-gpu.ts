import { findClosest } from "../text/closest.js";
import type { PowerModel } from "./power-model.js";
import { clampUtilisation } from "./power-model.js";
import type { PowerModelError } from "./power-model-error.js";

export type CcfGpu = "t4" | "a10g" | "v100" | "a100";

export interface CcfGpuCoefficients {
  readonly label: string;
  /** Watts per board at 0% utilisation. */
  readonly minW: number;
  /** Watts per board at 100% utilisation. */
  readonly maxW: number;
  /** Matches nvidia-smi names such as "Tesla T4" or "NVIDIA A100-SXM4-40GB". */
  readonly pattern: RegExp;
}

/**
 * Min/max watts per GPU board, for when no GPU energy or power counter is readable.
 * Source: Cloud Carbon Footprint (2021), MIN/MAX_WATTS_BY_COMPUTE_PROCESSOR (NVIDIA_T4,
 * NVIDIA_A10G, NVIDIA_TESLA_V100, NVIDIA_TESLA_A100).
 */
export const CCF_GPU_COEFFICIENTS: Readonly<Record<CcfGpu, CcfGpuCoefficients>> = {
  t4: { label: "NVIDIA T4", minW: 8, maxW: 71, pattern: /\bT4\b/i }, // CCF 2021
  a10g: { label: "NVIDIA A10G", minW: 18, maxW: 153, pattern: /\bA10G\b/i }, // CCF 2021
  v100: { label: "NVIDIA V100", minW: 35, maxW: 306, pattern: /\bV100\b/i }, // CCF 2021
  a100: { label: "NVIDIA A100", minW: 46, maxW: 407, pattern: /\bA100\b/i }, // CCF 2021
};

export const CCF_GPUS = Object.keys(CCF_GPU_COEFFICIENTS) as readonly CcfGpu[];

/** CCF's formula per board: W = boards × (min + utilisation × (max − min)). */
export function createCcfGpuModel(gpu: CcfGpu, gpuCount = 1): PowerModel {
  const { label, minW, maxW } = CCF_GPU_COEFFICIENTS[gpu];
  return {
    name: `ccf-gpu-${gpu}`,
    version: "1",
    component: "gpu",
    source: `Cloud Carbon Footprint (2021) min/max for ${label}: ${minW}–${maxW} W per board, linear in utilisation`,
    parameters: { gpuCount, minW, maxW },
    powerW: (utilisation) => gpuCount * (minW + clampUtilisation(utilisation) * (maxW - minW)),
  };
}

export type GpuPowerModelLookup =
  | { readonly ok: true; readonly gpu: CcfGpu; readonly model: PowerModel }
  | { readonly ok: false; readonly error: PowerModelError };

/** The CCF GPU model for an nvidia-smi `name` (e.g. "Tesla T4"), or an error naming the known boards. */
export function lookupGpuPowerModel(gpuName: string, gpuCount = 1): GpuPowerModelLookup {
  const gpu = CCF_GPUS.find((candidate) => CCF_GPU_COEFFICIENTS[candidate].pattern.test(gpuName));
  if (gpu !== undefined) return { ok: true, gpu, model: createCcfGpuModel(gpu, gpuCount) };
  const labels = CCF_GPUS.map((candidate) => CCF_GPU_COEFFICIENTS[candidate].label);
  // Compare without the vendor prefix, so "NVIDIA A10" is one edit from "A10G", not many.
  const stripped = gpuName.replace(/^(NVIDIA|Tesla)\s+/i, "");
  const suggestions = [
    ...new Set(findClosest(stripped, CCF_GPUS).map((candidate) => `ccf-gpu-${candidate}`)),
  ];
  return {
    ok: false,
    error: {
      code: "unknown-gpu",
      message:
        `GPU "${gpuName}" has no utilisation-based power model (known: ${labels.join(", ")}). ` +
        "Measure it with the NVIDIA energy counter or power.draw instead, or name a model such as ccf-gpu-a100.",
      suggestions,
    },
  };
}
