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
export {
  createMarkedProcessScanner,
  environHasEntry,
  findMarkedProcesses,
  findMarkedProcessesSync,
  formatRunMarker,
  type MarkedProcesses,
  type MarkedProcessScanner,
  RUN_MARKER_ENV,
} from "./marked-processes.js";
export { type MemoryInfo, parseMemTotalKiB, type ReadMemoryOptions, readMemoryInfo } from "./memory.js";
export {
  createNvidiaSmiPowerSource,
  NVIDIA_SMI_POWER_SOURCE,
  type NvidiaSmiPowerOptions,
  PLAUSIBLE_POWER_LIMIT_FACTOR,
  PLAUSIBLE_POWER_W_WITHOUT_LIMIT,
  plausiblePowerBoundW,
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
export { type GpuInfoResult, type QueryGpuInfoOptions, queryGpuInfo } from "./nvidia-smi-query.js";
export { createOrphanCpuSampler, type OrphanCpuSampler } from "./orphan-cpu.js";
export { computeOsCpuUtilisation, type OsCpuReading, type OsCpuTimes, readOsCpus, sumOsCpuTimes } from "./os-cpus.js";
export {
  CLK_TCK,
  type CpuTicks,
  computeCpuUtilisation,
  type ProcStatReading,
  type ProcStatResult,
  openProcStatRecorder,
  type ProcStatRecorder,
  type RecordedTicks,
  type TickTotals,
  parseCpuLineBytes,
  parseProcStat,
  readProcStat,
} from "./proc-stat.js";
export {
  createProcessTreeSampler,
  listProcessTree,
  listProcessTreeSync,
  listTree,
  type PidStat,
  type ProcessTreeSample,
  type ProcessTreeSampler,
  parsePidStat,
  readPidStat,
  readPidStatSync,
  readReapedChildrenCpuS,
  readReapedChildrenCpuSSync,
  type TreeListing,
  type TreeWalkMethod,
} from "./process-tree.js";
export {
  discoverRaplZones,
  isMeasuredZone,
  type OpenRaplOptions,
  openRapl,
  type RaplReading,
  type RaplSource,
  type RaplZone,
  type RaplZoneKind,
  type RaplZoneValue,
} from "./rapl.js";
export {
  createRaplAccumulator,
  type RaplAccumulator,
  type RaplAccumulatorOptions,
  type RaplEnergy,
  type RaplZoneEnergy,
} from "./rapl-accumulator.js";
export type { ReadTextResult, Unavailable } from "./read-text.js";
