import { findClosest } from "../text/closest.js";
import { CCF_CPU_ARCHITECTURES, CCF_CPU_COEFFICIENTS, createCcfCpuModel } from "./ccf-cpu.js";
import { CCF_GPU_COEFFICIENTS, CCF_GPUS, createCcfGpuModel } from "./ccf-gpu.js";
import { CCF_MEMORY_MODEL_NAME, createCcfMemoryModel } from "./ccf-memory.js";
import { createEcoCiGithubRunnerModel, ECO_CI_MODEL_NAME } from "./eco-ci.js";
import type { PowerComponent, PowerModel } from "./power-model.js";
import type { PowerModelError } from "./power-model-error.js";
import { isPositiveFinite } from "./power-model-error.js";
import { createTeadsModel, TEADS_MODEL_NAME } from "./teads.js";

/** Everything a model may be built from; each model says which of these it requires. */
export interface PowerModelParameters {
  readonly vcpus?: number | undefined;
  readonly tdpW?: number | undefined;
  readonly threadsPerChip?: number | undefined;
  readonly memoryGb?: number | undefined;
  readonly gpuCount?: number | undefined;
}

export type PowerModelParameterName = keyof PowerModelParameters;

/** A model as listed for users (config overrides, `--help`, docs): no instance needed. */
export interface PowerModelDescriptor {
  readonly name: string;
  readonly version: string;
  readonly component: PowerComponent;
  readonly description: string;
  readonly source: string;
  readonly requires: readonly PowerModelParameterName[];
}

export type PowerModelLookup =
  | { readonly ok: true; readonly descriptor: PowerModelDescriptor }
  | { readonly ok: false; readonly error: PowerModelError };

export type PowerModelCreation =
  | { readonly ok: true; readonly model: PowerModel }
  | { readonly ok: false; readonly error: PowerModelError };

/** What each parameter means, for messages that tell the user what to add. */
const PARAMETER_MEANING: Readonly<Record<PowerModelParameterName, string>> = {
  vcpus: "the number of vCPUs the run reserved",
  tdpW: "the chip's thermal design power in watts",
  threadsPerChip: "the hardware threads of the whole chip",
  memoryGb: "the memory reserved, in GB",
  gpuCount: "the number of GPU boards",
};

/** Parameters after validation; the ones a model does not require hold neutral defaults. */
interface ResolvedParameters {
  readonly vcpus: number;
  readonly tdpW: number;
  readonly threadsPerChip: number | undefined;
  readonly memoryGb: number;
  readonly gpuCount: number;
}

interface Entry {
  readonly name: string;
  readonly description: string;
  readonly requires: readonly PowerModelParameterName[];
  /** Called only once every required parameter is present and valid. */
  readonly create: (parameters: ResolvedParameters) => PowerModel;
}

const ENTRIES: readonly Entry[] = [
  {
    name: ECO_CI_MODEL_NAME,
    description: "GitHub-hosted runner, 4-vCPU share of an AMD EPYC 7763 (scaled by vCPUs/4 for other sizes)",
    requires: ["vcpus"],
    create: (p) => createEcoCiGithubRunnerModel(p.vcpus),
  },
  ...CCF_CPU_ARCHITECTURES.map(
    (architecture): Entry => ({
      name: `ccf-${architecture}`,
      description: `Cloud Carbon Footprint per-vCPU min/max, ${CCF_CPU_COEFFICIENTS[architecture].label}`,
      requires: ["vcpus"],
      create: (p) => createCcfCpuModel(architecture, p.vcpus),
    }),
  ),
  {
    name: TEADS_MODEL_NAME,
    description: "Teads load curve × TDP, scaled by vCPUs/threads when threadsPerChip is given",
    requires: ["tdpW", "vcpus"],
    create: (p) => createTeadsModel({ tdpW: p.tdpW, vcpus: p.vcpus, threadsPerChip: p.threadsPerChip }),
  },
  {
    name: CCF_MEMORY_MODEL_NAME,
    description: "Cloud Carbon Footprint memory power per GB",
    requires: ["memoryGb"],
    create: (p) => createCcfMemoryModel(p.memoryGb),
  },
  ...CCF_GPUS.map(
    (gpu): Entry => ({
      name: `ccf-gpu-${gpu}`,
      description: `Cloud Carbon Footprint min/max per board, ${CCF_GPU_COEFFICIENTS[gpu].label}`,
      requires: [],
      create: (p) => createCcfGpuModel(gpu, p.gpuCount),
    }),
  ),
];

// Neutral values used only to read each model's version, component and source for listings.
const PROBE: ResolvedParameters = { vcpus: 1, tdpW: 1, threadsPerChip: undefined, memoryGb: 1, gpuCount: 1 };

function describe(entry: Entry): PowerModelDescriptor {
  const probe = entry.create(PROBE);
  return {
    name: entry.name,
    version: probe.version,
    component: probe.component,
    description: entry.description,
    source: probe.source,
    requires: entry.requires,
  };
}

/** Every model sci-gate knows, in a stable order (the order of the methodology document). */
export function listPowerModels(): PowerModelDescriptor[] {
  return ENTRIES.map(describe);
}

function findEntry(name: string): Entry | undefined {
  const wanted = name.trim().toLowerCase();
  return ENTRIES.find((entry) => entry.name === wanted);
}

function unknownModelError(name: string): PowerModelError {
  const names = ENTRIES.map((entry) => entry.name);
  const suggestions = findClosest(name.trim(), names);
  const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(" or ")}?` : "";
  return {
    code: "unknown-power-model",
    message: `Unknown power model "${name}".${hint} Known models: ${names.join(", ")}.`,
    suggestions,
  };
}

/** Look a model up by name (case-insensitive), for config overrides. */
export function lookupPowerModel(name: string): PowerModelLookup {
  const entry = findEntry(name);
  if (entry === undefined) return { ok: false, error: unknownModelError(name) };
  return { ok: true, descriptor: describe(entry) };
}

/**
 * Build the named model from `parameters`, checking that the ones it requires are present and
 * positive. Optional ones (threadsPerChip, gpuCount) are checked when given.
 */
export function createPowerModel(name: string, parameters: PowerModelParameters): PowerModelCreation {
  const entry = findEntry(name);
  if (entry === undefined) return { ok: false, error: unknownModelError(name) };
  const missing = entry.requires.filter((parameter) => parameters[parameter] === undefined);
  if (missing.length > 0) {
    const list = missing.map((parameter) => `${parameter} (${PARAMETER_MEANING[parameter]})`).join(", ");
    return {
      ok: false,
      error: { code: "missing-parameter", message: `Power model "${entry.name}" needs ${list}.`, suggestions: [] },
    };
  }
  for (const [parameter, value] of Object.entries(parameters) as [PowerModelParameterName, number | undefined][]) {
    if (value !== undefined && !isPositiveFinite(value)) {
      return {
        ok: false,
        error: {
          code: "invalid-parameter",
          message: `${parameter} must be a positive number (${PARAMETER_MEANING[parameter]}); got ${value}.`,
          suggestions: [],
        },
      };
    }
  }
  // Required ones are present (checked above); the rest get neutral defaults that the models
  // either ignore or document (one GPU board; whole-chip TDP when threadsPerChip is absent).
  const resolved: ResolvedParameters = {
    vcpus: parameters.vcpus ?? PROBE.vcpus,
    tdpW: parameters.tdpW ?? PROBE.tdpW,
    threadsPerChip: parameters.threadsPerChip,
    memoryGb: parameters.memoryGb ?? PROBE.memoryGb,
    gpuCount: parameters.gpuCount ?? PROBE.gpuCount,
  };
  return { ok: true, model: entry.create(resolved) };
}
