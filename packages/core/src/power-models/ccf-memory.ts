import type { PowerModel } from "./power-model.js";

export const CCF_MEMORY_MODEL_NAME = "ccf-memory";

/**
 * Watts per GB of reserved memory, independent of utilisation.
 * Source: Cloud Carbon Footprint methodology (2021), MEMORY_COEFFICIENT 0.000392 kWh per
 * GB-hour = 0.392 W/GB.
 */
export const CCF_MEMORY_W_PER_GB = 0.392;

/**
 * Memory power for `memoryGb` reserved GB. Only for CPU models that exclude memory: Eco-CI's
 * curve already contains the runner's RAM share, and RAPL dram is a measurement.
 */
export function createCcfMemoryModel(memoryGb: number): PowerModel {
  const powerW = memoryGb * CCF_MEMORY_W_PER_GB;
  return {
    name: CCF_MEMORY_MODEL_NAME,
    version: "1",
    component: "memory",
    source: `Cloud Carbon Footprint (2021): ${CCF_MEMORY_W_PER_GB} W per GB of memory`,
    parameters: { memoryGb, wPerGb: CCF_MEMORY_W_PER_GB },
    powerW: () => powerW,
  };
}
