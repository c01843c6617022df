import type { CloudProvider } from "../grid/pue.js";
import type { CcfCpuArchitecture } from "./ccf-cpu.js";
import { CCF_CPU_COEFFICIENTS, createCcfCpuModel } from "./ccf-cpu.js";
import { createEcoCiGithubRunnerModel, ECO_CI_REFERENCE_VCPUS } from "./eco-ci.js";
import type { CpuIdentification } from "./identify-cpu.js";
import { identifyCpu } from "./identify-cpu.js";
import type { PowerModel } from "./power-model.js";
import type { PowerModelError } from "./power-model-error.js";
import { isPositiveFinite } from "./power-model-error.js";
import { createPowerModel, lookupPowerModel } from "./registry.js";
import { createTeadsModel } from "./teads.js";

export interface CpuPowerModelQuery {
  /** The "model name" line of /proc/cpuinfo (or lscpu/sysctl), as the OS reports it. */
  readonly cpuModel: string | undefined;
  /** vCPUs the run reserved (online CPUs of the VM or container). */
  readonly vcpus: number;
  /** Hardware threads of the whole chip, to scale a TDP to the VM's share. */
  readonly threadsPerChip?: number | undefined;
  /** The chip's TDP in watts, when known (enables the Teads curve). */
  readonly tdpW?: number | undefined;
  /** Cloud the machine runs in, to pick CCF's average when the CPU is unidentifiable. */
  readonly provider?: CloudProvider | undefined;
  readonly runner?: { readonly githubHosted: boolean; readonly os?: string | undefined; readonly arch?: string | undefined } | undefined;
  /** A model name from listPowerModels(): skips detection. */
  readonly override?: string | undefined;
}

export type CpuPowerModelSelection =
  | {
      readonly ok: true;
      readonly model: PowerModel;
      /** One sentence saying why this model, for the report's provenance. */
      readonly reason: string;
      readonly warnings: readonly string[];
      /** What the CPU string was recognised as (absent for overrides). */
      readonly identification?: CpuIdentification;
    }
  | { readonly ok: false; readonly error: PowerModelError };

/**
 * Choose the CPU power model, most specific first:
 * 1. an explicit override by name;
 * 2. GitHub-hosted runner on an AMD EPYC 7763 → Eco-CI's measured curve for that runner;
 * 3. a recognised CPU → Cloud Carbon Footprint's per-vCPU figures for its microarchitecture;
 * 4. a TDP given → Teads curve × the VM's TDP share;
 * 5. otherwise CCF's cloud average, with a warning, because the figure may be off by ~2×.
 */
export function selectCpuPowerModel(query: CpuPowerModelQuery): CpuPowerModelSelection {
  if (!isPositiveFinite(query.vcpus)) {
    return invalid(`vcpus must be a positive number (the vCPUs the run reserved); got ${query.vcpus}.`);
  }
  if (query.tdpW !== undefined && !isPositiveFinite(query.tdpW)) {
    return invalid(`tdpW must be a positive number of watts; got ${query.tdpW}.`);
  }
  if (query.threadsPerChip !== undefined && !isPositiveFinite(query.threadsPerChip)) {
    return invalid(`threadsPerChip must be a positive number; got ${query.threadsPerChip}.`);
  }
  if (query.override !== undefined) return selectOverride(query.override, query);

  const cpuModel = query.cpuModel?.trim() ?? "";
  const identification = identifyCpu(cpuModel);
  const shown = cpuModel === "" ? "(none reported)" : `"${cpuModel}"`;

  if (identification.recognised && identification.isEpyc7763 && query.runner?.githubHosted === true) {
    const warnings: string[] = [];
    if (query.vcpus !== ECO_CI_REFERENCE_VCPUS) {
      warnings.push(
        `Eco-CI's curve was measured for a 4-vCPU share of the EPYC 7763; it is scaled by ${query.vcpus}/4 for this ${query.vcpus}-vCPU runner, an approximation (idle and memory shares do not scale exactly).`,
      );
    }
    return {
      ok: true,
      model: createEcoCiGithubRunnerModel(query.vcpus),
      reason: `GitHub-hosted runner with CPU ${shown}: Eco-CI's SPECpower curve for the GitHub EPYC 7763 runner.`,
      warnings,
      identification,
    };
  }

  if (identification.recognised) {
    const { label } = CCF_CPU_COEFFICIENTS[identification.architecture];
    const warnings = identification.approximation === undefined ? [] : [`CPU ${shown}: ${identification.approximation}.`];
    return {
      ok: true,
      model: createCcfCpuModel(identification.architecture, query.vcpus),
      reason: `CPU ${shown} identified as ${label} (from "${identification.matched}"): Cloud Carbon Footprint per-vCPU min/max.`,
      warnings,
      identification,
    };
  }

  if (query.tdpW !== undefined) {
    const warnings =
      query.threadsPerChip === undefined
        ? [
            `No threadsPerChip given: the whole chip's ${query.tdpW} W TDP is used. On a VM that reserves only part of the chip this overstates power; give the chip's thread count.`,
          ]
        : [];
    return {
      ok: true,
      model: createTeadsModel({ tdpW: query.tdpW, vcpus: query.vcpus, threadsPerChip: query.threadsPerChip }),
      reason: `CPU ${shown} not in Cloud Carbon Footprint's tables; TDP ${query.tdpW} W given: Teads curve × TDP share.`,
      warnings,
      identification,
    };
  }

  const average = chooseAverage(query);
  const { label, minWPerVcpu, maxWPerVcpu } = CCF_CPU_COEFFICIENTS[average.architecture];
  return {
    ok: true,
    model: createCcfCpuModel(average.architecture, query.vcpus),
    reason: `CPU ${shown} not identifiable and no TDP given: Cloud Carbon Footprint ${label} per-vCPU figures (${average.why}).`,
    warnings: [
      `Could not identify the CPU ${shown}${vendorNote(identification.vendor)}. ` +
        `Using CCF's ${label} of ${minWPerVcpu}–${maxWPerVcpu} W per vCPU, which can be off by a factor of 2. ` +
        "Give the chip's TDP (with its thread count), or name a power model (e.g. ccf-intel-cascade-lake) to be precise.",
    ],
    identification,
  };
}

function chooseAverage(query: CpuPowerModelQuery): { architecture: CcfCpuArchitecture; why: string } {
  if (query.provider !== undefined) {
    return { architecture: `${query.provider}-average`, why: `the machine runs on ${query.provider.toUpperCase()}` };
  }
  if (query.runner?.githubHosted === true) {
    return { architecture: "azure-average", why: "GitHub-hosted runners run on Azure" };
  }
  // No cloud named: AWS's average (0.74–3.5 W per vCPU) is within 1% of Azure's and below GCP's
  // median, so an unknown machine is not inflated. A documented choice of sci-gate, not of CCF.
  return { architecture: "aws-average", why: "no cloud provider known; sci-gate's default" };
}

function vendorNote(vendor: CpuIdentification["vendor"]): string {
  if (vendor === "apple") return " (Apple silicon is not in CCF's tables)";
  if (vendor === "arm") return " (Arm server CPUs are not in sci-gate's CCF rows)";
  return " (VMs often hide the model, reporting only \"Intel(R) Xeon(R) Processor\" or similar)";
}

function selectOverride(name: string, query: CpuPowerModelQuery): CpuPowerModelSelection {
  // Check the component first: asking for tdpW is pointless if the model is not a CPU model.
  const found = lookupPowerModel(name);
  if (!found.ok) return found;
  if (found.descriptor.component !== "cpu") {
    return {
      ok: false,
      error: {
        code: "wrong-component",
        message: `Power model "${found.descriptor.name}" estimates ${found.descriptor.component}, not the CPU; choose a CPU model (eco-ci-…, ccf-…, teads-tdp).`,
        suggestions: [],
      },
    };
  }
  const created = createPowerModel(name, { vcpus: query.vcpus, tdpW: query.tdpW, threadsPerChip: query.threadsPerChip });
  if (!created.ok) return created;
  return { ok: true, model: created.model, reason: `Power model "${created.model.name}" chosen in the configuration.`, warnings: [] };
}

function invalid(message: string): CpuPowerModelSelection {
  return { ok: false, error: { code: "invalid-parameter", message, suggestions: [] } };
}
