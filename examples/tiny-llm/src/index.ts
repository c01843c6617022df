export { type CliIo, EXIT_FAILED, EXIT_OK, EXIT_USAGE, runCli } from "./cli.js";
export { computeExtraMultiplyAdds, createExtraWorkScratch, performExtraWork } from "./extra-work.js";
export {
  createDecodeState,
  type DecodeState,
  type ForwardResult,
  type MultiplyAddCounter,
  normalizeRows,
  runForward,
} from "./forward.js";
export {
  computeChecksum,
  createPrompts,
  type GenerationOptions,
  type GenerationResult,
  generateTokens,
  selectGreedyToken,
  validateGenerationOptions,
} from "./generate.js";
export {
  applyLinear,
  applyLinearRows,
  createFloat32Linear,
  dequantizeLinear,
  dotFloat32,
  dotInt8,
  dotLinearRow,
  type Float32Linear,
  type Int8Linear,
  type Linear,
  quantizeLinear,
} from "./linear.js";
export {
  countParameters,
  createModel,
  type LayerNormWeights,
  type LayerWeights,
  MLP_EXPANSION,
  type Model,
  type ModelConfig,
  validateModelConfig,
} from "./model.js";
export {
  estimateMemoryBytes,
  formatUsage,
  type ParsedCommand,
  parseCommand,
  UsageError,
  VALUE_OPTIONS,
} from "./options.js";
export { createNormalArray, createRng, deriveSeed, type Rng } from "./prng.js";
export { type BenchResult, formatSummary, runBench, type SciGateOutput, toSciGateOutput } from "./run-bench.js";
export { type BenchSettings, DEFAULT_SCENARIO, listScenarioNames, type ScenarioPreset, SCENARIOS } from "./scenarios.js";
