/**
 * Named workload presets. All use the same model (the defaults below), so a scenario changes
 * the traffic shape, not the network; every field can still be overridden by a flag or an
 * environment variable.
 *
 * Sizes are chosen so each preset takes about 1.5–2 s of CPU on one core of a small shared x86
 * machine, and so that start-up (allocating and initialising ~14M weights, ~0.15 s) stays a
 * small share of a run: 10% more per-token work shows as ~8% more CPU time for the process.
 * Generations are kept short because decoding without the KV cache costs O(n²): with these
 * shapes it is about 5–9× more CPU per token, bad enough to see and quick enough to measure
 * (10–13 s a run).
 */

export interface BenchSettings {
  readonly scenario: string;
  /** d_model. */
  readonly width: number;
  readonly layers: number;
  readonly heads: number;
  readonly vocab: number;
  readonly promptTokens: number;
  readonly newTokens: number;
  /** Sequences decoded together. */
  readonly batch: number;
  readonly kvCache: boolean;
  readonly int8: boolean;
  /** Extra multiply-adds per forward pass, in % of the model's own. */
  readonly extraWorkPct: number;
  readonly seed: number;
}

export type ScenarioPreset = Omit<BenchSettings, "scenario">;

const MODEL_DEFAULTS = {
  width: 384,
  layers: 6,
  heads: 6,
  vocab: 4096,
  kvCache: true,
  int8: false,
  extraWorkPct: 0,
  seed: 1,
} as const;

export const SCENARIOS: Readonly<Record<string, ScenarioPreset & { readonly description: string }>> = {
  chat: {
    ...MODEL_DEFAULTS,
    description: "four concurrent conversations: short prompts, short replies",
    batch: 4,
    promptTokens: 24,
    newTokens: 12,
  },
  "long-prompt": {
    ...MODEL_DEFAULTS,
    description: "one long document in, a few tokens out (summarisation, retrieval QA): prefill-bound",
    batch: 1,
    promptTokens: 160,
    newTokens: 8,
  },
  batch: {
    ...MODEL_DEFAULTS,
    description: "offline batch job: many short sequences decoded together",
    batch: 12,
    promptTokens: 8,
    newTokens: 8,
  },
};

export const DEFAULT_SCENARIO = "chat";

export function listScenarioNames(): string[] {
  return Object.keys(SCENARIOS);
}
