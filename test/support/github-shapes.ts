/**
 * GitHub REST objects as GitHub writes them, built from the fake server's state. Field names and
 * required properties follow the OpenAPI description in @octokit/openapi; a test in
 * packages/github checks these shapes against it so the fake cannot drift silently.
 */

import { nodeId, repositoryShape, userShape } from "./github-repository-shape.js";
import type { FakeArtifact, FakeCheckRun, FakeComment, FakeLabelEvent, FakePullRequest, FakeRun, FakeUser, ShapeContext } from "./github-state.js";

/** GET /user for a personal access token: a `public-user` (the private fields are optional). */
export function authenticatedUserShape(ctx: ShapeContext, user: FakeUser) {
  return {
    ...userShape(ctx, user),
    name: null,
    company: null,
    blog: null,
    location: null,
    email: null,
    hireable: null,
    bio: null,
    public_repos: 1,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: "2020-01-01T00:00:00Z",
    updated_at: "2024-05-01T00:00:00Z",
  };
}

export function commentShape(ctx: ShapeContext, comment: FakeComment) {
  const repoUrl = `${ctx.api}/repos/${ctx.owner}/${ctx.repo}`;
  return {
    id: comment.id,
    node_id: nodeId("IssueComment", comment.id),
    url: `${repoUrl}/issues/comments/${comment.id}`,
    html_url: `${ctx.web}/${ctx.owner}/${ctx.repo}/pull/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${repoUrl}/issues/${comment.issueNumber}`,
    body: comment.body,
    user: comment.user === null ? null : userShape(ctx, comment.user),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    author_association: comment.user?.type === "Bot" ? "NONE" : "MEMBER",
    performed_via_github_app: null,
  };
}

function linkShape(href: string) {
  return { href };
}

export function pullRequestShape(ctx: ShapeContext, pr: FakePullRequest) {
  const repoFull = `${ctx.owner}/${ctx.repo}`;
  const repoUrl = `${ctx.api}/repos/${repoFull}`;
  const url = `${repoUrl}/pulls/${pr.number}`;
  const htmlUrl = `${ctx.web}/${repoFull}/pull/${pr.number}`;
  const headRepoId = pr.headRepoFullName === repoFull ? ctx.repositoryId : ctx.repositoryId + 7;
  const headOwner = (pr.headRepoFullName ?? "ghost/deleted").split("/")[0] ?? "ghost";
  return {
    url,
    id: 1_000_000 + pr.number,
    node_id: nodeId("PullRequest", pr.number),
    html_url: htmlUrl,
    diff_url: `${htmlUrl}.diff`,
    patch_url: `${htmlUrl}.patch`,
    issue_url: `${repoUrl}/issues/${pr.number}`,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${repoUrl}/pulls/comments{/number}`,
    comments_url: `${repoUrl}/issues/${pr.number}/comments`,
    statuses_url: `${repoUrl}/statuses/${pr.headSha}`,
    number: pr.number,
    state: pr.state,
    locked: false,
    title: pr.title,
    user: userShape(ctx, pr.user),
    body: null,
    labels: pr.labels.map((name, index) => ({
      id: 5_000 + index,
      node_id: nodeId("Label", 5_000 + index),
      url: `${repoUrl}/labels/${encodeURIComponent(name)}`,
      name,
      description: null,
      color: "ededed",
      default: false,
    })),
    milestone: null,
    active_lock_reason: null,
    created_at: "2024-05-01T00:00:00Z",
    updated_at: "2024-05-01T00:00:00Z",
    closed_at: null,
    merged_at: null,
    merge_commit_sha: null,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    head: {
      label: `${headOwner}:${pr.headRef}`,
      ref: pr.headRef,
      sha: pr.headSha,
      user: userShape(ctx, { login: headOwner, id: 2_000_000 + pr.number, type: "User" }),
      repo: pr.headRepoFullName === null ? null : repositoryShape(ctx, pr.headRepoFullName, headRepoId),
    },
    base: {
      label: `${ctx.owner}:${pr.baseRef}`,
      ref: pr.baseRef,
      sha: pr.baseSha,
      user: userShape(ctx, { login: ctx.owner, id: ctx.repositoryId + 1_000_000, type: "Organization" }),
      repo: repositoryShape(ctx, repoFull, ctx.repositoryId),
    },
    _links: {
      self: linkShape(url),
      html: linkShape(htmlUrl),
      issue: linkShape(`${repoUrl}/issues/${pr.number}`),
      comments: linkShape(`${repoUrl}/issues/${pr.number}/comments`),
      review_comments: linkShape(`${url}/comments`),
      review_comment: linkShape(`${repoUrl}/pulls/comments{/number}`),
      commits: linkShape(`${url}/commits`),
      statuses: linkShape(`${repoUrl}/statuses/${pr.headSha}`),
    },
    author_association: "CONTRIBUTOR",
    auto_merge: null,
    draft: false,
    merged: false,
    mergeable: true,
    rebaseable: true,
    mergeable_state: "clean",
    merged_by: null,
    comments: 0,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: 1,
    additions: 1,
    deletions: 0,
    changed_files: 1,
  };
}

export function labelEventShape(ctx: ShapeContext, event: FakeLabelEvent) {
  return {
    id: event.id,
    node_id: nodeId("LabeledEvent", event.id),
    url: `${ctx.api}/repos/${ctx.owner}/${ctx.repo}/issues/events/${event.id}`,
    actor: userShape(ctx, event.actor),
    event: event.event,
    commit_id: null,
    commit_url: null,
    created_at: event.createdAt,
    performed_via_github_app: null,
    label: { name: event.label, color: "ededed" },
  };
}

const actionsApp = (ctx: ShapeContext) => ({
  id: 15368,
  slug: "github-actions",
  node_id: nodeId("Integration", 15368),
  owner: userShape(ctx, { login: "github", id: 9919, type: "Organization" }),
  name: "GitHub Actions",
  description: "Automate your workflow from idea to production",
  external_url: "https://help.github.com/en/actions",
  html_url: `${ctx.web}/apps/github-actions`,
  created_at: "2018-07-30T09:30:17Z",
  updated_at: "2024-04-10T20:33:16Z",
  permissions: { checks: "write", metadata: "read" },
  events: ["check_run", "check_suite"],
});

export function checkRunShape(ctx: ShapeContext, run: FakeCheckRun) {
  const url = `${ctx.api}/repos/${ctx.owner}/${ctx.repo}/check-runs/${run.id}`;
  return {
    id: run.id,
    node_id: nodeId("CheckRun", run.id),
    head_sha: run.headSha,
    name: run.name,
    url,
    html_url: `${ctx.web}/${ctx.owner}/${ctx.repo}/runs/${run.id}`,
    details_url: run.detailsUrl,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.startedAt,
    completed_at: run.completedAt,
    external_id: run.externalId,
    check_suite: { id: 9_000_000 + run.id },
    output: {
      title: run.title,
      summary: run.summary,
      text: run.text,
      annotations_count: run.annotations.length,
      annotations_url: `${url}/annotations`,
    },
    app: actionsApp(ctx),
    pull_requests: [],
  };
}

export function artifactShape(ctx: ShapeContext, artifact: FakeArtifact) {
  const url = `${ctx.api}/repos/${ctx.owner}/${ctx.repo}/actions/artifacts/${artifact.id}`;
  const expires = new Date(Date.parse(artifact.createdAt) + 90 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, "Z");
  return {
    id: artifact.id,
    node_id: nodeId("Artifact", artifact.id),
    name: artifact.name,
    size_in_bytes: artifact.sizeInBytes ?? artifact.zip.length,
    url,
    archive_download_url: `${url}/zip`,
    expired: artifact.expired,
    created_at: artifact.createdAt,
    updated_at: artifact.createdAt,
    expires_at: expires,
    digest: null,
    workflow_run:
      artifact.workflowRun === null
        ? null
        : {
            id: artifact.workflowRun.id,
            repository_id: artifact.workflowRun.repositoryId,
            head_repository_id: artifact.workflowRun.headRepositoryId,
            head_branch: artifact.workflowRun.headBranch,
            head_sha: artifact.workflowRun.headSha,
          },
  };
}

export function workflowRunShape(ctx: ShapeContext, run: FakeRun) {
  const repoFull = `${ctx.owner}/${ctx.repo}`;
  const repoUrl = `${ctx.api}/repos/${repoFull}`;
  const url = `${repoUrl}/actions/runs/${run.id}`;
  const minimalRepo = (id: number, name: string) => ({ id, url: `${ctx.api}/repos/${name}`, name: name.split("/")[1] ?? name });
  return {
    id: run.id,
    name: run.name,
    node_id: nodeId("WorkflowRun", run.id),
    check_suite_id: 8_000_000 + run.id,
    check_suite_node_id: nodeId("CheckSuite", 8_000_000 + run.id),
    head_branch: run.headBranch,
    head_sha: run.headSha,
    path: run.path,
    display_title: run.name,
    run_number: run.id % 10_000,
    run_attempt: 1,
    event: run.event,
    status: run.status,
    conclusion: run.conclusion,
    workflow_id: run.workflowId,
    url,
    html_url: `${ctx.web}/${repoFull}/actions/runs/${run.id}`,
    pull_requests: run.pullRequests.map((pr) => ({
      id: 1_000_000 + pr.number,
      number: pr.number,
      url: `${repoUrl}/pulls/${pr.number}`,
      head: { ref: pr.headRef, sha: pr.headSha, repo: minimalRepo(run.headRepositoryId, run.headRepoFullName) },
      base: { ref: pr.baseRef, sha: pr.baseSha, repo: minimalRepo(ctx.repositoryId, repoFull) },
    })),
    created_at: run.createdAt,
    updated_at: run.createdAt,
    run_started_at: run.createdAt,
    jobs_url: `${url}/jobs`,
    logs_url: `${url}/logs`,
    check_suite_url: `${repoUrl}/check-suites/${8_000_000 + run.id}`,
    artifacts_url: `${url}/artifacts`,
    cancel_url: `${url}/cancel`,
    rerun_url: `${url}/rerun`,
    previous_attempt_url: null,
    workflow_url: `${repoUrl}/actions/workflows/${run.workflowId}`,
    head_commit: {
      id: run.headSha,
      tree_id: run.headSha.split("").reverse().join(""),
      message: "Measure the inference suite",
      timestamp: run.createdAt,
      author: { name: "Octo Cat", email: "octocat@example.com" },
      committer: { name: "GitHub", email: "noreply@github.com" },
    },
    repository: repositoryShape(ctx, repoFull, ctx.repositoryId),
    head_repository: repositoryShape(ctx, run.headRepoFullName, run.headRepositoryId),
  };
}
