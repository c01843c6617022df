import { access } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { findClosest, maxConfigBytes, parseConfig } from "@sci-gate/core";
import { prepareBaseWorktree, type RunSuiteOptions, type RunSuiteResult, runSuite } from "@sci-gate/meter";
import { createInputError, createIssuesError } from "./cli-error.js";
import type { CliContext, MeterPort } from "./context.js";
import { findRepositoryRoot, readHeadRevision } from "./git-info.js";
import { type LoadedConfig, readTextFile } from "./read-inputs.js";
import { createProgressReporter } from "./progress.js";
import { readToolVersion } from "./version.js";

export interface MeasureRequest {
  loaded: LoadedConfig;
  runs?: number;
  scenarios: readonly string[];
  shard?: { index: number; count: number } | null;
  /** A git ref to measure as the base, interleaved with the head. */
  baseRef?: string;
  /** Absolute path the report is rewritten to after every run. */
  outPath?: string;
}

/** Unknown scenario names are a usage error, said before anything is measured or checked out. */
export function checkScenarioNames(loaded: LoadedConfig, names: readonly string[]): void {
  const known = loaded.config.scenarios.map((s) => s.name);
  for (const name of names) {
    if (known.includes(name)) continue;
    const closest = findClosest(name, known, 1)[0];
    const suggestion = closest === undefined ? `known: ${known.join(", ")}` : `did you mean "${closest}"?`;
    throw createInputError(`--scenario ${name}: ${loaded.display} has no scenario named "${name}" (${suggestion})`);
  }
}

/**
 * The base's own sci-gate.yml, at the same path inside its worktree: its scenarios and rules
 * are the base's. A base from before sci-gate was adopted has none; it is then measured with
 * the head's config, and the user is told.
 */
async function loadBaseConfig(ctx: CliContext, loaded: LoadedConfig, repoRoot: string, worktreeDir: string, ref: string) {
  const rel = relative(repoRoot, loaded.path);
  const display = `${ref}:${rel}`;
  try {
    await access(join(worktreeDir, rel));
  } catch {
    ctx.stderr.write(`sci-gate: ${display} does not exist; measuring the base with the head's ${loaded.display}\n`);
    return { config: loaded.config, configText: loaded.text };
  }
  const text = await readTextFile(worktreeDir, rel, maxConfigBytes, "a config", display);
  const parsed = parseConfig(text, display);
  if (!parsed.ok) throw createIssuesError(parsed.errors);
  return { config: parsed.value, configText: text };
}

/** An fs error the meter hit while writing the report (or its folder): the --out path is the user's input. */
function describeWriteError(error: unknown, outPath: string | undefined): string | null {
  const { code, path } = (error ?? {}) as { code?: unknown; path?: unknown };
  if (outPath === undefined || typeof code !== "string" || typeof path !== "string") return null;
  if (!path.startsWith(outPath) && !outPath.startsWith(path)) return null;
  return `${outPath}: cannot write the report (${code})`;
}

/**
 * Runs the suite with progress on stderr; with a base ref, checks the base out in a temporary
 * worktree that is removed afterwards whatever happens (failure, Ctrl-C, a thrown error).
 */
export async function measureSuite(ctx: CliContext, request: MeasureRequest): Promise<RunSuiteResult> {
  const meter: MeterPort = { runSuite, prepareBaseWorktree, ...ctx.meter };
  const { loaded } = request;
  checkScenarioNames(loaded, request.scenarios);
  const configDir = dirname(loaded.path);
  const repoRoot = await findRepositoryRoot(configDir);
  const head = repoRoot === null ? { sha: null, ref: null } : await readHeadRevision(repoRoot);
  let worktree: Awaited<ReturnType<MeterPort["prepareBaseWorktree"]>> | null = null;
  const progress = createProgressReporter(ctx.stderr);
  try {
    let base: RunSuiteOptions["base"] = null;
    if (request.baseRef !== undefined) {
      if (repoRoot === null) throw createInputError(`--base ${request.baseRef}: ${configDir} is not in a git repository`);
      try {
        worktree = await meter.prepareBaseWorktree({ repoDir: repoRoot, ref: request.baseRef });
      } catch (error) {
        throw createInputError(`--base ${request.baseRef}: cannot check it out: ${error instanceof Error ? error.message : String(error)}`);
      }
      const baseConfig = await loadBaseConfig(ctx, loaded, repoRoot, worktree.dir, request.baseRef);
      base = { dir: worktree.dir, sha: worktree.sha, ref: request.baseRef, ...baseConfig };
    }
    const options: RunSuiteOptions = {
      config: loaded.config,
      configPath: loaded.path,
      configDisplay: loaded.display,
      configText: loaded.text,
      headDir: repoRoot ?? configDir,
      base,
      head,
      scenarios: request.scenarios,
      shard: request.shard ?? null,
      env: ctx.env,
      signal: ctx.signal,
      onProgress: progress.onProgress,
      toolVersion: readToolVersion(),
      ...(request.runs === undefined ? {} : { runs: request.runs }),
      ...(request.outPath === undefined ? {} : { outPath: request.outPath }),
    };
    try {
      return await meter.runSuite(options);
    } catch (error) {
      const message = describeWriteError(error, request.outPath);
      if (message === null) throw error;
      throw createInputError(message);
    }
  } finally {
    progress.finish();
    await worktree?.cleanup();
  }
}
