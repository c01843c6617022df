export {
  CCF_BASE_MEMORY_GB,
  CCF_BASE_SERVER_G,
  CCF_EXTRA_CPU_G,
  CCF_EXTRA_MEMORY_G_PER_GB,
  CCF_GPU_G,
  CCF_HDD_G,
  CCF_SSD_G,
  ccfServerEmbodiedG,
} from "./ccf-server-embodied.js";
export type { CcfServerEmbodiedResult, CcfServerSpec } from "./ccf-server-embodied.js";
export { computeEmbodiedG, SCI_EMBODIED_FORMULA } from "./compute-embodied.js";
export type { EmbodiedAssumption, EmbodiedInput, EmbodiedResult } from "./compute-embodied.js";
export type { EmbodiedErrorCode, EmbodiedInputError } from "./embodied-input-error.js";
export { SECONDS_PER_YEAR, SERVER_LIFETIME_S } from "./expected-lifetime.js";
export {
  GITHUB_RUNNER_SERVER_EMBODIED_G,
  GITHUB_RUNNER_SERVER_VCPUS,
  githubRunnerEmbodied,
} from "./github-runner-embodied.js";
export { GPU_BOARDS, gpuBoardEmbodied, lookupGpuEmbodied } from "./gpu-embodied.js";
export type { GpuBoardEmbodied, GpuBoardId, GpuEmbodiedLookup } from "./gpu-embodied.js";
