/**
 * What went wrong talking to GitHub, said so the user can act on it. `status` is the HTTP status
 * of the final answer, or null when no answer came (network failure, timeout, refused download).
 */
export type GitHubErrorCode =
  | "http"
  | "network"
  | "timeout"
  | "rate-limited"
  | "too-large"
  | "invalid-response"
  | "invalid-input"
  /** The run's time budget for GitHub calls was spent before or during the call. */
  | "time-budget";

export class GitHubError extends Error {
  readonly code: GitHubErrorCode;
  readonly status: number | null;
  /** The port operation that failed, e.g. `createComment`. */
  readonly operation: string;

  constructor(options: { code: GitHubErrorCode; status: number | null; operation: string; message: string }) {
    super(options.message);
    this.name = "GitHubError";
    this.code = options.code;
    this.status = options.status;
    this.operation = options.operation;
  }
}

export function isGitHubError(error: unknown): error is GitHubError {
  return error instanceof GitHubError;
}

/** True when the error is GitHub saying the thing is not there (deleted meanwhile, expired, never existed). */
export function isNotFound(error: unknown): boolean {
  return error instanceof GitHubError && (error.status === 404 || error.status === 410);
}

/**
 * True when the request may have taken effect although no success came back: a 5xx, a reset
 * connection, a timed-out attempt. A create that fails this way must look before trying again.
 */
export function isOutcomeUnknown(error: unknown): boolean {
  if (!(error instanceof GitHubError)) return false;
  return error.code === "network" || error.code === "timeout" || (error.code === "http" && error.status !== null && error.status >= 500);
}
