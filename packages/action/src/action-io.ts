import type { GitHubPort, PullRequestContext } from "@sci-gate/github";

export interface ActionLog {
  info(message: string): void;
  warning(message: string, annotation?: { file?: string; startLine?: number; title?: string }): void;
  error(message: string, annotation?: { file?: string; startLine?: number; title?: string }): void;
}

/** Everything the action touches outside itself, injected so tests give it real files and a loopback GitHub. */
export interface ActionDeps {
  env: Record<string, string | undefined>;
  workspace: string;
  readEvent: () => Promise<unknown>;
  createPort: (token: string, context: PullRequestContext) => GitHubPort;
  log: ActionLog;
  setOutput: (name: string, value: string) => void;
  /**
   * Replaces this step's job summary with the markdown: the summary is written first from what
   * was measured, before any GitHub call, and rewritten when GitHub adds to it (a trend, an
   * accepted regression), so it always holds one whole report.
   */
  writeSummary: (markdown: string) => Promise<void>;
  version: string;
  signal?: AbortSignal;
}

/** What the flow writes through, every text redacted on its way out. */
export type ActionIo = Pick<ActionDeps, "log" | "setOutput" | "writeSummary" | "workspace" | "version">;
