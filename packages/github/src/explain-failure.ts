import { GitHubError } from "./github-error.js";
import type { Redactor } from "./redact.js";
import { TimeBudgetSpentError } from "./time-budget.js";

/** Where the project documents how to gate pull requests from forks (read-only token). */
export const forkDocsPath = "docs/fork-pull-requests.md";

/** What each port operation was trying to do, in the words of a failure message. */
const purposes: Record<string, string> = {
  listIssueComments: "read the pull request's comments",
  createComment: "create the sci-gate comment",
  updateComment: "update the sci-gate comment",
  deleteComment: "delete a duplicate sci-gate comment",
  getPullRequest: "read the pull request",
  listIssueEvents: "read the pull request's events",
  createCheckRun: "create the sci-gate check run",
  updateCheckRun: "update the sci-gate check run",
  listWorkflowRunArtifacts: "list the workflow run's artifacts",
  listRepoArtifacts: "list the repository's artifacts",
  getWorkflowRun: "read the workflow run",
  listWorkflowRuns: "list workflow runs",
  downloadArtifactZip: "download the report artifact",
  getFileText: "read a file of the repository",
  getTokenIdentity: "find out whom the token belongs to",
};

const forkAdvice = `on a pull_request from a fork the GITHUB_TOKEN is read-only; use the two-workflow pattern (pull_request + workflow_run) described in ${forkDocsPath}`;

/** Advice for a 403 that is not a rate limit: which permission the job's token lacks. */
function permissionAdvice(operation: string): string {
  if (operation.endsWith("Comment")) {
    return `the token cannot write comments: ${forkAdvice}; otherwise give the job \`permissions: pull-requests: write\``;
  }
  if (operation.endsWith("CheckRun")) {
    return `the token cannot write check runs: ${forkAdvice}; otherwise give the job \`permissions: checks: write\``;
  }
  if (/Artifact|WorkflowRun/.test(operation)) {
    return "the token cannot read workflow runs or artifacts: give the job `permissions: actions: read`";
  }
  return "the token cannot read pull requests: give the job `permissions: pull-requests: read`";
}

function notFoundAdvice(operation: string, subject: string | undefined): string {
  const what = subject ?? "it";
  switch (operation) {
    case "updateComment":
    case "deleteComment":
      return `${what} no longer exists (deleted meanwhile)`;
    case "downloadArtifactZip":
      return `${what} has expired or was deleted (artifacts are kept 90 days unless \`retention-days\` says less); re-run the base branch's workflow to produce a fresh one`;
    default:
      return `${what} was not found, or the token cannot see this repository (check \`github-token\` and the repository name)`;
  }
}

interface HttpFailure {
  status: number;
  githubMessage: string;
  headers: Record<string, string | undefined>;
}

export interface ExplainOptions {
  operation: string;
  /** What the operation was about, e.g. "pull request #12"; named in the message. */
  subject?: string;
  /** Retries the client allows on 5xx, said in the message so a reader knows they happened. */
  retries: number;
  baseUrl: string;
  redact: Redactor;
}

function readHttpFailure(error: unknown): HttpFailure | null {
  if (typeof error !== "object" || error === null) return null;
  const candidate = error as { status?: unknown; message?: unknown; response?: { headers?: unknown } };
  if (typeof candidate.status !== "number" || candidate.response === undefined) return null;
  const headers = (candidate.response.headers ?? {}) as Record<string, string | undefined>;
  return { status: candidate.status, githubMessage: String(candidate.message ?? ""), headers };
}

/** Octokit wraps a timed-out fetch in a RequestError; the timeout shows in the error or its cause. */
function isAbort(error: unknown): boolean {
  const named = (e: unknown) => e instanceof Error && (e.name === "AbortError" || e.name === "TimeoutError");
  return named(error) || (error instanceof Error && named(error.cause));
}

function rateLimitAdvice(failure: HttpFailure): string | null {
  if (failure.status === 429 || /secondary rate limit/i.test(failure.githubMessage)) {
    return "GitHub's secondary rate limit (too many requests in a short time) held through the retries sci-gate allows; re-run the job later, or run fewer sci-gate jobs at once";
  }
  if (failure.status === 403 && failure.headers["x-ratelimit-remaining"] === "0") {
    const reset = Number(failure.headers["x-ratelimit-reset"]);
    const when = Number.isFinite(reset) && reset > 0 ? ` until ${new Date(reset * 1000).toISOString()}` : "";
    return `the token's API rate limit is used up${when}; re-run the job after that`;
  }
  return null;
}

/** Turns whatever Octokit threw into a GitHubError whose message says what to do; secrets are redacted. */
export function explainFailure(error: unknown, options: ExplainOptions): GitHubError {
  if (error instanceof GitHubError) return error;
  const { operation, redact } = options;
  const purpose = `sci-gate could not ${purposes[operation] ?? operation}${options.subject ? ` (${options.subject})` : ""}`;
  const make = (code: GitHubError["code"], status: number | null, message: string) =>
    new GitHubError({ code, status, operation, message: redact(message) });

  if (error instanceof TimeBudgetSpentError) return make("time-budget", null, `${purpose}: ${error.message}`);
  if (isAbort(error)) {
    return make("timeout", null, `${purpose}: GitHub did not answer in time, after ${options.retries} retries; GitHub may be degraded (https://www.githubstatus.com), re-run the job`);
  }
  const failure = readHttpFailure(error);
  if (failure === null) {
    const reason = error instanceof Error ? error.message : String(error);
    return make("network", null, `${purpose}: GitHub at ${options.baseUrl} could not be reached (${reason}); check GITHUB_API_URL, the network and any proxy`);
  }
  const answered = `GitHub answered ${failure.status}${failure.githubMessage ? ` "${failure.githubMessage}"` : ""}`;
  const rateLimited = rateLimitAdvice(failure);
  if (rateLimited !== null) return make("rate-limited", failure.status, `${purpose}: ${answered}; ${rateLimited}`);
  let advice: string;
  if (failure.status === 401) {
    advice = "the token was rejected: check the `github-token` input (a GITHUB_TOKEN is valid only while its job runs)";
  } else if (failure.status === 403) {
    advice = permissionAdvice(operation);
  } else if (failure.status === 404 || failure.status === 410) {
    advice = notFoundAdvice(operation, options.subject);
  } else if (failure.status === 422) {
    advice = operation.endsWith("CheckRun")
      ? "GitHub refused the check run's content (the head sha must be a commit of this repository; a summary is limited to 65,535 characters)"
      : "GitHub refused the content (a comment body is limited to 65,536 characters)";
  } else if (failure.status >= 500) {
    advice = `GitHub failed after ${options.retries} retries; a GitHub outage or a transient fault (https://www.githubstatus.com), re-run the job`;
  } else {
    advice = "an unexpected answer; re-run the job, and report it to sci-gate if it persists";
  }
  return make("http", failure.status, `${purpose}: ${answered}; ${advice}`);
}
