import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { type Config, decodeUtf8, formatIssue, parseConfig, type Report } from "@sci-gate/core";
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

export async function loadConfig(path: string, displayPath: string): Promise<LoadedConfig> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
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
  /** The config whose budgets and assumptions decide: the base's when the base has one. */
  rules: LoadedConfig;
  notes: string[];
}

/** Measures the head, and the base beside it in a git worktree when asked (baseline: same-runner). */
export async function measureRevisions(options: MeasureOptions): Promise<Measured> {
  const notes: string[] = [];
  let worktree: Awaited<ReturnType<typeof prepareBaseWorktree>> | null = null;
  let rules = options.head;
  let base: Parameters<typeof runSuite>[0]["base"] = null;
  try {
    if (options.baseSha) {
      worktree = await prepareBaseWorktree({ repoDir: options.workspace, ref: options.baseSha });
      const relativeConfig = relative(options.workspace, resolve(options.workspace, options.configPath));
      const baseConfigPath = join(worktree.dir, relativeConfig);
      if (existsSync(baseConfigPath)) {
        rules = await loadConfig(baseConfigPath, `${relativeConfig} (base ${worktree.sha.slice(0, 7)})`);
      } else {
        notes.push(`the base has no ${relativeConfig}: the head's budgets and assumptions decide this time`);
      }
      base = { dir: worktree.dir, sha: worktree.sha, ref: options.baseRef, config: rules.config, configText: rules.text };
    }
    const result = await runSuite({
      config: options.head.config,
      configPath: options.configPath,
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
    return { result, rules, notes };
  } finally {
    await worktree?.cleanup();
  }
}

/** A report is self-contained: the comment job takes the PR it belongs to from it, then verifies it. */
export function attachPullRequest(report: Report, pr: Report["pullRequest"] | undefined): Report {
  return pr ? { ...report, pullRequest: pr } : report;
}
