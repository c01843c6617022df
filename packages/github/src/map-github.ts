import type { ArtifactInfo, IssueComment, IssueEvent, PullRequestInfo, WorkflowRunInfo } from "./port.js";

/**
 * GitHub's answers, reduced to the fields sci-gate reads. Typed structurally (not with the
 * generated OpenAPI types) so a field GitHub leaves out is a visible `undefined` here.
 */
interface WireUser {
  login: string;
  type?: string;
}

export interface WireComment {
  id: number;
  body?: string | null;
  user: WireUser | null;
  created_at: string;
  updated_at: string;
  html_url: string;
}

export function mapComment(wire: WireComment): IssueComment {
  return {
    id: wire.id,
    body: wire.body ?? "",
    user: wire.user ? { login: wire.user.login, type: wire.user.type ?? "User" } : null,
    createdAt: wire.created_at,
    updatedAt: wire.updated_at,
    url: wire.html_url,
  };
}

interface WireRepoRef {
  id: number;
  full_name: string;
}

export interface WirePullRequest {
  number: number;
  state: string;
  labels: { name?: string }[];
  head: { sha: string; ref: string; repo: WireRepoRef | null };
  base: { sha: string; ref: string; repo: WireRepoRef };
}

export function mapPullRequest(wire: WirePullRequest): PullRequestInfo {
  const headRepo = wire.head.repo;
  return {
    number: wire.number,
    headSha: wire.head.sha,
    baseSha: wire.base.sha,
    baseRef: wire.base.ref,
    headRef: wire.head.ref,
    labels: wire.labels.map((label) => label.name ?? "").filter((name) => name !== ""),
    headRepoFullName: headRepo?.full_name ?? null,
    // A deleted head repository can only have been a fork: the base repository still exists.
    isFork: headRepo === null || headRepo.id !== wire.base.repo.id,
    state: wire.state === "closed" ? "closed" : "open",
  };
}

export interface WireIssueEvent {
  id: number;
  event: string;
  actor?: WireUser | null;
  created_at: string;
  label?: { name: string } | null;
}

export function mapIssueEvent(wire: WireIssueEvent): IssueEvent {
  return {
    id: wire.id,
    event: wire.event,
    label: wire.label?.name ?? null,
    actor: wire.actor?.login ?? null,
    createdAt: wire.created_at,
  };
}

export interface WireArtifact {
  id: number;
  name: string;
  size_in_bytes: number;
  expired: boolean;
  created_at: string | null;
  workflow_run?: {
    id?: number;
    head_branch?: string;
    head_sha?: string;
    repository_id?: number;
    head_repository_id?: number;
  } | null;
}

export function mapArtifact(wire: WireArtifact): ArtifactInfo {
  const run = wire.workflow_run;
  return {
    id: wire.id,
    name: wire.name,
    sizeBytes: wire.size_in_bytes,
    expired: wire.expired,
    createdAt: wire.created_at,
    workflowRun: run
      ? {
          id: run.id ?? null,
          headBranch: run.head_branch ?? null,
          headSha: run.head_sha ?? null,
          repositoryId: run.repository_id ?? null,
          headRepositoryId: run.head_repository_id ?? null,
        }
      : null,
  };
}

export interface WireWorkflowRun {
  id: number;
  name?: string | null;
  workflow_id: number;
  path: string;
  head_branch: string | null;
  head_sha: string;
  event: string;
  status: string | null;
  conclusion: string | null;
  created_at: string;
  html_url: string;
  repository?: { full_name: string } | null;
  head_repository?: { full_name: string } | null;
  pull_requests?: { number: number }[] | null;
}

export function mapWorkflowRun(wire: WireWorkflowRun): WorkflowRunInfo {
  return {
    id: wire.id,
    name: wire.name ?? null,
    workflowId: wire.workflow_id,
    path: wire.path,
    headBranch: wire.head_branch,
    headSha: wire.head_sha,
    event: wire.event,
    status: wire.status,
    conclusion: wire.conclusion,
    createdAt: wire.created_at,
    url: wire.html_url,
    repoFullName: wire.repository?.full_name ?? null,
    headRepoFullName: wire.head_repository?.full_name ?? null,
    pullRequestNumbers: (wire.pull_requests ?? []).map((pr) => pr.number),
  };
}
