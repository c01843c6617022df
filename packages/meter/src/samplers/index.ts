export { type CpuInfo, type OsCpu, parseCpuInfo, type ReadCpuInfoOptions, readCpuInfo } from "./cpu-info.js";
export {
  type GpuIdentity,
  parseCudaVisibleDevices,
  resolveVisibleGpuIndices,
  type VisibleDeviceEntry,
  type VisibleDevices,
  type VisibleGpuSelection,
} from "./cuda-visible-devices.js";
export {
  type GpuEnergy,
  type GpuEnergyResult,
  type GpuEnergySource,
  type GpuPowerSample,
  type GpuStartResult,
  integrateGpuSamples,
} from "./gpu-energy-source.js";
export { type MemoryInfo, parseMemTotalKiB, type ReadMemoryOptions, readMemoryInfo } from "./memory.js";
export {
  createNvidiaSmiPowerSource,
  type GpuInfoResult,
  NVIDIA_SMI_POWER_SOURCE,
  type NvidiaSmiPowerOptions,
  type QueryGpuInfoOptions,
  queryGpuInfo,
} from "./nvidia-smi.js";
export {
  type GpuInfo,
  type GpuPowerReading,
  INFO_QUERY_FIELDS,
  type MissingField,
  POWER_QUERY_FIELDS,
  type ParsedLine,
  parseNvidiaSmiInfoLine,
  parseNvidiaSmiPowerLine,
} from "./nvidia-smi-parse.js";
export {
  CLK_TCK,
  type CpuTicks,
  computeCpuUtilisation,
  type ProcStatReading,
  type ProcStatResult,
  parseProcStat,
  readProcStat,
} from "./proc-stat.js";
export {
  createProcessTreeSampler,
  findMarkedProcesses,
  formatRunMarker,
  listProcessTree,
  listTree,
  type MarkedProcesses,
  type PidStat,
  type ProcessTreeSample,
  type ProcessTreeSampler,
  parsePidStat,
  RUN_MARKER_ENV,
  readPidStat,
  readReapedChildrenCpuS,
  type TreeListing,
  type TreeWalkMethod,
} from "./process-tree.js";
export {
  createRaplAccumulator,
  discoverRaplZones,
  type OpenRaplOptions,
  openRapl,
  type RaplAccumulator,
  type RaplAccumulatorOptions,
  type RaplEnergy,
  type RaplReading,
  type RaplSource,
  type RaplZone,
  type RaplZoneEnergy,
  type RaplZoneKind,
  type RaplZoneValue,
} from "./rapl.js";
export type { Unavailable } from "./read-text.js";
