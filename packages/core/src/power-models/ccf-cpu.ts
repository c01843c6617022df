import type { PowerModel } from "./power-model.js";
import { clampUtilisation } from "./power-model.js";

/** Rows of Cloud Carbon Footprint's per-vCPU table: microarchitectures and per-cloud averages. */
export type CcfCpuArchitecture =
  | "amd-epyc-gen1"
  | "amd-epyc-gen2"
  | "amd-epyc-gen3"
  | "intel-cascade-lake"
  | "intel-skylake"
  | "intel-broadwell"
  | "intel-haswell"
  | "intel-coffee-lake"
  | "intel-ivy-bridge"
  | "intel-sandy-bridge"
  | "aws-average"
  | "azure-average"
  | "gcp-average";

export interface CcfCpuCoefficients {
  readonly label: string;
  /** Watts per vCPU at 0% utilisation. */
  readonly minWPerVcpu: number;
  /** Watts per vCPU at 100% utilisation. */
  readonly maxWPerVcpu: number;
}

/**
 * Min/max watts per vCPU, derived by CCF from SPECpower results per microarchitecture.
 * Source: Cloud Carbon Footprint (Thoughtworks, Apache-2.0), methodology and coefficients
 * (2021), as in packages/azure/src/domain/AzureFootprintEstimationConstants.ts
 * (MIN_WATTS_BY_COMPUTE_PROCESSOR / MAX_WATTS_BY_COMPUTE_PROCESSOR; read 2026).
 * Averages: AWS MIN_WATTS_AVG/MAX_WATTS_AVG 0.74/3.5 (AwsFootprintEstimationConstants.ts),
 * Azure 0.74/3.54 (AzureFootprintEstimationConstants.ts), GCP median 0.68/4.11
 * (GcpFootprintEstimationConstants.ts), CCF 2021.
 */
export const CCF_CPU_COEFFICIENTS: Readonly<Record<CcfCpuArchitecture, CcfCpuCoefficients>> = {
  "amd-epyc-gen1": { label: "AMD EPYC 1st gen (Naples)", minWPerVcpu: 0.82, maxWPerVcpu: 2.55 }, // CCF 2021
  "amd-epyc-gen2": { label: "AMD EPYC 2nd gen (Rome)", minWPerVcpu: 0.47, maxWPerVcpu: 1.69 }, // CCF 2021
  "amd-epyc-gen3": { label: "AMD EPYC 3rd gen (Milan)", minWPerVcpu: 0.45, maxWPerVcpu: 2.02 }, // CCF 2021
  "intel-cascade-lake": { label: "Intel Cascade Lake", minWPerVcpu: 0.64, maxWPerVcpu: 3.97 }, // CCF 2021
  "intel-skylake": { label: "Intel Skylake", minWPerVcpu: 0.65, maxWPerVcpu: 4.26 }, // CCF 2021
  "intel-broadwell": { label: "Intel Broadwell", minWPerVcpu: 0.71, maxWPerVcpu: 3.69 }, // CCF 2021
  "intel-haswell": { label: "Intel Haswell", minWPerVcpu: 1.0, maxWPerVcpu: 4.74 }, // CCF 2021
  "intel-coffee-lake": { label: "Intel Coffee Lake", minWPerVcpu: 1.14, maxWPerVcpu: 5.42 }, // CCF 2021
  "intel-ivy-bridge": { label: "Intel Ivy Bridge", minWPerVcpu: 3.04, maxWPerVcpu: 8.25 }, // CCF 2021
  "intel-sandy-bridge": { label: "Intel Sandy Bridge", minWPerVcpu: 2.17, maxWPerVcpu: 8.58 }, // CCF 2021
  "aws-average": { label: "AWS average", minWPerVcpu: 0.74, maxWPerVcpu: 3.5 }, // CCF 2021
  "azure-average": { label: "Azure average", minWPerVcpu: 0.74, maxWPerVcpu: 3.54 }, // CCF 2021
  "gcp-average": { label: "GCP median", minWPerVcpu: 0.68, maxWPerVcpu: 4.11 }, // CCF 2021
};

export const CCF_CPU_ARCHITECTURES = Object.keys(CCF_CPU_COEFFICIENTS) as readonly CcfCpuArchitecture[];

/** CCF's formula: W = vCPUs × (min + utilisation × (max − min)). */
export function createCcfCpuModel(architecture: CcfCpuArchitecture, vcpus: number): PowerModel {
  const { label, minWPerVcpu, maxWPerVcpu } = CCF_CPU_COEFFICIENTS[architecture];
  return {
    name: `ccf-${architecture}`,
    version: "1",
    component: "cpu",
    source: `Cloud Carbon Footprint (2021) per-vCPU min/max for ${label}: ${minWPerVcpu}–${maxWPerVcpu} W per vCPU, linear in utilisation`,
    parameters: { vcpus, minWPerVcpu, maxWPerVcpu },
    powerW: (utilisation) => vcpus * (minWPerVcpu + clampUtilisation(utilisation) * (maxWPerVcpu - minWPerVcpu)),
  };
}
