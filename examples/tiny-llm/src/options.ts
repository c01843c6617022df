/**
 * Turns command-line flags and TINY_LLM_* environment variables into benchmark settings.
 * Precedence: flag > environment variable > scenario preset, so a CI config can flip a switch
 * through the environment while a person at a terminal can still override it.
 */

import { countParameters } from "./model.js";
import { type BenchSettings, DEFAULT_SCENARIO, listScenarioNames, SCENARIOS } from "./scenarios.js";

/** Bad input from the user; the CLI prints the message and exits 2. */
export class UsageError extends Error {
  readonly code = "E_TINY_LLM_USAGE";
  override readonly name = "UsageError";
}

type NumericKey = "width" | "layers" | "heads" | "vocab" | "promptTokens" | "newTokens" | "batch" | "seed";
type SwitchKey = "kvCache" | "int8";

interface OptionSpec {
  readonly flag: string;
  readonly env: string;
  readonly valueHint: string;
}

interface IntegerOption extends OptionSpec {
  readonly kind: "integer";
  readonly key: NumericKey;
  readonly min: number;
  readonly max: number;
}

interface NumberOption extends OptionSpec {
  readonly kind: "number";
  readonly key: "extraWorkPct";
  readonly min: number;
  readonly max: number;
}

interface SwitchOption extends OptionSpec {
  readonly kind: "switch";
  readonly key: SwitchKey;
}

type ValueOption = IntegerOption | NumberOption | SwitchOption;

const integer = (flag: string, key: NumericKey, min: number, max: number, what: string): IntegerOption => ({
  kind: "integer",
  flag,
  env: toEnvName(flag),
  key,
  min,
  max,
  valueHint: `${what}, an integer from ${min} to ${max}`,
});

const onOff = (flag: string, key: SwitchKey, what: string): SwitchOption => ({
  kind: "switch",
  flag,
  env: toEnvName(flag),
  key,
  valueHint: `${what}: on or off`,
});

export const VALUE_OPTIONS: readonly ValueOption[] = [
  onOff("kv-cache", "kvCache", "reuse cached keys/values instead of recomputing the prefix"),
  integer("batch", "batch", 1, 1024, "sequences decoded together"),
  onOff("int8", "int8", "int8 weights with per-row scales"),
  {
    kind: "number",
    flag: "extra-work-pct",
    env: "TINY_LLM_EXTRA_WORK_PCT",
    key: "extraWorkPct",
    min: 0,
    max: 1000,
    valueHint: "extra multiply-adds per token in % of the model's, a number from 0 to 1000",
  },
  integer("width", "width", 1, 4096, "d_model"),
  integer("layers", "layers", 1, 96, "transformer blocks"),
  integer("heads", "heads", 1, 4096, "attention heads (must divide the width)"),
  integer("vocab", "vocab", 2, 262_144, "vocabulary size"),
  integer("prompt-tokens", "promptTokens", 1, 16_384, "prompt length per sequence"),
  integer("new-tokens", "newTokens", 1, 16_384, "tokens generated per sequence"),
  integer("seed", "seed", 0, 4_294_967_295, "weight and prompt seed"),
];

const SCENARIO_FLAG = "scenario";
const SCENARIO_ENV = "TINY_LLM_SCENARIO";

/** Guards against a typo allocating gigabytes: 250M parameters is 1 GB of float32 weights. */
const MAX_PARAMETERS = 250_000_000;
/** Weights plus activations; beyond this a run would swap or be killed rather than measured. */
const MAX_MEMORY_BYTES = 2 * 1024 ** 3;

export type ParsedCommand = { readonly kind: "help" } | { readonly kind: "run"; readonly settings: BenchSettings };

function toEnvName(flag: string): string {
  return `TINY_LLM_${flag.toUpperCase().replaceAll("-", "_")}`;
}

export function parseCommand(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): ParsedCommand {
  const flagValues = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") return { kind: "help" };
    if (!arg.startsWith("--")) {
      throw new UsageError(`unexpected argument "${arg}"; options look like --name value (see --help)`);
    }
    const equals = arg.indexOf("=");
    const name = arg.slice(2, equals === -1 ? undefined : equals);
    if (name !== SCENARIO_FLAG && !VALUE_OPTIONS.some((option) => option.flag === name)) {
      throw new UsageError(`unknown option --${name}; expected one of ${listFlags()}`);
    }
    let value: string | undefined;
    if (equals !== -1) {
      value = arg.slice(equals + 1);
    } else {
      value = argv[i + 1];
      if (value === undefined || value.startsWith("--")) {
        throw new UsageError(`--${name} needs a value: ${describeValue(name)}`);
      }
      i++;
    }
    if (flagValues.has(name)) throw new UsageError(`--${name} is given twice`);
    flagValues.set(name, value);
  }

  const readRaw = (flag: string, envName: string): { raw: string; source: string } | undefined => {
    const fromFlag = flagValues.get(flag);
    if (fromFlag !== undefined) return { raw: fromFlag, source: `--${flag}` };
    const fromEnv = env[envName];
    // CI systems often pass unset variables as empty strings; treat those as unset.
    if (fromEnv !== undefined && fromEnv.trim() !== "") return { raw: fromEnv.trim(), source: envName };
    return undefined;
  };

  const scenarioInput = readRaw(SCENARIO_FLAG, SCENARIO_ENV);
  const scenario = scenarioInput?.raw ?? DEFAULT_SCENARIO;
  const preset = SCENARIOS[scenario];
  if (preset === undefined) {
    throw new UsageError(
      `${scenarioInput?.source ?? "--scenario"} is "${scenario}"; expected one of ${listScenarioNames().join(", ")}`,
    );
  }

  const { description: _description, ...presetSettings } = preset;
  const settings: { -readonly [K in keyof BenchSettings]: BenchSettings[K] } = { scenario, ...presetSettings };
  const sources = new Map<keyof BenchSettings, string>();
  for (const option of VALUE_OPTIONS) {
    const input = readRaw(option.flag, option.env);
    if (input === undefined) continue;
    sources.set(option.key, input.source);
    if (option.kind === "switch") settings[option.key] = parseSwitch(input.raw, input.source, option);
    else if (option.kind === "integer") settings[option.key] = parseInteger(input.raw, input.source, option);
    else settings[option.key] = parseNumber(input.raw, input.source, option);
  }

  // A setting that came from the preset is named by its flag, the way to change it.
  checkConsistency(settings, (key) => sources.get(key) ?? `--${VALUE_OPTIONS.find((option) => option.key === key)?.flag}`);
  return { kind: "run", settings };
}

function parseSwitch(raw: string, source: string, option: SwitchOption): boolean {
  const value = raw.toLowerCase();
  if (["on", "true", "1", "yes"].includes(value)) return true;
  if (["off", "false", "0", "no"].includes(value)) return false;
  throw new UsageError(`${source} is "${raw}"; expected ${option.valueHint}`);
}

function parseInteger(raw: string, source: string, option: IntegerOption): number {
  const value = /^[+-]?\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < option.min || value > option.max) {
    throw new UsageError(`${source} is "${raw}"; expected ${option.valueHint}`);
  }
  return value;
}

function parseNumber(raw: string, source: string, option: NumberOption): number {
  const value = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isFinite(value) || value < option.min || value > option.max) {
    throw new UsageError(`${source} is "${raw}"; expected ${option.valueHint}`);
  }
  return value;
}

function checkConsistency(settings: BenchSettings, sourceOf: (key: keyof BenchSettings) => string): void {
  if (settings.width % settings.heads !== 0) {
    throw new UsageError(
      `${sourceOf("heads")} (${settings.heads}) must divide ${sourceOf("width")} (${settings.width}); ` +
        `try a width that is a multiple of ${settings.heads}`,
    );
  }
  const contextLength = settings.promptTokens + settings.newTokens;
  const parameters = countParameters({ ...settings, contextLength });
  if (parameters > MAX_PARAMETERS) {
    throw new UsageError(
      `the model would have ${parameters.toLocaleString("en")} parameters (limit ${MAX_PARAMETERS.toLocaleString("en")}); ` +
        `lower ${sourceOf("width")}, ${sourceOf("layers")} or ${sourceOf("vocab")}`,
    );
  }
  const memoryBytes = estimateMemoryBytes(settings);
  if (memoryBytes > MAX_MEMORY_BYTES) {
    throw new UsageError(
      `these settings need about ${Math.ceil(memoryBytes / 1024 ** 2)} MiB (limit ${MAX_MEMORY_BYTES / 1024 ** 2} MiB); ` +
        `lower ${sourceOf("batch")}, ${sourceOf("promptTokens")}, ${sourceOf("newTokens")} or ${sourceOf("width")}`,
    );
  }
}

/**
 * Float32 weights, the KV cache and the scratch buffers, which hold every position of every
 * sequence at once (decoding without the cache recomputes them all): about 11 floats of
 * activations per position and unit of width, 4 more for the extra-work scratch.
 */
export function estimateMemoryBytes(settings: BenchSettings): number {
  const contextLength = settings.promptTokens + settings.newTokens;
  const positions = settings.batch * contextLength;
  const activationFloats = positions * settings.width * (11 + 2 * settings.layers + (settings.extraWorkPct > 0 ? 4 : 0));
  return 4 * (countParameters({ ...settings, contextLength }) + activationFloats);
}

function describeValue(flag: string): string {
  if (flag === SCENARIO_FLAG) return `a scenario name (${listScenarioNames().join(", ")})`;
  return VALUE_OPTIONS.find((option) => option.flag === flag)?.valueHint ?? "a value";
}

function listFlags(): string {
  return [`--${SCENARIO_FLAG}`, ...VALUE_OPTIONS.map((option) => `--${option.flag}`), "--help"].join(", ");
}

export function formatUsage(): string {
  const lines = [
    "Usage: node dist/bench.js [--scenario NAME] [options]",
    "",
    "Greedy decoding with a small seeded transformer; reports tokens generated.",
    "Every option can also be set with its environment variable (the flag wins).",
    "",
    `  --${SCENARIO_FLAG} NAME`.padEnd(30) +
      `${SCENARIO_ENV}: one of ${listScenarioNames().join(", ")} (default ${DEFAULT_SCENARIO})`,
  ];
  for (const option of VALUE_OPTIONS) {
    const argument = option.kind === "switch" ? "on|off" : option.kind === "integer" ? "N" : "X";
    lines.push(`  --${option.flag} ${argument}`.padEnd(30) + `${option.env}: ${option.valueHint}`);
  }
  lines.push("", "Scenarios:");
  for (const [name, preset] of Object.entries(SCENARIOS)) {
    lines.push(
      `  ${name}`.padEnd(16) +
        `${preset.description} (batch ${preset.batch}, prompt ${preset.promptTokens}, new ${preset.newTokens})`,
    );
  }
  lines.push(
    "",
    "Writes {units, unit, scenario, multiplyAdds, durationS, checksum} to $SCI_GATE_OUTPUT when set,",
    "and prints a one-line JSON summary to stdout.",
  );
  return lines.join("\n");
}
