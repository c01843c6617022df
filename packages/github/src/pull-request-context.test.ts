import { createRequire } from "node:module";
import { formatIssue } from "@sci-gate/core";
import { describe, expect, it } from "vitest";
import { parseMergeQueuePullNumber, readPullRequestContext } from "./pull-request-context.js";

// Real webhook payloads, as GitHub writes them to GITHUB_EVENT_PATH (octokit/webhooks examples).
interface WebhookExamples {
  name: string;
  examples: Record<string, unknown>[];
}
const examples = createRequire(import.meta.url)("@octokit/webhooks-examples") as WebhookExamples[];
const payloads = (name: string, action?: string) =>
  (examples.find((e) => e.name === name)?.examples ?? []).filter((e) => action === undefined || e.action === action);
const first = (name: string, action?: string) => {
  const payload = payloads(name, action)[0];
  if (payload === undefined) throw new Error(`no ${name} ${action ?? ""} example`);
  return structuredClone(payload);
};

/** Reads a dotted path ("pull_request.head.sha"; array indexes as numbers) of a payload. */
function get(root: unknown, path: string): unknown {
  if (path === "") return root;
  return path.split(".").reduce<unknown>((node, key) => (node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined), root);
}

/** Sets (or with `undefined`, deletes) a dotted path of a payload, to derive variants GitHub sends. */
function set(root: unknown, path: string, value: unknown): void {
  const keys = path.split(".");
  const last = keys.pop() as string;
  const parent = get(root, keys.join(".")) as Record<string, unknown>;
  if (value === undefined) delete parent[last];
  else parent[last] = value;
}

const env = (eventName: string, extra: Record<string, string> = {}) => ({
  GITHUB_EVENT_NAME: eventName,
  GITHUB_REPOSITORY: "Codertocat/Hello-World",
  GITHUB_SHA: "1111111111111111111111111111111111111111",
  GITHUB_RUN_ID: "9876543210",
  RUNNER_ENVIRONMENT: "github-hosted",
  ...extra,
});

function read(eventName: string, payload: unknown, extra: Record<string, string> = {}) {
  const result = readPullRequestContext(env(eventName, extra), payload);
  if (!result.ok) throw new Error(result.errors.map(formatIssue).join("\n"));
  return result.value;
}

function errorsOf(eventName: string, payload: unknown, extra: Record<string, string> = {}) {
  const result = readPullRequestContext(env(eventName, extra), payload);
  if (result.ok) throw new Error("expected errors");
  return result.errors.map(formatIssue);
}

describe("readPullRequestContext", () => {
  it("reads every opened and synchronize pull_request example", () => {
    const cases = [...payloads("pull_request", "opened"), ...payloads("pull_request", "synchronize")];
    expect(cases.length).toBeGreaterThanOrEqual(2);
    for (const payload of cases) {
      const context = read("pull_request", payload);
      expect(context).toMatchObject({
        owner: "Codertocat",
        repo: "Hello-World",
        eventName: "pull_request",
        prNumber: get(payload, "pull_request.number"),
        headSha: get(payload, "pull_request.head.sha"),
        baseSha: get(payload, "pull_request.base.sha"),
        baseRef: get(payload, "pull_request.base.ref"),
        headRef: get(payload, "pull_request.head.ref"),
        isFork: false,
        runId: 9876543210,
        apiUrl: "https://api.github.com",
        serverUrl: "https://github.com",
        runnerEnvironment: "github-hosted",
      });
      // The check run belongs on the head commit, not on GITHUB_SHA (the test merge commit).
      expect(context.headSha).not.toBe(env("").GITHUB_SHA);
    }
  });

  it("sees a pull request from a fork, and one whose fork was deleted", () => {
    const fork = first("pull_request", "opened");
    set(fork, "pull_request.head.repo.full_name", "forker/Hello-World");
    set(fork, "pull_request.head.repo.owner.login", "forker");
    expect(read("pull_request", fork).isFork).toBe(true);
    expect(read("pull_request_target", fork)).toMatchObject({ isFork: true, eventName: "pull_request_target" });
    const deleted = first("pull_request", "synchronize");
    set(deleted, "pull_request.head.repo", null);
    expect(read("pull_request", deleted).isFork).toBe(true);
  });

  it("names the missing field of a broken payload", () => {
    const broken = first("pull_request", "opened");
    set(broken, "pull_request.base.sha", undefined);
    set(broken, "pull_request.head.sha", "not-a-sha");
    expect(errorsOf("pull_request", broken)).toEqual([
      'event payload pull_request.head.sha: expected a commit sha, got "not-a-sha"',
      "event payload pull_request.base.sha: expected a commit sha, got nothing",
    ]);
  });

  it("reads a merge group, and the pull request its queue branch names", () => {
    const payload = first("merge_group", "checks_requested");
    const context = read("merge_group", payload);
    const headSha = get(payload, "merge_group.head_sha");
    const baseSha = get(payload, "merge_group.base_sha");
    // head_ref: refs/heads/gh-readonly-queue/main/pr-104-929f8209d40f77f4abc622a499c93a83babdbe64
    expect(context).toMatchObject({ prNumber: 104, headSha, baseSha, baseRef: "main", isFork: false, mergeGroup: { baseSha, headSha, prNumber: 104 } });
    // A head_ref of another shape names no pull request; the run still checks the group's commit.
    set(payload, "merge_group.head_ref", "refs/heads/some-other-queue");
    expect(read("merge_group", payload)).toMatchObject({ prNumber: null, headSha, mergeGroup: { prNumber: null } });
  });

  it("parses the pull request number of a merge queue branch, and nothing else", () => {
    const sha = "929f8209d40f77f4abc622a499c93a83babdbe64";
    expect(parseMergeQueuePullNumber(`refs/heads/gh-readonly-queue/main/pr-104-${sha}`)).toBe(104);
    expect(parseMergeQueuePullNumber(`gh-readonly-queue/release/v2/pr-7-${sha}`)).toBe(7);
    expect(parseMergeQueuePullNumber(`refs/heads/gh-readonly-queue/main/pr-104-${sha.slice(0, 39)}`)).toBeNull();
    expect(parseMergeQueuePullNumber(`refs/heads/gh-readonly-queue/main/pr-0-${sha}`)).toBeNull();
    expect(parseMergeQueuePullNumber(`refs/heads/feature/pr-104-${sha}`)).toBeNull();
  });

  it("reads a workflow_run linked to a pull request, and a fork's that GitHub leaves unlinked", () => {
    const linked = payloads("workflow_run", "completed").find((p) => get(p, "workflow_run.pull_requests.0") !== undefined);
    expect(linked).toBeDefined();
    const run = (path: string) => get(linked, `workflow_run.${path}`);
    const context = read("workflow_run", linked);
    expect(context).toMatchObject({
      prNumber: run("pull_requests.0.number"),
      headSha: run("head_sha"),
      baseSha: run("pull_requests.0.base.sha"),
      baseRef: run("pull_requests.0.base.ref"),
      isFork: false,
      workflowRun: {
        id: run("id"),
        event: run("event"),
        conclusion: run("conclusion"),
        headBranch: run("head_branch"),
        headSha: run("head_sha"),
        headRepoFullName: run("head_repository.full_name"),
        pullRequestNumbers: [run("pull_requests.0.number")],
      },
    });

    const fork = structuredClone(linked);
    set(fork, "workflow_run.pull_requests", []);
    set(fork, "workflow_run.head_repository.full_name", "forker/Hello-World");
    expect(read("workflow_run", fork)).toMatchObject({ prNumber: null, baseSha: null, isFork: true, workflowRun: { headRepoFullName: "forker/Hello-World", pullRequestNumbers: [] } });
    // A payload without head_repository says nothing of where the code came from: null, never a guess.
    set(fork, "workflow_run.head_repository", undefined);
    expect(read("workflow_run", fork).workflowRun?.headRepoFullName).toBeNull();
  });

  it("reads the labels of a pull_request payload, and who applied one on a labeled event", () => {
    const labeled = first("pull_request", "labeled");
    const label = get(labeled, "label.name");
    const sender = get(labeled, "sender.login");
    expect(read("pull_request", labeled).eventLabels).toEqual({ names: [label], applied: { label, by: sender }, action: "labeled" });
    const opened = first("pull_request", "opened");
    set(opened, "pull_request.labels", [{ name: "sci-gate:accept" }, { name: "" }, { id: 3 }]);
    expect(read("pull_request", opened).eventLabels).toEqual({ names: ["sci-gate:accept"], applied: null, action: "opened" });
  });

  it("reads a push, with no base on a new branch", () => {
    const payload = first("push");
    set(payload, "ref", "refs/heads/main");
    set(payload, "before", "f95f852bd8fca8fcc58a9a2d6c842781e32a215e");
    const context = read("push", payload);
    expect(context).toMatchObject({ prNumber: null, headSha: payload.after, baseSha: payload.before, headRef: "main", isFork: false });
    set(payload, "before", "0000000000000000000000000000000000000000");
    expect(read("push", payload).baseSha).toBeNull();
  });

  it("uses GITHUB_SHA where the payload names no commit (workflow_dispatch)", () => {
    expect(read("workflow_dispatch", first("workflow_dispatch")).headSha).toBe("1111111111111111111111111111111111111111");
  });

  it("takes GitHub Enterprise Server URLs from the environment", () => {
    const context = read("pull_request", first("pull_request", "opened"), {
      GITHUB_API_URL: "https://ghes.example.com/api/v3/",
      GITHUB_SERVER_URL: "https://ghes.example.com",
      RUNNER_ENVIRONMENT: "self-hosted",
    });
    expect(context).toMatchObject({ apiUrl: "https://ghes.example.com/api/v3", serverUrl: "https://ghes.example.com", runnerEnvironment: "self-hosted" });
  });

  it("names each bad variable of the environment", () => {
    const result = readPullRequestContext({ GITHUB_EVENT_NAME: "issues", GITHUB_REPOSITORY: "just-a-name", GITHUB_RUN_ID: "12abc" }, {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map(formatIssue)).toEqual([
      expect.stringMatching(/^environment GITHUB_EVENT_NAME: expected one of pull_request, .*, got "issues"$/),
      'environment GITHUB_REPOSITORY: expected "owner/repo", got "just-a-name"',
      'environment GITHUB_RUN_ID: expected a workflow run id (digits), got "12abc"',
    ]);
  });

  it("refuses a payload that is not an object", () => {
    expect(errorsOf("pull_request", "[]")).toEqual(['event payload: expected the JSON object GitHub writes to GITHUB_EVENT_PATH, got "[]"']);
  });
});
