import type { CurvePoint } from "./interpolate-linear.js";
import { interpolateLinear } from "./interpolate-linear.js";
import type { PowerModel } from "./power-model.js";
import { clampUtilisation } from "./power-model.js";

export const TEADS_MODEL_NAME = "teads-tdp";

/**
 * Fraction of TDP drawn at 0/10/50/100% load; linear in between.
 * Source: Teads Engineering, "Building an AWS EC2 Carbon Emissions Dataset" (B. Davy, 2021),
 * the curve Boavizta and the GSF Impact Framework also use.
 */
export const TEADS_TDP_CURVE: readonly CurvePoint[] = [
  [0, 0.12],
  [0.1, 0.32],
  [0.5, 0.75],
  [1, 1.02],
];

export interface TeadsModelInput {
  readonly tdpW: number;
  readonly vcpus: number;
  /** Hardware threads of the whole chip; without it the whole chip's TDP is used. */
  readonly threadsPerChip?: number | undefined;
}

/**
 * Teads curve × the TDP share the run reserved. On a VM the share is vCPUs/threads of the
 * chip: using the whole chip's TDP for a 4-vCPU slice of a 128-thread chip overstates power
 * ~30× (CodeCarbon's TDP fallback does this; we deliberately do not).
 */
export function createTeadsModel(input: TeadsModelInput): PowerModel {
  const chipShare = input.threadsPerChip === undefined ? 1 : Math.min(1, input.vcpus / input.threadsPerChip);
  const sharedTdpW = input.tdpW * chipShare;
  return {
    name: TEADS_MODEL_NAME,
    version: "1",
    component: "cpu",
    source: "Teads Engineering (2021) load curve 0/10/50/100% → 0.12/0.32/0.75/1.02 × TDP, TDP scaled by vCPUs/threads",
    parameters: {
      tdpW: input.tdpW,
      vcpus: input.vcpus,
      ...(input.threadsPerChip === undefined ? {} : { threadsPerChip: input.threadsPerChip }),
      chipShare,
    },
    powerW: (utilisation) => sharedTdpW * interpolateLinear(TEADS_TDP_CURVE, clampUtilisation(utilisation)),
  };
}
