import { integratePowerJ } from "@sci-gate/core";
import type { Unavailable } from "./read-text.js";

/** One polled reading of one GPU, stamped on the meter's monotonic clock when it arrived. */
export interface GpuPowerSample {
  readonly tS: number;
  readonly index: number;
  readonly name: string;
  readonly powerW: number | null;
  readonly utilPercent: number | null;
  readonly memoryUsedMiB: number | null;
}

export interface GpuEnergy {
  readonly index: number;
  readonly name: string;
  /** Null when the GPU never reported a usable power: it is then not measured at all. */
  readonly energyJ: number | null;
  readonly sampleCount: number;
  /** Samples whose power was missing (`[N/A]` …), left out of the integral. */
  readonly missingPowerSamples: number;
  /** Time between first and last power sample not spent in gaps. */
  readonly coveredS: number;
  /** Time in intervals over 5× the median, bridged by the trapezoid (see integratePowerJ). */
  readonly gapS: number;
  readonly meanPowerW: number | null;
}

export interface GpuEnergyResult {
  /** Provenance tag for the report, e.g. `measured:nvidia-smi-power.draw`. */
  readonly source: string;
  readonly gpus: readonly GpuEnergy[];
  /** Sum over GPUs; null when any GPU, or the source as a whole, has no measured energy. */
  readonly totalEnergyJ: number | null;
  readonly samples: readonly GpuPowerSample[];
  readonly warnings: readonly string[];
  /** False when the source stopped early (the tool died mid-run), never started, or reported readings it cannot stand behind. */
  readonly complete: boolean;
  /** Why the figure is incomplete, when it is, as a phrase for the run's warning. */
  readonly incompleteReason?: string;
}

export type GpuStartResult =
  | {
      readonly available: true;
      /** The GPUs being measured; null = every GPU the tool reports. */
      readonly gpuIndices: readonly number[] | null;
      readonly warnings: readonly string[];
    }
  | Unavailable;

/**
 * A source of GPU energy over a window. The run loop calls start() before the scenario and
 * stop() after it. nvidia-smi power polling is the first implementation; an NVML total-energy
 * counter source (mJ since driver load, Volta and newer) can implement the same interface and
 * should be preferred where present, as polling misses short bursts.
 */
export interface GpuEnergySource {
  readonly source: string;
  /** Resolves once measuring has begun (first sample seen) or it is known it cannot. */
  start(): Promise<GpuStartResult>;
  /** Stops measuring and integrates; calling it again returns the same result. */
  stop(): Promise<GpuEnergyResult>;
}

/**
 * Per-GPU energy from polled power samples (trapezoid; gaps bridged and reported). A GPU whose
 * power is missing in some samples is integrated over the rest; one whose power is never
 * reported gets a null energy, never zero — zero would read as "this GPU drew nothing".
 */
export function integrateGpuSamples(samples: readonly GpuPowerSample[]): {
  gpus: GpuEnergy[];
  totalEnergyJ: number | null;
  warnings: string[];
} {
  const byIndex = new Map<number, GpuPowerSample[]>();
  for (const sample of samples) {
    const list = byIndex.get(sample.index) ?? [];
    list.push(sample);
    byIndex.set(sample.index, list);
  }
  const gpus: GpuEnergy[] = [];
  const warnings: string[] = [];
  for (const [index, list] of [...byIndex].sort(([a], [b]) => a - b)) {
    const powered = list.flatMap((s) => (s.powerW === null ? [] : [{ tS: s.tS, powerW: s.powerW }]));
    const name = list[0]!.name;
    const integral = integratePowerJ(powered);
    const spanS = integral.coveredS + integral.gapS;
    const energyJ = powered.length >= 2 ? integral.energyJ : null;
    if (energyJ === null) {
      warnings.push(`GPU ${index} (${name}): fewer than two power readings, so no measured energy`);
    }
    if (integral.gaps.length > 0) {
      warnings.push(
        `GPU ${index}: ${integral.gaps.length} sampling gap(s) totalling ${integral.gapS.toFixed(2)} s bridged by interpolation`,
      );
    }
    gpus.push({
      index,
      name,
      energyJ,
      sampleCount: list.length,
      missingPowerSamples: list.length - powered.length,
      coveredS: integral.coveredS,
      gapS: integral.gapS,
      meanPowerW: energyJ !== null && spanS > 0 ? energyJ / spanS : null,
    });
  }
  const totalEnergyJ =
    gpus.length > 0 && gpus.every((gpu) => gpu.energyJ !== null)
      ? gpus.reduce((sum, gpu) => sum + (gpu.energyJ ?? 0), 0)
      : null;
  return { gpus, totalEnergyJ, warnings };
}
