import type { Config, Report } from "@sci-gate/core";

/** Where the meter reads the machine from; tests point these at fixture trees. */
export interface MeterSources {
  procRoot: string;
  powercapRoot: string;
  /** Path of nvidia-smi, or null to skip GPUs. */
  nvidiaSmi: string | null;
  /** How long a run waits for nvidia-smi's first sample before modelling the GPUs (default 15 s). */
  nvidiaSmiStartTimeoutMs?: number;
}

export type ProgressEvent =
  | { kind: "setup"; revision: "base" | "head"; command: string }
  | { kind: "run-start"; scenario: string; revision: "base" | "head"; warmup: boolean; runNumber: number; runsTotal: number }
  | { kind: "run-end"; scenario: string; revision: "base" | "head"; warmup: boolean; runNumber: number; runsTotal: number; durationS: number; ok: boolean; message: string | null };

export interface RunSuiteOptions {
  config: Config;
  /** Path of the config file, for resolving scenario cwd (and for messages when configDisplay is not given). */
  configPath: string;
  /** The config file as the user named it (e.g. `sci-gate.yml`), for messages. Default configPath. */
  configDisplay?: string;
  /** Raw text of the config, hashed into the report. */
  configText: string;
  /** Directory of the head (working tree) checkout; scenario cwd is resolved against the config's directory inside it. */
  headDir: string;
  /** When set, the base revision is measured too, interleaved, from this checkout. */
  base?: { dir: string; sha: string | null; ref: string | null; config: Config; configText: string } | null;
  head?: { sha: string | null; ref: string | null };
  /** Only these scenarios (by name). */
  scenarios?: readonly string[];
  /** Deterministic subset: scenario i (0-based) belongs to shard (i mod count) + 1. */
  shard?: { index: number; count: number } | null;
  /** Overrides every scenario's `runs`. */
  runs?: number;
  env: Record<string, string | undefined>;
  sources?: Partial<MeterSources>;
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
  /** Written atomically after every run, so a kill loses nothing already measured. */
  outPath?: string;
  toolVersion: string;
}

export interface RunSuiteResult {
  report: Report;
  /** "suite-failed": some run failed (exit 3); "interrupted": aborted; "invalid": config problem found at start (exit 2). */
  status: "ok" | "suite-failed" | "interrupted" | "invalid";
  messages: string[];
}
