import { describeValue, type InputIssue, type ParseResult } from "@sci-gate/core";
import { defaultApiUrl, defaultServerUrl } from "./defaults.js";

export const supportedEvents = ["pull_request", "pull_request_target", "merge_group", "workflow_run", "push", "workflow_dispatch", "schedule"] as const;
export type GitHubEventName = (typeof supportedEvents)[number];

/** The environment variables the runner sets; `process.env` fits. */
export type ContextEnv = Readonly<Record<string, string | undefined>>;

export interface PullRequestContext {
  owner: string;
  repo: string;
  eventName: GitHubEventName;
  /**
   * The pull request the run is about: the event's own, the one a merge group's head_ref names,
   * or the one GitHub linked to a workflow_run (none for forks); null for pushes and the like.
   */
  prNumber: number | null;
  /** The commit measured and checked: the pull request's head, never the test merge commit. */
  headSha: string;
  baseSha: string | null;
  baseRef: string | null;
  headRef: string | null;
  /** The head comes from another repository: the token is read-only on pull_request. */
  isFork: boolean;
  /** This job's run (GITHUB_RUN_ID). */
  runId: number;
  apiUrl: string;
  serverUrl: string;
  runnerEnvironment: "github-hosted" | "self-hosted" | null;
  /** For merge_group: the queue's commits, and the pull request its head_ref names (`gh-readonly-queue/<base>/pr-<n>-<sha>`). */
  mergeGroup?: { baseSha: string; headSha: string; prNumber: number | null };
  /** For workflow_run: the run that triggered this one, whose artifacts hold the reports. */
  workflowRun?: WorkflowRunContext;
  /**
   * The pull request's labels as the event payload has them (pull_request events), and who applied
   * one when the event is that `labeled` action: what a job without API access knows of them.
   */
  eventLabels?: { names: string[]; applied: { label: string; by: string } | null; action: string | null };
}

export interface WorkflowRunContext {
  id: number;
  event: string;
  conclusion: string | null;
  headBranch: string | null;
  /** The commit the triggering run measured (workflow_run.head_sha): the only head a comment may be about. */
  headSha: string;
  /** owner/repo the triggering run's code came from (a fork's for a fork's pull request); null when the payload lacks it. */
  headRepoFullName: string | null;
  /** The pull requests GitHub linked to the run (empty for forks). */
  pullRequestNumbers: number[];
}

/** A merge queue's branch: `refs/heads/gh-readonly-queue/<base branch>/pr-<number>-<head sha>`. */
const mergeQueueRef = /^(?:refs\/heads\/)?gh-readonly-queue\/.+\/pr-([1-9][0-9]{0,9})-[0-9a-f]{40}$/;

/** The pull request a merge group was made for, from its head_ref; null for a ref of another shape. */
export function parseMergeQueuePullNumber(headRef: string): number | null {
  const match = mergeQueueRef.exec(headRef);
  return match ? Number(match[1]) : null;
}

const shaPattern = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const zeroSha = /^0+$/;

type Json = Record<string, unknown>;

function at(root: unknown, path: string): unknown {
  let node = root;
  for (const key of path.split(".")) {
    if (node === null || typeof node !== "object" || Array.isArray(node)) return undefined;
    node = (node as Json)[key];
  }
  return node;
}

function stripHeads(ref: string): string {
  return ref.startsWith("refs/heads/") ? ref.slice("refs/heads/".length) : ref;
}

/**
 * Reads the run's context from the event name, its payload (GITHUB_EVENT_PATH's JSON) and the
 * runner's variables. `eventFile` names the payload in messages (the path the runner wrote it to).
 */
export function readPullRequestContext(env: ContextEnv, eventJson: unknown, eventFile = "event payload"): ParseResult<PullRequestContext> {
  const errors: InputIssue[] = [];
  const fromEnv = (name: string, message: string) => errors.push({ file: "environment", line: null, column: null, path: name, message });
  const fromEvent = (path: string, message: string) => errors.push({ file: eventFile, line: null, column: null, path, message });

  const eventName = env.GITHUB_EVENT_NAME;
  if (!supportedEvents.includes(eventName as GitHubEventName)) {
    fromEnv("GITHUB_EVENT_NAME", `expected one of ${supportedEvents.join(", ")}, got ${describeValue(eventName)}`);
  }
  const repository = env.GITHUB_REPOSITORY ?? "";
  const [owner, repo, ...extra] = repository.split("/");
  if (!owner || !repo || extra.length > 0) fromEnv("GITHUB_REPOSITORY", `expected "owner/repo", got ${describeValue(env.GITHUB_REPOSITORY)}`);
  const runIdText = env.GITHUB_RUN_ID ?? "";
  if (!/^[1-9][0-9]{0,17}$/.test(runIdText)) fromEnv("GITHUB_RUN_ID", `expected a workflow run id (digits), got ${describeValue(env.GITHUB_RUN_ID)}`);
  const url = (name: string, fallback: string) => {
    const value = env[name]?.trim() || fallback;
    if (!/^https?:\/\/[^\s/]+/.test(value)) fromEnv(name, `expected an http(s) URL, got ${describeValue(env[name])}`);
    return value.replace(/\/+$/, "");
  };
  const apiUrl = url("GITHUB_API_URL", defaultApiUrl);
  const serverUrl = url("GITHUB_SERVER_URL", defaultServerUrl);
  if (eventJson === null || typeof eventJson !== "object" || Array.isArray(eventJson)) {
    fromEvent("", `expected the JSON object GitHub writes to GITHUB_EVENT_PATH, got ${describeValue(eventJson)}`);
    return { ok: false, errors };
  }

  const sha = (path: string, required: boolean): string | null => {
    const value = at(eventJson, path);
    if (typeof value === "string" && shaPattern.test(value)) return value;
    if (!required && (value === undefined || value === null)) return null;
    fromEvent(path, `expected a commit sha, got ${describeValue(value)}`);
    return null;
  };
  const text = (path: string, required: boolean): string | null => {
    const value = at(eventJson, path);
    if (typeof value === "string" && value !== "") return value;
    if (!required && (value === undefined || value === null)) return null;
    fromEvent(path, `expected a name, got ${describeValue(value)}`);
    return null;
  };
  const sameRepo = (a: unknown, b: unknown) => typeof a === "string" && typeof b === "string" && a.toLowerCase() === b.toLowerCase();

  let prNumber: number | null = null;
  let headSha: string | null = null;
  let baseSha: string | null = null;
  let baseRef: string | null = null;
  let headRef: string | null = null;
  let isFork = false;
  let mergeGroup: PullRequestContext["mergeGroup"];
  let workflowRun: PullRequestContext["workflowRun"];
  let eventLabels: PullRequestContext["eventLabels"];

  switch (eventName as GitHubEventName) {
    case "pull_request":
    case "pull_request_target": {
      const number = at(eventJson, "pull_request.number") ?? at(eventJson, "number");
      if (typeof number === "number" && Number.isInteger(number) && number > 0) prNumber = number;
      else fromEvent("pull_request.number", `expected a pull request number, got ${describeValue(number)}`);
      headSha = sha("pull_request.head.sha", true);
      baseSha = sha("pull_request.base.sha", true);
      baseRef = text("pull_request.base.ref", true);
      headRef = text("pull_request.head.ref", true);
      const headRepo = at(eventJson, "pull_request.head.repo.full_name");
      const baseRepo = at(eventJson, "pull_request.base.repo.full_name") ?? repository;
      // A deleted fork leaves head.repo null; only a fork can be deleted while its pull request stays.
      isFork = !sameRepo(headRepo, baseRepo);
      eventLabels = readEventLabels(eventJson);
      break;
    }
    case "merge_group": {
      headSha = sha("merge_group.head_sha", true);
      baseSha = sha("merge_group.base_sha", true);
      const base = text("merge_group.base_ref", true);
      const head = text("merge_group.head_ref", false);
      baseRef = base === null ? null : stripHeads(base);
      headRef = head === null ? null : stripHeads(head);
      const queued = head === null ? null : parseMergeQueuePullNumber(head);
      if (headSha !== null && baseSha !== null) mergeGroup = { baseSha, headSha, prNumber: queued };
      // The queue tests the pull request merged onto its base: its labels (an accepted regression) apply.
      prNumber = queued;
      break;
    }
    case "workflow_run": {
      const id = at(eventJson, "workflow_run.id");
      if (typeof id !== "number" || !Number.isInteger(id) || id <= 0) fromEvent("workflow_run.id", `expected a workflow run id, got ${describeValue(id)}`);
      headSha = sha("workflow_run.head_sha", true);
      headRef = text("workflow_run.head_branch", false);
      const pulls = at(eventJson, "workflow_run.pull_requests");
      const list = Array.isArray(pulls) ? (pulls as unknown[]) : [];
      const linked = list.map((p) => at(p, "number")).filter((n): n is number => typeof n === "number" && Number.isInteger(n) && n > 0);
      const headRepoName = at(eventJson, "workflow_run.head_repository.full_name");
      // GitHub leaves pull_requests empty for forks; the report's own pullRequest field names it then.
      const pull = list.find((p) => at(p, "head.sha") === headSha) ?? list[0];
      if (pull !== undefined) {
        const number = at(pull, "number");
        prNumber = typeof number === "number" && Number.isInteger(number) && number > 0 ? number : null;
        const base = at(pull, "base.sha");
        baseSha = typeof base === "string" && shaPattern.test(base) ? base : null;
        const ref = at(pull, "base.ref");
        baseRef = typeof ref === "string" && ref !== "" ? ref : null;
      }
      // Missing repository data counts as a fork: this event runs with a write token.
      isFork = !sameRepo(at(eventJson, "workflow_run.head_repository.full_name"), at(eventJson, "workflow_run.repository.full_name") ?? repository);
      const event = at(eventJson, "workflow_run.event");
      const conclusion = at(eventJson, "workflow_run.conclusion");
      if (typeof id === "number" && headSha !== null) {
        workflowRun = {
          id,
          event: typeof event === "string" ? event : "",
          conclusion: typeof conclusion === "string" ? conclusion : null,
          headBranch: headRef,
          headSha,
          headRepoFullName: typeof headRepoName === "string" && headRepoName !== "" ? headRepoName : null,
          pullRequestNumbers: linked,
        };
      }
      break;
    }
    case "push": {
      headSha = at(eventJson, "after") === undefined ? null : sha("after", true);
      const before = at(eventJson, "before");
      baseSha = typeof before === "string" && zeroSha.test(before) ? null : sha("before", false);
      const ref = at(eventJson, "ref");
      headRef = typeof ref === "string" && ref.startsWith("refs/heads/") ? stripHeads(ref) : null;
      break;
    }
    default:
      break;
  }
  if (headSha === null && errors.length === 0) {
    const value = env.GITHUB_SHA;
    if (typeof value === "string" && shaPattern.test(value)) headSha = value;
    else fromEnv("GITHUB_SHA", `expected a commit sha, got ${describeValue(value)}`);
  }
  if (errors.length > 0 || headSha === null) return { ok: false, errors };
  const runner = env.RUNNER_ENVIRONMENT;
  const value: PullRequestContext = {
    owner: owner as string,
    repo: repo as string,
    eventName: eventName as GitHubEventName,
    prNumber,
    headSha,
    baseSha,
    baseRef,
    headRef,
    isFork,
    runId: Number(runIdText),
    apiUrl,
    serverUrl,
    runnerEnvironment: runner === "github-hosted" || runner === "self-hosted" ? runner : null,
    ...(mergeGroup ? { mergeGroup } : {}),
    ...(workflowRun ? { workflowRun } : {}),
    ...(eventLabels ? { eventLabels } : {}),
  };
  return { ok: true, value, warnings: [] };
}

/** Label names of a pull_request payload, and the applier when the event is the `labeled` action itself. */
function readEventLabels(eventJson: unknown): NonNullable<PullRequestContext["eventLabels"]> {
  const raw = at(eventJson, "pull_request.labels");
  const names = (Array.isArray(raw) ? raw : []).map((label) => at(label, "name")).filter((name): name is string => typeof name === "string" && name !== "");
  const label = at(eventJson, "label.name");
  const sender = at(eventJson, "sender.login");
  const action = at(eventJson, "action");
  const applied = action === "labeled" && typeof label === "string" && typeof sender === "string" && sender !== "" ? { label, by: sender } : null;
  return { names, applied, action: typeof action === "string" ? action : null };
}
