import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type FakeHandler, type FakeResponse, type RequestContext, routeGitHub } from "./github-routes.js";
import type {
  FakeArtifact,
  FakeArtifactRun,
  FakeCheckRun,
  FakeComment,
  FakeLabelEvent,
  FakePullRequest,
  FakeRun,
  FakeUser,
  ShapeContext,
} from "./github-state.js";

export type { FakeHandler, FakeResponse, RequestContext } from "./github-routes.js";
export type * from "./github-state.js";

/**
 * A loopback stand-in for GitHub's REST API: real HTTP on 127.0.0.1, answers in GitHub's shapes
 * (see github-shapes.ts), state a test can seed and inspect, scripted failures, and a record of
 * every request with the token redacted.
 */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lower-case names; `authorization` keeps its scheme only ("token <redacted>"). */
  headers: Record<string, string>;
  body: unknown;
}

export interface FakeState {
  /** Repository files by `${ref}:${path}`, served by the contents API. */
  files: Record<string, string>;
  comments: FakeComment[];
  checkRuns: FakeCheckRun[];
  artifacts: FakeArtifact[];
  runs: FakeRun[];
  prs: FakePullRequest[];
  labelEvents: FakeLabelEvent[];
  /** Commits the commits API knows, besides those of files, pull requests and runs. */
  commits: string[];
}

export type ScriptedFailure = number | FakeResponse;

export interface GitHubServerOptions {
  owner?: string;
  repo?: string;
  repositoryId?: number;
  /** When set, requests without this token are answered 401 like GitHub does. */
  token?: string;
  /**
   * The identity of the token, which comments are created as (default github-actions[bot]). A
   * Bot viewer is an installation token: GET /user answers 403 and GraphQL's viewer names it;
   * a User viewer is a personal access token: GET /user answers with it.
   */
  viewer?: FakeUser;
  /** Whether GraphQL's viewer answers for a Bot viewer (default true); GitHub's job token may not. */
  graphqlViewer?: boolean;
  /** Consulted before the built-in routes; return null to fall through. */
  handlers?: FakeHandler[];
}

export interface GitHubServer {
  url: string;
  owner: string;
  repo: string;
  repositoryId: number;
  viewer: FakeUser;
  requests: RecordedRequest[];
  state: FakeState;
  /** The next matching requests get these answers, one each, before the routes see them. */
  failNext(pattern: string | RegExp, statuses: ScriptedFailure[]): void;
  /**
   * The next matching requests are carried out by the routes (a comment is created), and then
   * these answers are sent instead of the real ones: GitHub failing after it acted.
   */
  failAfterHandling(pattern: string | RegExp, statuses: ScriptedFailure[]): void;
  /** The next `count` matching requests get no answer at all, until the server closes: a stalled API. */
  stallNext(pattern: string | RegExp, count: number): void;
  /** Requests whose `METHOD /path` matches. */
  requestsTo(pattern: string | RegExp): RecordedRequest[];
  nextId(): number;
  /** A timestamp one second after the previous one, so creation order is the time order. */
  tick(): string;
  addComment(input: { issueNumber: number; body: string; user?: FakeUser | null }): FakeComment;
  addPullRequest(input: Partial<FakePullRequest> & { number: number }): FakePullRequest;
  addLabelEvent(input: { issueNumber: number; label: string; actor: string; event?: "labeled" | "unlabeled" }): FakeLabelEvent;
  /** A file of the repository at a commit, for the contents API (the commit becomes known too). */
  addFile(input: { ref: string; path: string; text: string }): void;
  /** A commit of the repository, with no file the test cares about. */
  addCommit(sha: string): void;
  addRun(input: Partial<FakeRun> & { headBranch: string }): FakeRun;
  addArtifact(input: { name: string; zip: Uint8Array; run?: FakeRun | null; expired?: boolean; sizeInBytes?: number }): FakeArtifact;
  close(): Promise<void>;
}

export const githubActionsBot: FakeUser = { login: "github-actions[bot]", id: 41898282, type: "Bot" };

/** The body GitHub sends with a secondary rate limit, and its `retry-after`. */
export function secondaryRateLimit(retryAfterS = 1, status: 403 | 429 = 403): FakeResponse {
  return {
    status,
    headers: { "retry-after": String(retryAfterS), "x-ratelimit-remaining": "4000" },
    body: {
      message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
      documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
    },
  };
}

const reasons: Record<number, string> = {
  400: "Bad Request",
  401: "Bad credentials",
  403: "Resource not accessible by integration",
  404: "Not Found",
  410: "Gone",
  422: "Validation Failed",
  500: "Internal Server Error",
  502: "Server Error",
  503: "Service Unavailable",
};

function toResponse(failure: ScriptedFailure): FakeResponse {
  if (typeof failure !== "number") return failure;
  return { status: failure, body: { message: reasons[failure] ?? "Error", documentation_url: "https://docs.github.com/rest" } };
}

function matches(pattern: string | RegExp, method: string, path: string): boolean {
  const line = `${method} ${path}`;
  return typeof pattern === "string" ? line === pattern : pattern.test(line);
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return undefined;
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function recordHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(", ") : value;
    headers[name] = name === "authorization" ? `${text.split(" ")[0] ?? ""} <redacted>` : text;
  }
  return headers;
}

function send(response: ServerResponse, answer: FakeResponse): void {
  const headers: Record<string, string> = { ...answer.headers };
  let payload: Buffer | undefined;
  if (answer.body instanceof Uint8Array) {
    payload = Buffer.from(answer.body);
    headers["content-type"] ??= "application/zip";
  } else if (answer.body !== undefined) {
    payload = Buffer.from(JSON.stringify(answer.body));
    headers["content-type"] ??= "application/json; charset=utf-8";
  }
  if (payload) headers["content-length"] = String(payload.length);
  response.writeHead(answer.status, headers);
  response.end(payload);
}

export async function startGitHubServer(options: GitHubServerOptions = {}): Promise<GitHubServer> {
  const owner = options.owner ?? "octo-org";
  const repo = options.repo ?? "octo-repo";
  const repositoryId = options.repositoryId ?? 1296269;
  const viewer = options.viewer ?? githubActionsBot;
  const state: FakeState = { files: {}, comments: [], checkRuns: [], artifacts: [], runs: [], prs: [], labelEvents: [], commits: [] };
  const requests: RecordedRequest[] = [];
  const scripted: { pattern: string | RegExp; queue: ScriptedFailure[] }[] = [];
  const scriptedAfter: { pattern: string | RegExp; queue: ScriptedFailure[] }[] = [];
  const stalls: { pattern: string | RegExp; left: number }[] = [];
  const stalled = new Set<ServerResponse>();
  let id = 1000;
  let clock = Date.parse("2024-05-01T12:00:00Z");
  const nextId = () => ++id;
  const tick = () => {
    clock += 1000;
    return new Date(clock).toISOString().replace(/\.\d{3}Z$/, "Z");
  };
  const shapes: ShapeContext = { api: "", web: "https://github.com", owner, repo, repositoryId };

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", shapes.api);
    const method = request.method ?? "GET";
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: recordHeaders(request),
      body: await readBody(request),
    };
    requests.push(record);
    const stall = stalls.find((s) => s.left > 0 && matches(s.pattern, method, url.pathname));
    if (stall) {
      stall.left -= 1;
      stalled.add(response);
      return;
    }
    const entry = scripted.find((s) => s.queue.length > 0 && matches(s.pattern, method, url.pathname));
    const failure = entry?.queue.shift();
    if (failure !== undefined) {
      if (typeof failure !== "number") failure.effect?.(state);
      send(response, toResponse(failure));
      return;
    }
    const after = scriptedAfter.find((s) => s.queue.length > 0 && matches(s.pattern, method, url.pathname));
    const failureAfter = after?.queue.shift();
    const reply = (answer: FakeResponse) => send(response, failureAfter === undefined ? answer : toResponse(failureAfter));
    const storage = url.pathname.startsWith("/_storage/");
    if (options.token !== undefined && !storage) {
      const auth = request.headers.authorization ?? "";
      if (auth !== `token ${options.token}` && auth !== `Bearer ${options.token}`) {
        send(response, toResponse(401));
        return;
      }
    }
    const context: RequestContext = { request: record, url, shapes, state, viewer, graphqlViewer: options.graphqlViewer ?? true, nextId, tick };
    for (const handler of options.handlers ?? []) {
      const answer = await handler(context);
      if (answer !== null) {
        reply(answer);
        return;
      }
    }
    reply(routeGitHub(context));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  shapes.api = `http://127.0.0.1:${port}`;

  return {
    url: shapes.api,
    owner,
    repo,
    repositoryId,
    viewer,
    requests,
    state,
    nextId,
    tick,
    failNext(pattern, statuses) {
      scripted.push({ pattern, queue: [...statuses] });
    },
    failAfterHandling(pattern, statuses) {
      scriptedAfter.push({ pattern, queue: [...statuses] });
    },
    stallNext(pattern, count) {
      stalls.push({ pattern, left: count });
    },
    requestsTo: (pattern) => requests.filter((r) => matches(pattern, r.method, r.path)),
    addComment(input) {
      const at = tick();
      const comment: FakeComment = {
        id: nextId(),
        issueNumber: input.issueNumber,
        body: input.body,
        user: input.user === undefined ? viewer : input.user,
        createdAt: at,
        updatedAt: at,
      };
      state.comments.push(comment);
      return comment;
    },
    addPullRequest(input) {
      const pr: FakePullRequest = {
        title: "Speed up decoding",
        state: "open",
        headSha: "ec26c3e57ca3a959ca5aad62de7213c562f8c821",
        baseSha: "f95f852bd8fca8fcc58a9a2d6c842781e32a215e",
        headRef: "faster-decoding",
        baseRef: "main",
        labels: [],
        headRepoFullName: `${owner}/${repo}`,
        user: { login: "octocat", id: 583231, type: "User" },
        ...input,
      };
      state.prs.push(pr);
      return pr;
    },
    addFile(input) {
      state.files[`${input.ref}:${input.path}`] = input.text;
    },
    addCommit(sha) {
      state.commits.push(sha);
    },
    addLabelEvent(input) {
      const event: FakeLabelEvent = {
        id: nextId(),
        issueNumber: input.issueNumber,
        event: input.event ?? "labeled",
        label: input.label,
        actor: { login: input.actor, id: 3_000_000 + id, type: input.actor.endsWith("[bot]") ? "Bot" : "User" },
        createdAt: tick(),
      };
      state.labelEvents.push(event);
      return event;
    },
    addRun(input) {
      const run: FakeRun = {
        id: nextId(),
        name: "sci-gate",
        workflowId: 161335,
        path: ".github/workflows/sci-gate.yml",
        headSha: "6113728f27ae82c7b1a177c8d03f9e96e0adf246",
        event: "push",
        status: "completed",
        conclusion: "success",
        createdAt: tick(),
        headRepoFullName: `${owner}/${repo}`,
        headRepositoryId: repositoryId,
        pullRequests: [],
        ...input,
      };
      state.runs.push(run);
      return run;
    },
    addArtifact(input) {
      const run = input.run ?? null;
      const workflowRun: FakeArtifactRun | null =
        run === null
          ? null
          : { id: run.id, headBranch: run.headBranch, headSha: run.headSha, repositoryId, headRepositoryId: run.headRepositoryId };
      const artifact: FakeArtifact = {
        id: nextId(),
        name: input.name,
        zip: input.zip,
        expired: input.expired ?? false,
        createdAt: tick(),
        workflowRun,
        ...(input.sizeInBytes === undefined ? {} : { sizeInBytes: input.sizeInBytes }),
      };
      state.artifacts.push(artifact);
      return artifact;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const response of stalled) response.destroy();
        stalled.clear();
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
