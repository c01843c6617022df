import { existsSync } from "node:fs";
import { open } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { type Config, decodeUtf8, formatIssue, maxConfigBytes, parseConfig } from "@sci-gate/core";
import { prepareBaseWorktree, type RunSuiteResult, runSuite } from "@sci-gate/meter";

export class ActionInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ActionInputError";
  }
}

export interface LoadedConfig {
  config: Config;
  text: string;
  path: string;
}

/** Reads and parses a config; its size is checked before a byte is read, so a 10 GB file costs nothing. */
export async function loadConfig(path: string, displayPath: string): Promise<LoadedConfig> {
  let bytes: Uint8Array;
  try {
    const handle = await open(path, "r");
    try {
      const { size } = await handle.stat();
      if (size > maxConfigBytes) throw new ActionInputError(`${displayPath}: expected a config of at most ${maxConfigBytes} bytes, got ${size}`);
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof ActionInputError) throw error;
    throw new ActionInputError(`${displayPath}: cannot read the config (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); set the action's config input to its path`);
  }
  const decoded = decodeUtf8(bytes, displayPath);
  if (!decoded.ok) throw new ActionInputError(decoded.errors.map(formatIssue).join("\n"));
  const parsed = parseConfig(decoded.value, displayPath);
  if (!parsed.ok) throw new ActionInputError(parsed.errors.map(formatIssue).join("\n"));
  return { config: parsed.value, text: decoded.value, path };
}

export interface MeasureOptions {
  workspace: string;
  configPath: string;
  head: LoadedConfig;
  headSha: string | null;
  headRef: string | null;
  /** Measure the base in a worktree of this sha, interleaved with the head. */
  baseSha: string | null;
  baseRef: string | null;
  runs: number | null;
  shard: { index: number; count: number } | null;
  env: Record<string, string | undefined>;
  version: string;
  outPath: string;
  signal?: AbortSignal;
  log: (message: string) => void;
}

export interface Measured {
  result: RunSuiteResult;
  /**
   * The base commit's own config when a base was measured and has one; null when no base was
   * measured or it has none (the base was then measured with the head's scenarios, but the
   * head's budgets must not decide).
   */
  baseRules: LoadedConfig | null;
  /** The sha of the base measured beside the head, null when none was. */
  baseSha: string | null;
  notes: string[];
}

/** Measures the head, and the base beside it in a git worktree when asked (baseline: same-runner). */
export async function measureRevisions(options: MeasureOptions): Promise<Measured> {
  const notes: string[] = [];
  let worktree: Awaited<ReturnType<typeof prepareBaseWorktree>> | null = null;
  let baseRules: LoadedConfig | null = null;
  let base: Parameters<typeof runSuite>[0]["base"] = null;
  try {
    if (options.baseSha) {
      worktree = await prepareBaseWorktree({ repoDir: options.workspace, ref: options.baseSha });
      const relativeConfig = relative(options.workspace, resolve(options.workspace, options.configPath));
      const baseConfigPath = join(worktree.dir, relativeConfig);
      if (existsSync(baseConfigPath)) {
        baseRules = await loadConfig(baseConfigPath, `${relativeConfig} (base ${worktree.sha.slice(0, 7)})`);
      } else {
        notes.push(`the base has no ${relativeConfig}: it is measured with the head's scenarios, but no budget decides (a pull request's own budgets never do)`);
      }
      const measuredWith = baseRules ?? options.head;
      base = { dir: worktree.dir, sha: worktree.sha, ref: options.baseRef, config: measuredWith.config, configText: measuredWith.text };
    }
    const result = await runSuite({
      config: options.head.config,
      configPath: options.configPath,
      configDisplay: options.configPath,
      configText: options.head.text,
      headDir: options.workspace,
      base,
      head: { sha: options.headSha, ref: options.headRef },
      runs: options.runs ?? undefined,
      shard: options.shard,
      env: options.env,
      signal: options.signal,
      outPath: options.outPath,
      toolVersion: options.version,
      onProgress: (event) => {
        if (event.kind === "run-end") {
          const what = event.warmup ? "warm-up" : "run";
          options.log(`${event.scenario} ${event.revision} ${what} ${event.runNumber}/${event.runsTotal}: ${event.durationS.toFixed(2)} s${event.ok ? "" : ` — ${event.message}`}`);
        } else if (event.kind === "setup") options.log(`setup (${event.revision}): ${event.command}`);
      },
    });
    return { result, baseRules, baseSha: worktree?.sha ?? null, notes };
  } finally {
    await worktree?.cleanup();
  }
}
