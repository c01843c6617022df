import { defaultApiUrl } from "./defaults.js";
import { downloadBounded, readBoundedBody } from "./download-zip.js";
import { explainFailure } from "./explain-failure.js";
import { GitHubError } from "./github-error.js";
import {
  mapArtifact,
  mapComment,
  mapIssueEvent,
  mapPullRequest,
  mapWorkflowRun,
  type WireArtifact,
  type WireComment,
  type WireIssueEvent,
  type WirePullRequest,
  type WireWorkflowRun,
} from "./map-github.js";
import { createOctokitClient, type GitHubLog, silentLog } from "./octokit-client.js";
import type { ArtifactInfo, CheckRunRef, CommentUser, GitHubPort, RepoArtifactQuery, WorkflowRunQuery } from "./port.js";
import { createRedactor } from "./redact.js";
import { createTimeBudget, type TimeBudget } from "./time-budget.js";

export interface OctokitPortOptions {
  token: string;
  owner: string;
  repo: string;
  /** GITHUB_API_URL; differs on GitHub Enterprise Server. */
  baseUrl?: string;
  log?: GitHubLog;
  /** Retries of a 5xx, a network failure or a timed-out attempt (default 3: waits of 1, 4, 9 units). */
  retries?: number;
  /** Milliseconds per second of backoff and of `retry-after` (default 1000; tests shrink it). */
  retryDelayUnitMs?: number;
  /** Retries of a rate-limited request (default 2). */
  maxRateLimitRetries?: number;
  /** The longest `retry-after` waited for, in seconds (default 120). */
  maxRetryAfterS?: number;
  /** Time allowed for one attempt (default 60 s). */
  attemptTimeoutMs?: number;
  /** Pause between write requests (default 1000 ms, GitHub's advice against secondary rate limits). */
  writeIntervalMs?: number;
  /**
   * Wall-clock allowance for all calls through this port together, attempts, backoffs and
   * rate-limit waits included (default: defaultGitHubTimeBudgetMs). Or a budget to share.
   */
  timeBudget?: number | TimeBudget;
  now?: () => Date;
}

/**
 * Five minutes: half of the `timeout-minutes: 10` the documented comment job sets
 * (docs/workflows), so a stalled API leaves the step time to warn and exit by its verdict.
 */
export const defaultGitHubTimeBudgetMs = 5 * 60 * 1000;

/** GitHub's REST API through Octokit (@actions/github), with retries, throttling and redaction. */
export function createOctokitPort(options: OctokitPortOptions): GitHubPort {
  const redact = createRedactor([options.token]);
  const log = options.log ?? silentLog;
  const baseUrl = (options.baseUrl?.trim() || defaultApiUrl).replace(/\/+$/, "");
  if (options.token.trim() === "") {
    throw new GitHubError({
      code: "invalid-input",
      status: null,
      operation: "createOctokitPort",
      message: "the GitHub token is empty: leave the `github-token` input at its default (the job's GITHUB_TOKEN) or pass a token with the needed permissions",
    });
  }
  const retries = options.retries ?? 3;
  const retryDelayUnitMs = options.retryDelayUnitMs ?? 1000;
  const attemptTimeoutMs = options.attemptTimeoutMs ?? 60_000;
  const timeBudget = typeof options.timeBudget === "object" ? options.timeBudget : createTimeBudget(options.timeBudget ?? defaultGitHubTimeBudgetMs);
  const octokit = createOctokitClient({
    token: options.token,
    baseUrl,
    log,
    redact,
    retries,
    retryDelayUnitMs,
    maxRateLimitRetries: options.maxRateLimitRetries ?? 2,
    maxRetryAfterS: options.maxRetryAfterS ?? 120,
    attemptTimeoutMs,
    writeIntervalMs: options.writeIntervalMs ?? 1000,
    timeBudget,
  });
  const now = options.now ?? (() => new Date());
  const { owner, repo } = options;
  const rest = octokit.rest;

  async function call<T>(operation: string, subject: string | undefined, fn: () => Promise<T>): Promise<T> {
    log.debug(redact(`GitHub: ${operation}${subject ? ` (${subject})` : ""}`));
    try {
      return await fn();
    } catch (error) {
      throw explainFailure(error, { operation, subject, retries, baseUrl, redact });
    }
  }

  // The same reading of a page-limited listing for both artifact endpoints and both run endpoints.
  async function collectPages<W, T>(pages: AsyncIterable<{ data: W[] }>, map: (wire: W) => T, keep: (item: T) => boolean, limit: number, maxPages: number) {
    const out: T[] = [];
    let read = 0;
    for await (const page of pages) {
      for (const wire of page.data) {
        const item = map(wire);
        if (keep(item)) out.push(item);
        if (out.length >= limit) return out;
      }
      if (++read >= maxPages) break;
    }
    return out;
  }

  const port: GitHubPort = {
    owner,
    repo,

    listIssueComments: (issueNumber) =>
      call("listIssueComments", `pull request #${issueNumber}`, async () => {
        const wire = await octokit.paginate(rest.issues.listComments, { owner, repo, issue_number: issueNumber, per_page: 100 });
        return (wire as WireComment[]).map(mapComment);
      }),

    createComment: (issueNumber, body) =>
      call("createComment", `pull request #${issueNumber}`, async () => {
        // Not retried on a 5xx or a reset: GitHub may have created the comment before failing, and
        // a blind retry would post a duplicate (upsertStickyComment looks before trying again).
        const { data } = await rest.issues.createComment({ owner, repo, issue_number: issueNumber, body, request: { retries: 0 } });
        return mapComment(data as WireComment);
      }),

    updateComment: (commentId, body) =>
      call("updateComment", `comment ${commentId}`, async () => {
        const { data } = await rest.issues.updateComment({ owner, repo, comment_id: commentId, body });
        return mapComment(data as WireComment);
      }),

    deleteComment: (commentId) =>
      call("deleteComment", `comment ${commentId}`, async () => {
        await rest.issues.deleteComment({ owner, repo, comment_id: commentId });
      }),

    getPullRequest: (pullNumber) =>
      call("getPullRequest", `pull request #${pullNumber} in ${owner}/${repo}`, async () => {
        const { data } = await rest.pulls.get({ owner, repo, pull_number: pullNumber });
        return mapPullRequest(data as unknown as WirePullRequest);
      }),

    getFileText: (path, ref) =>
      call("getFileText", `${path} at ${ref}`, async () => {
        let data: unknown;
        try {
          ({ data } = await rest.repos.getContent({ owner, repo, path, ref }));
        } catch (error) {
          if ((error as { status?: number }).status !== 404) throw error;
          // GitHub answers 404 alike for a missing file, a missing commit and a repository the
          // token cannot read. Only a commit we can read proves the file is absent from it.
          try {
            await rest.repos.getCommit({ owner, repo, ref, mediaType: { format: "sha" } });
          } catch (probe) {
            if ((probe as { status?: number }).status !== 404 && (probe as { status?: number }).status !== 422) throw probe;
            throw new GitHubError({
              code: "http",
              status: 404,
              operation: "getFileText",
              message: `sci-gate could not read ${path} at ${ref}: GitHub answered 404 for the file and for the commit itself, so the commit is not in ${owner}/${repo} or the token cannot read the repository's contents (give the job \`permissions: contents: read\`)`,
            });
          }
          return null;
        }
        const file = data as { type?: string; encoding?: string; content?: string; size?: number };
        const refuse = (what: string) =>
          new GitHubError({ code: "invalid-response", status: 200, operation: "getFileText", message: `sci-gate could not read ${path} at ${ref}: ${what}` });
        if (Array.isArray(data) || file.type !== "file") throw refuse(`it is a ${Array.isArray(data) ? "directory" : (file.type ?? "thing of no known type")}, not a file`);
        // The contents API leaves out the content of files over 1 MB (encoding "none").
        if (file.encoding !== "base64" || typeof file.content !== "string") throw refuse(`GitHub sent no content (encoding ${String(file.encoding)}, ${file.size ?? "?"} bytes): too large for the contents API`);
        return Buffer.from(file.content, "base64").toString("utf8");
      }),

    getTokenIdentity: () =>
      call("getTokenIdentity", undefined, async (): Promise<CommentUser | null> => {
        try {
          const { data } = await rest.users.getAuthenticated();
          return { login: data.login, type: data.type };
        } catch (error) {
          const status = (error as { status?: number }).status;
          // An installation token (the job's GITHUB_TOKEN, a GitHub App's) may not call GET /user.
          if (status !== 401 && status !== 403 && status !== 404) throw error;
        }
        try {
          // GraphQL's viewer answers for installation tokens too: "<app-slug>[bot]".
          const answer = await octokit.graphql<{ viewer?: { login?: unknown } }>("query { viewer { login } }");
          const login = answer.viewer?.login;
          if (typeof login === "string" && login !== "") return { login, type: login.endsWith("[bot]") ? "Bot" : "User" };
        } catch (error) {
          log.debug(redact(`GitHub: GraphQL viewer failed: ${error instanceof Error ? error.message : String(error)}`));
        }
        return null;
      }),

    listIssueEvents: (issueNumber) =>
      call("listIssueEvents", `pull request #${issueNumber}`, async () => {
        const wire = await octokit.paginate(rest.issues.listEvents, { owner, repo, issue_number: issueNumber, per_page: 100 });
        return (wire as unknown as WireIssueEvent[]).map(mapIssueEvent);
      }),

    createCheckRun: (input) =>
      call("createCheckRun", `commit ${input.headSha}`, async () => {
        const { data } = await rest.checks.create({
          owner,
          repo,
          name: input.name,
          head_sha: input.headSha,
          status: "completed",
          conclusion: input.conclusion,
          completed_at: now().toISOString(),
          ...(input.detailsUrl ? { details_url: input.detailsUrl } : {}),
          ...(input.externalId ? { external_id: input.externalId } : {}),
          output: { title: input.title, summary: input.summary, text: input.text, annotations: input.annotations },
        });
        return { id: data.id, url: data.html_url ?? null } satisfies CheckRunRef;
      }),

    updateCheckRun: (checkRunId, output) =>
      call("updateCheckRun", `check run ${checkRunId}`, async () => {
        const { data } = await rest.checks.update({
          owner,
          repo,
          check_run_id: checkRunId,
          output: { title: output.title, summary: output.summary, text: output.text, annotations: output.annotations },
        });
        return { id: data.id, url: data.html_url ?? null } satisfies CheckRunRef;
      }),

    listWorkflowRunArtifacts: (runId) =>
      call("listWorkflowRunArtifacts", `workflow run ${runId}`, async () => {
        const wire = await octokit.paginate(rest.actions.listWorkflowRunArtifacts, { owner, repo, run_id: runId, per_page: 100 });
        return (wire as WireArtifact[]).map(mapArtifact);
      }),

    listRepoArtifacts: (query: RepoArtifactQuery) =>
      call("listRepoArtifacts", query.name ? `artifacts named "${query.name}"` : undefined, async () => {
        const pages = octokit.paginate.iterator(rest.actions.listArtifactsForRepo, {
          owner,
          repo,
          per_page: 100,
          ...(query.name ? { name: query.name } : {}),
        });
        const keep = (artifact: ArtifactInfo) =>
          !artifact.expired &&
          (query.namePrefix === undefined || artifact.name.startsWith(query.namePrefix)) &&
          (query.branch === undefined || artifact.workflowRun?.headBranch === query.branch);
        return collectPages(pages as AsyncIterable<{ data: WireArtifact[] }>, mapArtifact, keep, Number.POSITIVE_INFINITY, query.maxPages ?? 10);
      }),

    getWorkflowRun: (runId) =>
      call("getWorkflowRun", `workflow run ${runId}`, async () => {
        const { data } = await rest.actions.getWorkflowRun({ owner, repo, run_id: runId });
        return mapWorkflowRun(data as unknown as WireWorkflowRun);
      }),

    listWorkflowRuns: (query: WorkflowRunQuery) =>
      call("listWorkflowRuns", query.workflowId !== undefined ? `workflow ${query.workflowId}` : undefined, async () => {
        const limit = query.limit ?? 30;
        const filters = {
          owner,
          repo,
          per_page: Math.min(100, limit),
          ...(query.branch ? { branch: query.branch } : {}),
          ...(query.event ? { event: query.event } : {}),
          // GitHub's filter takes statuses and conclusions alike; the generated type lists them.
          ...(query.status ? { status: query.status as "success" } : {}),
        };
        const pages =
          query.workflowId === undefined
            ? octokit.paginate.iterator(rest.actions.listWorkflowRunsForRepo, filters)
            : octokit.paginate.iterator(rest.actions.listWorkflowRuns, { ...filters, workflow_id: query.workflowId });
        return collectPages(pages as AsyncIterable<{ data: WireWorkflowRun[] }>, mapWorkflowRun, () => true, limit, Math.ceil(limit / 100) + 1);
      }),

    async downloadArtifactZip(artifactId, { maxBytes }) {
      const subject = `artifact ${artifactId}`;
      const download = { maxBytes, retries, retryDelayUnitMs, timeoutMs: attemptTimeoutMs, subject, timeBudget };
      const fetchFn = (octokit.request.endpoint.DEFAULTS.request?.fetch as typeof globalThis.fetch | undefined) ?? globalThis.fetch;
      // Not following the redirect inside Octokit keeps the token away from the storage host.
      const response = await call("downloadArtifactZip", subject, () =>
        rest.actions.downloadArtifact({
          owner,
          repo,
          artifact_id: artifactId,
          archive_format: "zip",
          request: { redirect: "manual", parseSuccessResponseBody: false },
        }),
      );
      const status = response.status as number;
      const location = response.headers.location;
      const body = response.data as unknown;
      if (status >= 300 && status < 400 && typeof location === "string" && location !== "") {
        if (body instanceof ReadableStream) await body.cancel();
        return downloadBounded(new URL(location, `${baseUrl}/`).toString(), { ...download, fetch: fetchFn });
      }
      if (status === 200 && body instanceof ReadableStream) {
        // Some servers answer with the zip itself rather than a redirect.
        return readBoundedBody(new Response(body, { headers: { "content-length": String(response.headers["content-length"] ?? "") } }), {
          ...download,
          fetch: fetchFn,
        });
      }
      throw new GitHubError({
        code: "invalid-response",
        status,
        operation: "downloadArtifactZip",
        message: `sci-gate could not download ${subject}: GitHub answered ${status} without a download location; re-run the job`,
      });
    },
  };
  return port;
}
