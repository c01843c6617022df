import { type Config, compareSchema, formatIssue, parseConfig } from "@sci-gate/core";
import { ActionInputError, type LoadedConfig } from "./measure.js";
import { readBaseConfigText } from "./read-base-config.js";

/**
 * The rules a comparison is judged by. A pull request controls its own sci-gate.yml, so its
 * budgets never decide: the base commit's config does, and when the base has none (or it cannot
 * be read) no budget decides at all and the figures are shown for what they are.
 */
export interface Rules {
  loaded: LoadedConfig;
  /** Why no budget decides; null when the base's budgets do. */
  figuresOnly: string | null;
}

/** The head's scenarios with no budget, default comparison settings and none of its GitHub settings. */
export function figuresOnlyRules(head: LoadedConfig, reason: string): Rules {
  const { github: _github, comment: _comment, ...rest } = head.config;
  const config: Config = { ...rest, budgets: [], compare: compareSchema.parse({}) };
  return { loaded: { config, text: "", path: head.path }, figuresOnly: reason };
}

export function baseRules(loaded: LoadedConfig): Rules {
  return { loaded, figuresOnly: null };
}

/** What the comparison says when no budget decided, so a reader of the comment knows why nothing gated. */
export function describeFiguresOnly(reason: string): string {
  return `no budget decided this comparison: ${reason}; the figures are shown, and a pull request's own budgets never decide`;
}

/** Parses a base config's text; a broken base config is an input error (exit 2), never a reason to trust the head. */
export function parseBaseConfig(text: string, displayPath: string, path: string): LoadedConfig {
  const parsed = parseConfig(text, displayPath);
  if (!parsed.ok) throw new ActionInputError(parsed.errors.map(formatIssue).join("\n"));
  return { config: parsed.value, text, path };
}

/** The base commit's config from the checkout's git (`git cat-file` of `<sha>:<config>`), else figures only. */
export async function readRulesFromBaseCommit(options: { workspace: string; baseSha: string; configPath: string; head: LoadedConfig }): Promise<Rules> {
  const read = await readBaseConfigText({ workspace: options.workspace, baseSha: options.baseSha, configPath: options.configPath });
  if (read.found) return baseRules(parseBaseConfig(read.text, `${options.configPath} (base ${options.baseSha.slice(0, 7)})`, options.configPath));
  return figuresOnlyRules(options.head, read.detail);
}
