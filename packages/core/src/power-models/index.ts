export type { CcfCpuArchitecture, CcfCpuCoefficients } from "./ccf-cpu.js";
export { CCF_CPU_ARCHITECTURES, CCF_CPU_COEFFICIENTS, createCcfCpuModel } from "./ccf-cpu.js";
export type { CcfGpu, CcfGpuCoefficients, GpuPowerModelLookup } from "./ccf-gpu.js";
export { CCF_GPU_COEFFICIENTS, CCF_GPUS, createCcfGpuModel, lookupGpuPowerModel } from "./ccf-gpu.js";
export { CCF_MEMORY_MODEL_NAME, CCF_MEMORY_W_PER_GB, createCcfMemoryModel } from "./ccf-memory.js";
export type { GithubRunnerDetection } from "./detect-github-runner.js";
export { detectGithubHostedRunner } from "./detect-github-runner.js";
export {
  createEcoCiGithubRunnerModel,
  ECO_CI_EPYC_7763_CURVE,
  ECO_CI_MODEL_NAME,
  ECO_CI_REFERENCE_VCPUS,
} from "./eco-ci.js";
export type { CpuIdentification, CpuVendor } from "./identify-cpu.js";
export { identifyCpu } from "./identify-cpu.js";
export type { CurvePoint } from "./interpolate-linear.js";
export { interpolateLinear } from "./interpolate-linear.js";
export type { PowerComponent, PowerModel } from "./power-model.js";
export { clampUtilisation } from "./power-model.js";
export type { PowerModelError, PowerModelErrorCode } from "./power-model-error.js";
export type {
  PowerModelCreation,
  PowerModelDescriptor,
  PowerModelLookup,
  PowerModelParameterName,
  PowerModelParameters,
} from "./registry.js";
export { createPowerModel, listPowerModels, lookupPowerModel } from "./registry.js";
export type { CpuPowerModelQuery, CpuPowerModelSelection } from "./select-cpu-model.js";
export { selectCpuPowerModel } from "./select-cpu-model.js";
export type { TeadsModelInput } from "./teads.js";
export { createTeadsModel, TEADS_MODEL_NAME, TEADS_TDP_CURVE } from "./teads.js";
