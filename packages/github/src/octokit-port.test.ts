import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type GitHubServer, secondaryRateLimit, startGitHubServer } from "../../../test/support/github-server.js";
import { makeZip } from "../../../test/support/make-zip.js";
import { forkDocsPath } from "./explain-failure.js";
import { captureLog, createTestPort, expectGitHubError, plantedToken } from "./test-port.test-helper.js";

let server: GitHubServer;
beforeEach(async () => {
  server = await startGitHubServer({ token: plantedToken });
});
afterEach(() => server.close());

const commentsPath = "GET /repos/octo-org/octo-repo/issues/2/comments";


describe("retries", () => {
  it("retries a 502 and returns the answer that follows", async () => {
    server.addComment({ issueNumber: 2, body: "hello" });
    server.failNext(commentsPath, [502]);
    const comments = await createTestPort(server).listIssueComments(2);
    expect(comments.map((c) => c.body)).toEqual(["hello"]);
    expect(server.requestsTo(commentsPath)).toHaveLength(2);
  });

  it("gives up after the configured retries with a GitHubError that says so", async () => {
    server.failNext(commentsPath, [502, 503, 502, 500]);
    const error = await expectGitHubError(createTestPort(server, { retries: 3 }).listIssueComments(2));
    expect(error).toMatchObject({ code: "http", status: 500, operation: "listIssueComments" });
    expect(error.message).toMatch(/after 3 retries/);
    expect(server.requestsTo(commentsPath)).toHaveLength(4);
  });

  it("retries a 403 secondary rate limit after its retry-after, and logs it", async () => {
    const log = captureLog();
    server.failNext("POST /repos/octo-org/octo-repo/issues/2/comments", [secondaryRateLimit(1)]);
    const started = Date.now();
    const comment = await createTestPort(server, { log, retryDelayUnitMs: 20 }).createComment(2, "body");
    expect(comment.body).toBe("body");
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
    expect(server.requestsTo(/^POST /)).toHaveLength(2);
    expect(server.state.comments).toHaveLength(1);
    expect(log.lines.some((l) => /warning: GitHub secondary rate limit on POST .* retrying in 1 s/.test(l))).toBe(true);
  });

  it("retries a 429 secondary rate limit too", async () => {
    server.failNext(commentsPath, [secondaryRateLimit(1, 429)]);
    await createTestPort(server).listIssueComments(2);
    expect(server.requestsTo(commentsPath)).toHaveLength(2);
  });

  it("stops retrying a secondary rate limit at the bound, with a rate-limit error", async () => {
    server.failNext(commentsPath, [secondaryRateLimit(1), secondaryRateLimit(1), secondaryRateLimit(1), secondaryRateLimit(1)]);
    const error = await expectGitHubError(createTestPort(server, { maxRateLimitRetries: 2 }).listIssueComments(2));
    expect(error).toMatchObject({ code: "rate-limited", status: 403 });
    expect(error.message).toMatch(/secondary rate limit/);
    expect(server.requestsTo(commentsPath)).toHaveLength(3);
  });

  it("does not sit out a retry-after longer than allowed", async () => {
    server.failNext(commentsPath, [secondaryRateLimit(3600)]);
    const error = await expectGitHubError(createTestPort(server, { maxRetryAfterS: 120 }).listIssueComments(2));
    expect(error.code).toBe("rate-limited");
    expect(server.requestsTo(commentsPath)).toHaveLength(1);
  });

  it("explains an exhausted primary rate limit with its reset time", async () => {
    const reset = Math.floor(Date.parse("2030-01-01T00:00:00Z") / 1000);
    server.failNext(commentsPath, [
      { status: 403, headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(reset) }, body: { message: "API rate limit exceeded" } },
    ]);
    const error = await expectGitHubError(createTestPort(server).listIssueComments(2));
    expect(error.code).toBe("rate-limited");
    expect(error.message).toMatch(/rate limit is used up until 2030-01-01T00:00:00.000Z/);
  });

  it("retries an attempt that times out", async () => {
    let calls = 0;
    await server.close();
    server = await startGitHubServer({
      handlers: [
        async (c) => {
          if (c.request.method !== "GET" || !c.request.path.endsWith("/comments")) return null;
          calls += 1;
          if (calls === 1) await new Promise((resolve) => setTimeout(resolve, 400));
          return null;
        },
      ],
    });
    const comments = await createTestPort(server, { attemptTimeoutMs: 100 }).listIssueComments(2);
    expect(comments).toEqual([]);
    expect(calls).toBe(2);
  });
});

describe("errors", () => {
  it("turns a 403 on creating a comment into the fork explanation", async () => {
    server.failNext("POST /repos/octo-org/octo-repo/issues/2/comments", [403]);
    const error = await expectGitHubError(createTestPort(server).createComment(2, "body"));
    expect(error).toMatchObject({ status: 403, operation: "createComment", code: "http" });
    expect(error.message).toContain("the token cannot write comments");
    expect(error.message).toContain("on a pull_request from a fork the GITHUB_TOKEN is read-only");
    expect(error.message).toContain(forkDocsPath);
    expect(error.message).toContain("pull-requests: write");
  });

  it("names the missing permission for check runs and artifacts", async () => {
    server.failNext(/^POST \/repos\/.*\/check-runs$/, [403]);
    server.failNext(/\/actions\/runs\/\d+\/artifacts$/, [403]);
    const port = createTestPort(server);
    const check = await expectGitHubError(port.createCheckRun({ name: "sci-gate", headSha: "a".repeat(40), conclusion: "success", title: "t", summary: "s" }));
    expect(check.message).toContain("checks: write");
    const artifacts = await expectGitHubError(port.listWorkflowRunArtifacts(1));
    expect(artifacts.message).toContain("actions: read");
  });

  it("says which pull request was not found", async () => {
    const error = await expectGitHubError(createTestPort(server).getPullRequest(77));
    expect(error).toMatchObject({ status: 404, operation: "getPullRequest" });
    expect(error.message).toContain("pull request #77 in octo-org/octo-repo");
  });

  it("says the token was rejected on a 401", async () => {
    const error = await expectGitHubError(createTestPort(server, { token: "ghs_someOtherTokenThatIsWrong000000000" }).listIssueComments(2));
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/token was rejected/);
    expect(error.message).not.toContain("someOtherToken");
  });

  it("refuses an empty token up front", () => {
    expect(() => createTestPort(server, { token: " " })).toThrow(/token is empty/);
  });

  it("reports an unreachable API as a network error naming the URL", async () => {
    const url = server.url;
    await server.close();
    const error = await expectGitHubError(createTestPort(server, { baseUrl: url, retries: 1 }).listIssueComments(2));
    expect(error.code).toBe("network");
    expect(error.message).toContain(url);
    server = await startGitHubServer();
  });
});

describe("the token", () => {
  it("never appears in an error message or a log line, even when GitHub echoes it back", async () => {
    const log = captureLog();
    await server.close();
    server = await startGitHubServer({
      token: plantedToken,
      handlers: [
        (c) =>
          c.request.method === "PATCH"
            ? { status: 422, body: { message: `Validation Failed for authorization: token ${plantedToken} (${plantedToken})` } }
            : null,
      ],
    });
    server.failNext(commentsPath, [502, 502, 502, 502]);
    server.failNext("POST /repos/octo-org/octo-repo/issues/2/comments", [{ status: 403, body: { message: `forbidden for ${plantedToken}` } }]);
    const port = createTestPort(server, { log, retries: 3 });
    const errors = [
      await expectGitHubError(port.listIssueComments(2)),
      await expectGitHubError(port.createComment(2, "x")),
      await expectGitHubError(port.updateComment(1, "x")),
      await expectGitHubError(port.getPullRequest(9)),
      await expectGitHubError(port.downloadArtifactZip(12345, { maxBytes: 10 })),
    ];
    expect(errors.length).toBe(5);
    const texts = [...errors.flatMap((e) => [e.message, e.stack ?? "", JSON.stringify(e)]), ...log.lines];
    expect(log.lines.length).toBeGreaterThan(0);
    for (const text of texts) {
      expect(text).not.toContain(plantedToken);
      expect(text).not.toContain("PLANTEDtoken");
    }
    expect(errors[2]?.message).toContain("***");
    // The fake records the scheme only; the real header did carry the token (the server checked it).
    expect(server.requests.every((r) => !JSON.stringify(r).includes(plantedToken))).toBe(true);
  });
});

describe("artifact download", () => {
  it("follows the redirect to storage without sending the token there", async () => {
    const run = server.addRun({ headBranch: "main" });
    const zip = makeZip({ "report.json": "{}" });
    const artifact = server.addArtifact({ name: "sci-gate-report", zip, run });
    const bytes = await createTestPort(server).downloadArtifactZip(artifact.id, { maxBytes: 1_000_000 });
    expect(Buffer.from(bytes).equals(Buffer.from(zip))).toBe(true);
    const [api] = server.requestsTo(`GET /repos/octo-org/octo-repo/actions/artifacts/${artifact.id}/zip`);
    expect(api?.headers.authorization).toBe("token <redacted>");
    const [storage] = server.requestsTo(/^GET \/_storage\//);
    expect(storage).toBeDefined();
    expect(storage?.headers.authorization).toBeUndefined();
  });

  it("refuses a download past the limit without reading it all", async () => {
    const run = server.addRun({ headBranch: "main" });
    const artifact = server.addArtifact({ name: "sci-gate-report", zip: new Uint8Array(200_000), run });
    const error = await expectGitHubError(createTestPort(server).downloadArtifactZip(artifact.id, { maxBytes: 1_000 }));
    expect(error).toMatchObject({ code: "too-large", operation: "downloadArtifactZip" });
    expect(error.message).toContain("over the limit of 1000 bytes");
  });

  it("explains an expired artifact (410)", async () => {
    const artifact = server.addArtifact({ name: "sci-gate-report", zip: new Uint8Array(10), run: server.addRun({ headBranch: "main" }), expired: true });
    const error = await expectGitHubError(createTestPort(server).downloadArtifactZip(artifact.id, { maxBytes: 1_000 }));
    expect(error.status).toBe(410);
    expect(error.message).toMatch(/expired or was deleted/);
  });

  it("works under a GitHub Enterprise Server API prefix", async () => {
    const run = server.addRun({ headBranch: "main" });
    const artifact = server.addArtifact({ name: "sci-gate-report", zip: makeZip({ "a.json": "{}" }), run });
    const port = createTestPort(server, { baseUrl: `${server.url}/api/v3/` });
    expect((await port.listWorkflowRunArtifacts(run.id)).map((a) => a.id)).toEqual([artifact.id]);
    expect(server.requests[0]?.path).toBe(`/api/v3/repos/octo-org/octo-repo/actions/runs/${run.id}/artifacts`);
  });
});

describe("reads", () => {
  it("maps a pull request, telling forks and deleted forks apart", async () => {
    server.addPullRequest({ number: 2, labels: ["carbon-accepted", "ml"] });
    server.addPullRequest({ number: 3, headRepoFullName: "forker/octo-repo" });
    server.addPullRequest({ number: 4, headRepoFullName: null });
    const port = createTestPort(server);
    expect(await port.getPullRequest(2)).toEqual({
      number: 2,
      headSha: "ec26c3e57ca3a959ca5aad62de7213c562f8c821",
      baseSha: "f95f852bd8fca8fcc58a9a2d6c842781e32a215e",
      baseRef: "main",
      headRef: "faster-decoding",
      labels: ["carbon-accepted", "ml"],
      headRepoFullName: "octo-org/octo-repo",
      isFork: false,
      state: "open",
    });
    expect(await port.getPullRequest(3)).toMatchObject({ isFork: true, headRepoFullName: "forker/octo-repo" });
    expect(await port.getPullRequest(4)).toMatchObject({ isFork: true, headRepoFullName: null });
  });

  it("lists runs by workflow file, branch and conclusion, newest first", async () => {
    const older = server.addRun({ headBranch: "main" });
    server.addRun({ headBranch: "main", conclusion: "failure" });
    server.addRun({ headBranch: "dev" });
    server.addRun({ headBranch: "main", path: ".github/workflows/other.yml", workflowId: 7 });
    const newer = server.addRun({ headBranch: "main" });
    const port = createTestPort(server);
    const runs = await port.listWorkflowRuns({ branch: "main", status: "success", workflowId: "sci-gate.yml" });
    expect(runs.map((r) => r.id)).toEqual([newer.id, older.id]);
    expect(runs[0]).toMatchObject({ headBranch: "main", conclusion: "success", event: "push", headRepoFullName: "octo-org/octo-repo" });
    expect((await port.listWorkflowRuns({ branch: "main", limit: 2 })).length).toBe(2);
    expect((await port.getWorkflowRun(older.id)).path).toBe(".github/workflows/sci-gate.yml");
  });

  it("lists repository artifacts by prefix and branch across pages, skipping expired ones", async () => {
    const main = server.addRun({ headBranch: "main" });
    const dev = server.addRun({ headBranch: "dev" });
    for (let i = 0; i < 150; i++) server.addArtifact({ name: `other-${i}`, zip: new Uint8Array(1), run: main });
    const shard = server.addArtifact({ name: "sci-gate-report-1", zip: new Uint8Array(1), run: main });
    server.addArtifact({ name: "sci-gate-report-1", zip: new Uint8Array(1), run: dev });
    server.addArtifact({ name: "sci-gate-report-2", zip: new Uint8Array(1), run: main, expired: true });
    for (let i = 0; i < 150; i++) server.addArtifact({ name: `late-${i}`, zip: new Uint8Array(1), run: main });
    const port = createTestPort(server);
    const found = await port.listRepoArtifacts({ namePrefix: "sci-gate-report", branch: "main" });
    expect(found.map((a) => a.id)).toEqual([shard.id]);
    expect(found[0]?.workflowRun).toMatchObject({ id: main.id, headBranch: "main", repositoryId: server.repositoryId, headRepositoryId: server.repositoryId });
    expect(await port.listRepoArtifacts({ namePrefix: "sci-gate-report", branch: "main", maxPages: 1 })).toEqual([]);
    const exact = await port.listRepoArtifacts({ name: "sci-gate-report-1" });
    expect(exact).toHaveLength(2);
    expect(server.requests.at(-1)?.query.name).toBe("sci-gate-report-1");
  });

  it("reads issue events across pages", async () => {
    for (let i = 0; i < 120; i++) server.addLabelEvent({ issueNumber: 2, label: `l${i}`, actor: "octocat" });
    const events = await createTestPort(server).listIssueEvents(2);
    expect(events).toHaveLength(120);
    expect(events[0]).toMatchObject({ event: "labeled", label: "l0", actor: "octocat" });
  });
});
