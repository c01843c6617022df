/**
 * GitHub REST objects as GitHub writes them, built from the fake server's state. Field names and
 * required properties follow the OpenAPI description in @octokit/openapi; a test in
 * packages/github checks these shapes against it so the fake cannot drift silently.
 */

export interface FakeUser {
  login: string;
  id: number;
  type: "Bot" | "User" | "Organization";
}

export interface FakeComment {
  id: number;
  issueNumber: number;
  body: string;
  user: FakeUser | null;
  createdAt: string;
  updatedAt: string;
}

export interface FakePullRequest {
  number: number;
  title: string;
  state: "open" | "closed";
  headSha: string;
  baseSha: string;
  headRef: string;
  baseRef: string;
  labels: string[];
  /** Null when the fork was deleted. */
  headRepoFullName: string | null;
  user: FakeUser;
}

export interface FakeLabelEvent {
  id: number;
  issueNumber: number;
  event: "labeled" | "unlabeled";
  label: string;
  actor: FakeUser;
  createdAt: string;
}

export interface FakeCheckRun {
  id: number;
  name: string;
  headSha: string;
  status: string;
  conclusion: string | null;
  title: string | null;
  summary: string | null;
  text: string | null;
  /** Every annotation received, across the create and all updates (GitHub appends). */
  annotations: Record<string, unknown>[];
  /** Annotations received per request, in order. */
  annotationBatches: number[];
  detailsUrl: string | null;
  externalId: string | null;
  startedAt: string;
  completedAt: string | null;
}

export interface FakeArtifactRun {
  id: number;
  headBranch: string;
  headSha: string;
  repositoryId: number;
  headRepositoryId: number;
}

export interface FakeArtifact {
  id: number;
  name: string;
  zip: Uint8Array;
  /** What GitHub declares; defaults to the zip's length. */
  sizeInBytes?: number;
  expired: boolean;
  createdAt: string;
  workflowRun: FakeArtifactRun | null;
}

export interface FakeRun {
  id: number;
  name: string;
  workflowId: number;
  path: string;
  headBranch: string;
  headSha: string;
  event: string;
  status: string;
  conclusion: string | null;
  createdAt: string;
  /** owner/repo of the code the run ran; another repository for pull requests from forks. */
  headRepoFullName: string;
  headRepositoryId: number;
  pullRequests: { number: number; headRef: string; headSha: string; baseRef: string; baseSha: string }[];
}

export interface ShapeContext {
  /** The fake's API root, e.g. http://127.0.0.1:PORT */
  api: string;
  web: string;
  owner: string;
  repo: string;
  repositoryId: number;
}

const nodeId = (kind: string, id: number) => Buffer.from(`${kind}:${id}`).toString("base64");

export function userShape(ctx: ShapeContext, user: FakeUser) {
  const url = `${ctx.api}/users/${encodeURIComponent(user.login)}`;
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId("User", user.id),
    avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    gravatar_id: "",
    url,
    html_url: `${ctx.web}/${user.login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: user.type,
    site_admin: false,
  };
}

/** A `repository` (which also satisfies `minimal-repository`). */
export function repositoryShape(ctx: ShapeContext, fullName: string, id: number) {
  const [owner = "", name = ""] = fullName.split("/");
  const url = `${ctx.api}/repos/${fullName}`;
  const templates: Record<string, string> = {
    archive_url: "/{archive_format}{/ref}",
    assignees_url: "/assignees{/user}",
    blobs_url: "/git/blobs{/sha}",
    branches_url: "/branches{/branch}",
    collaborators_url: "/collaborators{/collaborator}",
    comments_url: "/comments{/number}",
    commits_url: "/commits{/sha}",
    compare_url: "/compare/{base}...{head}",
    contents_url: "/contents/{+path}",
    contributors_url: "/contributors",
    deployments_url: "/deployments",
    downloads_url: "/downloads",
    events_url: "/events",
    forks_url: "/forks",
    git_commits_url: "/git/commits{/sha}",
    git_refs_url: "/git/refs{/sha}",
    git_tags_url: "/git/tags{/sha}",
    hooks_url: "/hooks",
    issue_comment_url: "/issues/comments{/number}",
    issue_events_url: "/issues/events{/number}",
    issues_url: "/issues{/number}",
    keys_url: "/keys{/key_id}",
    labels_url: "/labels{/name}",
    languages_url: "/languages",
    merges_url: "/merges",
    milestones_url: "/milestones{/number}",
    notifications_url: "/notifications{?since,all,participating}",
    pulls_url: "/pulls{/number}",
    releases_url: "/releases{/id}",
    stargazers_url: "/stargazers",
    statuses_url: "/statuses/{sha}",
    subscribers_url: "/subscribers",
    subscription_url: "/subscription",
    tags_url: "/tags",
    teams_url: "/teams",
    trees_url: "/git/trees{/sha}",
  };
  const urls = Object.fromEntries(Object.entries(templates).map(([key, suffix]) => [key, `${url}${suffix}`]));
  const webUrl = `${ctx.web}/${fullName}`;
  return {
    id,
    node_id: nodeId("Repository", id),
    name,
    full_name: fullName,
    owner: userShape(ctx, { login: owner, id: id + 1_000_000, type: "Organization" }),
    private: false,
    html_url: webUrl,
    description: null,
    fork: id !== ctx.repositoryId,
    url,
    ...urls,
    clone_url: `${webUrl}.git`,
    git_url: `${webUrl.replace(/^https?:/, "git:")}.git`,
    ssh_url: `git@github.com:${fullName}.git`,
    svn_url: webUrl,
    mirror_url: null,
    homepage: null,
    language: "Python",
    forks: 0,
    forks_count: 0,
    stargazers_count: 0,
    watchers: 0,
    watchers_count: 0,
    size: 100,
    default_branch: "main",
    open_issues: 0,
    open_issues_count: 0,
    has_issues: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_downloads: true,
    archived: false,
    disabled: false,
    license: null,
    pushed_at: "2024-05-01T00:00:00Z",
    created_at: "2024-01-01T00:00:00Z",
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
