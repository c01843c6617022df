import type { FakeUser, ShapeContext } from "./github-state.js";

/** Users and repositories as GitHub embeds them in other objects (`simple-user`, `repository`). */

export const nodeId = (kind: string, id: number) => Buffer.from(`${kind}:${id}`).toString("base64");

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
