import type { GitHubServer } from "../../../test/support/github-server.js";
import { expect } from "vitest";
import { GitHubError } from "./github-error.js";
import type { GitHubLog } from "./octokit-client.js";
import { createOctokitPort, type OctokitPortOptions } from "./octokit-port.js";

/** A token shaped like a real installation token, planted to prove it never leaks. */
export const plantedToken = "ghs_PLANTEDtokenDoNotLeak0123456789abcdef";

export interface CapturedLog extends GitHubLog {
  lines: string[];
}

export function captureLog(): CapturedLog {
  const lines: string[] = [];
  return {
    lines,
    debug: (message) => lines.push(`debug: ${message}`),
    info: (message) => lines.push(`info: ${message}`),
    warning: (message) => lines.push(`warning: ${message}`),
  };
}

/** A real Octokit port aimed at the fake server, with backoff shrunk to milliseconds. */
export function createTestPort(server: GitHubServer, options: Partial<OctokitPortOptions> = {}) {
  return createOctokitPort({
    token: plantedToken,
    owner: server.owner,
    repo: server.repo,
    baseUrl: server.url,
    retryDelayUnitMs: 1,
    writeIntervalMs: 0,
    attemptTimeoutMs: 5_000,
    ...options,
  });
}

/** The GitHubError a call must end in (any other outcome fails the test). */
export async function expectGitHubError(promise: Promise<unknown>): Promise<GitHubError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GitHubError);
  return error as GitHubError;
}
