import { lookupGpuPowerModel, type SourceTag } from "@sci-gate/core";
import type { GpuPowerSample } from "./gpu-energy-source.js";

export interface ModelledGpuEnergy {
  energyJ: number;
  tag: SourceTag;
  perGpu: { index: number; energyJ: number }[];
  warning: string;
}

/**
 * GPU energy from the CCF board model when nvidia-smi could not measure a whole run (it hung,
 * died or printed nothing usable): each board at its mean reported utilisation, or at full load
 * (an upper bound, said so) when none was reported. Tagged `modelled:`, never `measured:`.
 * Null when a board has no model: the GPU is then left out, with the caller's warning.
 */
export function modelGpuEnergy(
  gpus: readonly { index: number; model: string }[],
  samples: readonly GpuPowerSample[],
  durationS: number,
  why: string,
): ModelledGpuEnergy | null {
  if (gpus.length === 0) return null;
  const perGpu: { index: number; energyJ: number }[] = [];
  const names = new Set<string>();
  const parts: string[] = [];
  for (const gpu of gpus) {
    const lookup = lookupGpuPowerModel(gpu.model);
    if (!lookup.ok) return null;
    const utils = samples.filter((s) => s.index === gpu.index && s.utilPercent !== null).map((s) => s.utilPercent! / 100);
    const util = utils.length > 0 ? utils.reduce((a, b) => a + b, 0) / utils.length : 1;
    perGpu.push({ index: gpu.index, energyJ: lookup.model.powerW(util) * durationS });
    names.add(lookup.model.name);
    parts.push(
      `GPU ${gpu.index} by ${lookup.model.name} at ${utils.length > 0 ? `${Math.round(util * 100)} % mean utilisation of ${utils.length} sample(s)` : "full load (no utilisation reported: an upper bound)"}`,
    );
  }
  return {
    energyJ: perGpu.reduce((sum, g) => sum + g.energyJ, 0),
    tag: (names.size === 1 ? `modelled:${[...names][0]}` : "modelled:ccf-gpu") as SourceTag,
    perGpu,
    warning: `GPU energy modelled, not measured (${why}): ${parts.join("; ")}`,
  };
}
