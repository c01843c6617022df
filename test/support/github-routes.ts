import type { FakeState, RecordedRequest } from "./github-server.js";
import { artifactShape, authenticatedUserShape, checkRunShape, commentShape, labelEventShape, pullRequestShape, workflowRunShape } from "./github-shapes.js";
import type { FakeCheckRun, FakeComment, FakeUser, ShapeContext } from "./github-state.js";

/** The built-in routes of the fake GitHub: the REST endpoints sci-gate calls, with GitHub's validation and pagination. */
export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  /** JSON, or raw bytes (sent as application/zip). */
  body?: unknown;
  /** For a scripted answer: what happened on GitHub's side meanwhile (a comment deleted by someone else). */
  effect?: (state: FakeState) => void;
}

export interface RequestContext {
  request: RecordedRequest;
  url: URL;
  shapes: ShapeContext;
  state: FakeState;
  viewer: FakeUser;
  /** Whether GraphQL's viewer query answers for a Bot viewer. */
  graphqlViewer: boolean;
  nextId(): number;
  tick(): string;
}

/** A test's own route; may be async (to answer slowly), and returns null to fall through. */
export type FakeHandler = (context: RequestContext) => FakeResponse | null | Promise<FakeResponse | null>;

const docs = "https://docs.github.com/rest";
const maxCommentChars = 65_536;
const maxSummaryChars = 65_535;
const conclusions = new Set(["success", "failure", "neutral", "cancelled", "skipped", "timed_out", "action_required", "stale"]);

const json = (status: number, body: unknown, headers?: Record<string, string>): FakeResponse => ({ status, body, ...(headers ? { headers } : {}) });
const notFound = () => json(404, { message: "Not Found", documentation_url: docs, status: "404" });
const invalid = (resource: string, field: string, code: string, message?: string) =>
  json(422, { message: "Validation Failed", errors: [{ resource, field, code, ...(message ? { message } : {}) }], documentation_url: docs, status: "422" });

/** One page of a listing, with GitHub's `Link` header (per_page default 30, at most 100). */
function paginate<T>(context: RequestContext, items: T[]): { page: T[]; headers: Record<string, string> } {
  const perPage = Math.min(100, Math.max(1, Number(context.url.searchParams.get("per_page") ?? 30) || 30));
  const pageNumber = Math.max(1, Number(context.url.searchParams.get("page") ?? 1) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (page: number, rel: string) => {
    const url = new URL(context.url.pathname, context.shapes.api);
    for (const [key, value] of context.url.searchParams) url.searchParams.set(key, value);
    url.searchParams.set("per_page", String(perPage));
    url.searchParams.set("page", String(page));
    return `<${url.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (pageNumber > 1) links.push(link(pageNumber - 1, "prev"));
  if (pageNumber < last) links.push(link(pageNumber + 1, "next"), link(last, "last"));
  if (pageNumber > 1) links.push(link(1, "first"));
  return { page: items.slice((pageNumber - 1) * perPage, pageNumber * perPage), headers: links.length > 0 ? { link: links.join(", ") } : {} };
}

function bodyOf(context: RequestContext): Record<string, unknown> {
  const body = context.request.body;
  return body !== null && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

function commentBodyProblem(body: unknown): FakeResponse | null {
  if (typeof body !== "string" || body === "") return invalid("IssueComment", "body", "missing_field");
  if (body.length > maxCommentChars) return invalid("IssueComment", "body", "custom", `body is too long (maximum is ${maxCommentChars} characters)`);
  return null;
}

/** Applies a check run's `output` as GitHub does: annotations of each request are appended. */
function applyOutput(run: FakeCheckRun, output: unknown): FakeResponse | null {
  if (output === undefined) return null;
  if (output === null || typeof output !== "object") return invalid("CheckRun", "output", "invalid");
  const o = output as Record<string, unknown>;
  if (typeof o.title !== "string" || typeof o.summary !== "string") return invalid("CheckRun", "output", "missing_field", "output needs title and summary");
  if (o.summary.length > maxSummaryChars) return invalid("CheckRun", "output.summary", "custom", `summary is too long (maximum is ${maxSummaryChars} characters)`);
  const annotations = o.annotations === undefined ? [] : o.annotations;
  if (!Array.isArray(annotations)) return invalid("CheckRun", "output.annotations", "invalid");
  if (annotations.length > 50) return invalid("CheckRun", "output.annotations", "custom", "at most 50 annotations per request");
  for (const a of annotations as Record<string, unknown>[]) {
    const ok =
      typeof a.path === "string" &&
      Number.isInteger(a.start_line) &&
      Number.isInteger(a.end_line) &&
      typeof a.message === "string" &&
      ["notice", "warning", "failure"].includes(String(a.annotation_level));
    if (!ok) return invalid("CheckRun", "output.annotations", "invalid", "an annotation needs path, start_line, end_line, annotation_level and message");
  }
  run.title = o.title;
  run.summary = o.summary;
  run.text = typeof o.text === "string" ? o.text : run.text;
  run.annotations.push(...(annotations as Record<string, unknown>[]));
  run.annotationBatches.push(annotations.length);
  return null;
}

const newestFirst = <T extends { id: number }>(items: T[]) => [...items].sort((a, b) => b.id - a.id);

function listRuns(context: RequestContext, workflow: string | null): FakeResponse {
  const q = context.url.searchParams;
  const status = q.get("status");
  const runs = newestFirst(context.state.runs).filter(
    (run) =>
      (workflow === null || String(run.workflowId) === workflow || run.path.endsWith(`/${workflow}`)) &&
      (q.get("branch") === null || run.headBranch === q.get("branch")) &&
      (q.get("event") === null || run.event === q.get("event")) &&
      (status === null || (conclusions.has(status) ? run.conclusion === status : run.status === status)),
  );
  const { page, headers } = paginate(context, runs);
  return json(200, { total_count: runs.length, workflow_runs: page.map((run) => workflowRunShape(context.shapes, run)) }, headers);
}

type Route = [method: string, path: RegExp, handle: (context: RequestContext, params: string[]) => FakeResponse];

/** A commit the fake knows: named by a file, a pull request, a run, or added on its own. */
function isKnownCommit(state: FakeState, ref: string): boolean {
  return (
    state.commits.includes(ref) ||
    Object.keys(state.files).some((key) => key.startsWith(`${ref}:`)) ||
    state.prs.some((pr) => pr.baseSha === ref || pr.headSha === ref) ||
    state.runs.some((run) => run.headSha === ref)
  );
}

const routes: Route[] = [
  [
    "GET",
    /^\/commits\/([^/]+)$/,
    (c, [ref]) => {
      if (!isKnownCommit(c.state, decodeURIComponent(ref ?? ""))) return json(422, { message: `No commit found for SHA: ${ref}`, documentation_url: "https://docs.github.com/rest/commits/commits#get-a-commit", status: "422" });
      // Only the sha media type is served: the full commit object is not needed by sci-gate.
      if (!/sha/.test(c.request.headers.accept ?? "")) return json(415, { message: "the fake serves GET /commits/{ref} as application/vnd.github.sha only", documentation_url: docs });
      return { status: 200, headers: { "content-type": "application/vnd.github.sha; charset=utf-8" }, body: new TextEncoder().encode(ref) };
    },
  ],
  [
    "GET",
    /^\/contents\/(.+)$/,
    (c, [path]) => {
      const ref = c.url.searchParams.get("ref") ?? "main";
      const text = c.state.files[`${ref}:${path}`];
      if (text === undefined) return json(404, { message: "Not Found", documentation_url: "https://docs.github.com/rest/repos/contents#get-repository-content", status: "404" });
      const content = Buffer.from(text, "utf8").toString("base64");
      return json(200, { type: "file", encoding: "base64", size: Buffer.byteLength(text), name: path!.split("/").pop(), path, content, sha: "0".repeat(40), url: "", git_url: null, html_url: null, download_url: null, _links: { self: "", git: null, html: null } });
    },
  ],
  [
    "GET",
    /^\/issues\/(\d+)\/comments$/,
    (c, [n]) => {
      const comments = c.state.comments.filter((x) => x.issueNumber === Number(n)).sort((a, b) => a.id - b.id);
      const { page, headers } = paginate(c, comments);
      return json(200, page.map((x) => commentShape(c.shapes, x)), headers);
    },
  ],
  [
    "POST",
    /^\/issues\/(\d+)\/comments$/,
    (c, [n]) => {
      const body = bodyOf(c).body;
      const problem = commentBodyProblem(body);
      if (problem) return problem;
      const at = c.tick();
      const comment: FakeComment = { id: c.nextId(), issueNumber: Number(n), body: String(body), user: c.viewer, createdAt: at, updatedAt: at };
      c.state.comments.push(comment);
      return json(201, commentShape(c.shapes, comment));
    },
  ],
  [
    "GET",
    /^\/issues\/comments\/(\d+)$/,
    (c, [id]) => {
      const comment = c.state.comments.find((x) => x.id === Number(id));
      return comment ? json(200, commentShape(c.shapes, comment)) : notFound();
    },
  ],
  [
    "PATCH",
    /^\/issues\/comments\/(\d+)$/,
    (c, [id]) => {
      const comment = c.state.comments.find((x) => x.id === Number(id));
      if (!comment) return notFound();
      const body = bodyOf(c).body;
      const problem = commentBodyProblem(body);
      if (problem) return problem;
      comment.body = String(body);
      comment.updatedAt = c.tick();
      return json(200, commentShape(c.shapes, comment));
    },
  ],
  [
    "DELETE",
    /^\/issues\/comments\/(\d+)$/,
    (c, [id]) => {
      const index = c.state.comments.findIndex((x) => x.id === Number(id));
      if (index === -1) return notFound();
      c.state.comments.splice(index, 1);
      return { status: 204 };
    },
  ],
  [
    "GET",
    /^\/pulls\/(\d+)$/,
    (c, [n]) => {
      const pr = c.state.prs.find((x) => x.number === Number(n));
      return pr ? json(200, pullRequestShape(c.shapes, pr)) : notFound();
    },
  ],
  [
    "GET",
    /^\/issues\/(\d+)\/events$/,
    (c, [n]) => {
      const events = c.state.labelEvents.filter((x) => x.issueNumber === Number(n)).sort((a, b) => a.id - b.id);
      const { page, headers } = paginate(c, events);
      return json(200, page.map((x) => labelEventShape(c.shapes, x)), headers);
    },
  ],
  [
    "POST",
    /^\/check-runs$/,
    (c) => {
      const body = bodyOf(c);
      if (typeof body.name !== "string" || body.name === "") return invalid("CheckRun", "name", "missing_field");
      if (typeof body.head_sha !== "string" || !/^[0-9a-f]{40}$/.test(body.head_sha)) return invalid("CheckRun", "head_sha", "invalid");
      const conclusion = typeof body.conclusion === "string" ? body.conclusion : null;
      if (conclusion !== null && !conclusions.has(conclusion)) return invalid("CheckRun", "conclusion", "invalid");
      const at = c.tick();
      const run: FakeCheckRun = {
        id: c.nextId(),
        name: body.name,
        headSha: body.head_sha,
        // Providing a conclusion completes the run, as on GitHub.
        status: conclusion !== null ? "completed" : typeof body.status === "string" ? body.status : "queued",
        conclusion,
        title: null,
        summary: null,
        text: null,
        annotations: [],
        annotationBatches: [],
        detailsUrl: typeof body.details_url === "string" ? body.details_url : null,
        externalId: typeof body.external_id === "string" ? body.external_id : null,
        startedAt: at,
        completedAt: conclusion !== null ? (typeof body.completed_at === "string" ? body.completed_at : at) : null,
      };
      const problem = applyOutput(run, body.output);
      if (problem) return problem;
      c.state.checkRuns.push(run);
      return json(201, checkRunShape(c.shapes, run));
    },
  ],
  [
    "GET",
    /^\/check-runs\/(\d+)$/,
    (c, [id]) => {
      const run = c.state.checkRuns.find((x) => x.id === Number(id));
      return run ? json(200, checkRunShape(c.shapes, run)) : notFound();
    },
  ],
  [
    "PATCH",
    /^\/check-runs\/(\d+)$/,
    (c, [id]) => {
      const run = c.state.checkRuns.find((x) => x.id === Number(id));
      if (!run) return notFound();
      const body = bodyOf(c);
      const problem = applyOutput(run, body.output);
      if (problem) return problem;
      if (typeof body.conclusion === "string") {
        run.conclusion = body.conclusion;
        run.status = "completed";
      }
      return json(200, checkRunShape(c.shapes, run));
    },
  ],
  [
    "GET",
    /^\/actions\/runs\/(\d+)\/artifacts$/,
    (c, [id]) => {
      if (!c.state.runs.some((r) => r.id === Number(id))) return notFound();
      const name = c.url.searchParams.get("name");
      const artifacts = newestFirst(c.state.artifacts).filter((a) => a.workflowRun?.id === Number(id) && (name === null || a.name === name));
      const { page, headers } = paginate(c, artifacts);
      return json(200, { total_count: artifacts.length, artifacts: page.map((a) => artifactShape(c.shapes, a)) }, headers);
    },
  ],
  [
    "GET",
    /^\/actions\/artifacts$/,
    (c) => {
      const name = c.url.searchParams.get("name");
      const artifacts = newestFirst(c.state.artifacts).filter((a) => name === null || a.name === name);
      const { page, headers } = paginate(c, artifacts);
      return json(200, { total_count: artifacts.length, artifacts: page.map((a) => artifactShape(c.shapes, a)) }, headers);
    },
  ],
  [
    "GET",
    /^\/actions\/artifacts\/(\d+)$/,
    (c, [id]) => {
      const artifact = c.state.artifacts.find((a) => a.id === Number(id));
      return artifact ? json(200, artifactShape(c.shapes, artifact)) : notFound();
    },
  ],
  [
    "GET",
    /^\/actions\/artifacts\/(\d+)\/zip$/,
    (c, [id]) => {
      const artifact = c.state.artifacts.find((a) => a.id === Number(id));
      if (!artifact) return notFound();
      if (artifact.expired) return json(410, { message: "Artifact has expired", documentation_url: docs, status: "410" });
      // GitHub redirects to a short-lived, pre-signed storage URL; the signature is a credential.
      return { status: 302, headers: { location: `${c.shapes.api}/_storage/artifacts/${artifact.id}.zip?sig=presigned-secret&se=2099-01-01` } };
    },
  ],
  ["GET", /^\/actions\/runs$/, (c) => listRuns(c, null)],
  ["GET", /^\/actions\/workflows\/([^/]+)\/runs$/, (c, [workflow]) => listRuns(c, decodeURIComponent(workflow ?? ""))],
  [
    "GET",
    /^\/actions\/runs\/(\d+)$/,
    (c, [id]) => {
      const run = c.state.runs.find((r) => r.id === Number(id));
      return run ? json(200, workflowRunShape(c.shapes, run)) : notFound();
    },
  ],
];

export function routeGitHub(context: RequestContext): FakeResponse {
  const { method } = context.request;
  // GitHub Enterprise Server serves the same API under /api/v3.
  const path = context.request.path.replace(/^\/api\/v3(?=\/)/, "");
  const storage = /^\/_storage\/artifacts\/(\d+)\.zip$/.exec(path);
  if (storage && method === "GET") {
    const artifact = context.state.artifacts.find((a) => a.id === Number(storage[1]));
    return artifact ? { status: 200, headers: { "content-type": "application/zip" }, body: artifact.zip } : { status: 404 };
  }
  if (path === "/user" && method === "GET") {
    // An installation token (the job's GITHUB_TOKEN, a GitHub App's) is refused here, as on GitHub.
    if (context.viewer.type === "Bot") return json(403, { message: "Resource not accessible by integration", documentation_url: "https://docs.github.com/rest/users/users#get-the-authenticated-user", status: "403" });
    return json(200, authenticatedUserShape(context.shapes, context.viewer));
  }
  if ((path === "/graphql" || path === "/api/graphql") && method === "POST") {
    const query = String(bodyOf(context).query ?? "");
    if (!/\bviewer\b/.test(query)) return json(200, { data: null, errors: [{ message: "the fake answers only the viewer query" }] });
    if (context.viewer.type === "Bot" && !context.graphqlViewer) return json(200, { data: null, errors: [{ type: "FORBIDDEN", message: "Resource not accessible by integration" }] });
    return json(200, { data: { viewer: { login: context.viewer.login } } });
  }
  const repoPrefix = /^\/repos\/([^/]+)\/([^/]+)(\/.*)$/.exec(path);
  if (!repoPrefix) return notFound();
  const [, owner = "", repo = "", rest = ""] = repoPrefix;
  const { shapes } = context;
  if (owner.toLowerCase() !== shapes.owner.toLowerCase() || repo.toLowerCase() !== shapes.repo.toLowerCase()) return notFound();
  for (const [routeMethod, pattern, handle] of routes) {
    if (routeMethod !== method) continue;
    const match = pattern.exec(rest);
    if (match) return handle(context, match.slice(1));
  }
  return notFound();
}
