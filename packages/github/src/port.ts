/**
 * The GitHub operations sci-gate needs, in its own words. The action's flow is written against
 * this interface; `createOctokitPort` is the real implementation, and tests give it a loopback
 * server rather than a mock.
 */

export interface CommentUser {
  login: string;
  /** "Bot", "User" or "Organization", as GitHub says. */
  type: string;
}

export interface IssueComment {
  id: number;
  body: string;
  /** Null when the author's account was deleted ("ghost"). */
  user: CommentUser | null;
  createdAt: string;
  updatedAt: string;
  /** The comment's page on github.com (html_url). */
  url: string;
}

export interface PullRequestInfo {
  number: number;
  headSha: string;
  baseSha: string;
  baseRef: string;
  headRef: string;
  labels: string[];
  /** Null when the fork the pull request came from was deleted. */
  headRepoFullName: string | null;
  /** True when the head lives in another repository (or its repository is gone). */
  isFork: boolean;
  state: "open" | "closed";
}

export interface IssueEvent {
  id: number;
  /** "labeled", "unlabeled", "assigned", … */
  event: string;
  /** The label's name for labeled/unlabeled events, else null. */
  label: string | null;
  actor: string | null;
  createdAt: string;
}

export type CheckConclusion = "success" | "failure" | "neutral";

/** One line-anchored message on a check run, in GitHub's field names (they go out as they are). */
export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: "notice" | "warning" | "failure";
  message: string;
  title?: string;
  raw_details?: string;
}

export interface CheckRunOutput {
  title: string;
  /** At most 65,535 characters (GitHub's limit). */
  summary: string;
  text?: string;
  /** At most 50 per request (GitHub's limit); later requests append. */
  annotations?: CheckAnnotation[];
}

export interface CreateCheckRunInput extends CheckRunOutput {
  name: string;
  headSha: string;
  conclusion: CheckConclusion;
  detailsUrl?: string;
  externalId?: string;
}

export interface CheckRunRef {
  id: number;
  url: string | null;
}

export interface ArtifactRun {
  id: number | null;
  headBranch: string | null;
  headSha: string | null;
  repositoryId: number | null;
  /** Differs from repositoryId when the run was for a pull request from a fork. */
  headRepositoryId: number | null;
}

export interface ArtifactInfo {
  id: number;
  name: string;
  /** As GitHub declares it; the download is bounded separately. */
  sizeBytes: number;
  expired: boolean;
  createdAt: string | null;
  workflowRun: ArtifactRun | null;
}

export interface RepoArtifactQuery {
  /** Exact artifact name, filtered by GitHub. */
  name?: string;
  /** Name prefix, filtered here (GitHub only filters exact names), e.g. matrix shards `sci-gate-report-*`. */
  namePrefix?: string;
  /** Keep artifacts whose run was for this branch. */
  branch?: string;
  /** Pages of 100 to read at most, newest first; a busy repository holds thousands of artifacts. */
  maxPages?: number;
}

export interface WorkflowRunInfo {
  id: number;
  name: string | null;
  workflowId: number;
  /** The workflow file, e.g. `.github/workflows/sci-gate.yml`. */
  path: string;
  headBranch: string | null;
  headSha: string;
  event: string;
  status: string | null;
  conclusion: string | null;
  createdAt: string;
  url: string;
  repoFullName: string | null;
  headRepoFullName: string | null;
  pullRequestNumbers: number[];
}

export interface WorkflowRunQuery {
  branch?: string;
  /** A status or a conclusion, as GitHub's `status` filter takes them, e.g. "success". */
  status?: string;
  /** A workflow id or its file name (`sci-gate.yml`). */
  workflowId?: number | string;
  event?: string;
  /** Runs to return at most, newest first (default 30). */
  limit?: number;
}

export interface GitHubPort {
  readonly owner: string;
  readonly repo: string;
  /** Every comment on the issue or pull request, oldest first, across all pages. */
  listIssueComments(issueNumber: number): Promise<IssueComment[]>;
  /** Not retried on a 5xx or a network failure: the comment may exist although the call failed. */
  createComment(issueNumber: number, body: string): Promise<IssueComment>;
  updateComment(commentId: number, body: string): Promise<IssueComment>;
  deleteComment(commentId: number): Promise<void>;
  getPullRequest(pullNumber: number): Promise<PullRequestInfo>;
  /** Every event on the issue or pull request, oldest first, across all pages. */
  listIssueEvents(issueNumber: number): Promise<IssueEvent[]>;
  createCheckRun(input: CreateCheckRunInput): Promise<CheckRunRef>;
  updateCheckRun(checkRunId: number, output: CheckRunOutput): Promise<CheckRunRef>;
  listWorkflowRunArtifacts(runId: number): Promise<ArtifactInfo[]>;
  /** Unexpired artifacts of the repository, newest first. */
  listRepoArtifacts(query: RepoArtifactQuery): Promise<ArtifactInfo[]>;
  getWorkflowRun(runId: number): Promise<WorkflowRunInfo>;
  /** Newest first. */
  listWorkflowRuns(query: WorkflowRunQuery): Promise<WorkflowRunInfo[]>;
  /**
   * A file of the repository at `ref` as text; null only when GitHub shows the commit and the
   * file is not in it. Any other failure (no access, an outage, a directory, a file too large
   * for the contents API) throws a GitHubError, so a caller can fail closed.
   */
  getFileText(path: string, ref: string): Promise<string | null>;
  /**
   * Who the token acts as: the user of a personal access token, or `<app-slug>[bot]` for an
   * installation token where GitHub tells; null when GitHub does not say (the job's GITHUB_TOKEN
   * may answer neither GET /user nor GraphQL's viewer: it is github-actions[bot]).
   */
  getTokenIdentity(): Promise<CommentUser | null>;
  /** The artifact's zip; refuses (GitHubError code "too-large") past maxBytes without reading the rest. */
  downloadArtifactZip(artifactId: number, options: { maxBytes: number }): Promise<Uint8Array>;
}
