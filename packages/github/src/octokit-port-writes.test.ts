import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type GitHubServer, startGitHubServer } from "../../../test/support/github-server.js";
import { findCommentAuthor } from "./comment-author.js";
import { createTestPort, expectGitHubError, plantedToken } from "./test-port.test-helper.js";
import { createTimeBudget } from "./time-budget.js";

/** The port's contract for what may be retried, what counts as "not there", whom the token is, and how long it may take. */
let server: GitHubServer;
beforeEach(async () => {
  server = await startGitHubServer({ token: plantedToken });
});
afterEach(() => server.close());

const baseSha = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
const contents = /^GET \/repos\/octo-org\/octo-repo\/contents\//;


describe("getFileText", () => {
  it("reads a file at a commit", async () => {
    server.addFile({ ref: baseSha, path: "sci-gate.yml", text: "version: 1\n" });
    expect(await createTestPort(server).getFileText("sci-gate.yml", baseSha)).toBe("version: 1\n");
  });

  it("says null only when GitHub shows the commit and the file is not in it", async () => {
    server.addCommit(baseSha);
    expect(await createTestPort(server).getFileText("sci-gate.yml", baseSha)).toBeNull();
    // The probe asks for the sha alone, not the commit's whole diff.
    expect(server.requestsTo(`GET /repos/octo-org/octo-repo/commits/${baseSha}`)[0]?.headers.accept).toMatch(/sha/);
  });

  it("throws when the commit is not visible either: a 404 from a missing permission is not an absent file", async () => {
    const error = await expectGitHubError(createTestPort(server).getFileText("sci-gate.yml", baseSha));
    expect(error).toMatchObject({ status: 404, operation: "getFileText" });
    expect(error.message).toContain("GitHub answered 404 for the file and for the commit itself");
    expect(error.message).toContain("permissions: contents: read");
  });

  it("throws on a persistent 503, after the retries, rather than answering null", async () => {
    server.addFile({ ref: baseSha, path: "sci-gate.yml", text: "version: 1\n" });
    server.failNext(contents, Array(4).fill(503));
    const error = await expectGitHubError(createTestPort(server, { retries: 3 }).getFileText("sci-gate.yml", baseSha));
    expect(error).toMatchObject({ code: "http", status: 503 });
    expect(server.requestsTo(contents)).toHaveLength(4);
  });

  it("throws on a 403 and on a directory", async () => {
    server.failNext(contents, [403]);
    expect((await expectGitHubError(createTestPort(server).getFileText("sci-gate.yml", baseSha))).status).toBe(403);
    server.failNext(contents, [{ status: 200, body: [{ type: "file", name: "a.yml", path: "ci/a.yml" }] }]);
    expect((await expectGitHubError(createTestPort(server).getFileText("ci", baseSha))).message).toContain("it is a directory, not a file");
  });
});

describe("createComment", () => {
  it("is not retried on a 502: GitHub may have stored it", async () => {
    server.failNext("POST /repos/octo-org/octo-repo/issues/2/comments", [502]);
    const error = await expectGitHubError(createTestPort(server).createComment(2, "body"));
    expect(error).toMatchObject({ code: "http", status: 502 });
    expect(server.requestsTo(/^POST /)).toHaveLength(1);
  });
});

describe("getTokenIdentity and findCommentAuthor", () => {
  it("a personal access token: GET /user names its account", async () => {
    await server.close();
    server = await startGitHubServer({ token: plantedToken, viewer: { login: "release-bot", id: 77, type: "User" } });
    expect(await createTestPort(server).getTokenIdentity()).toEqual({ login: "release-bot", type: "User" });
    const author = await findCommentAuthor(createTestPort(server));
    expect(author.login).toBe("release-bot");
    expect(author.isOwn({ id: 1, body: "", user: { login: "release-bot", type: "User" }, createdAt: "", updatedAt: "", url: "" })).toBe(true);
    expect(author.isOwn({ id: 1, body: "", user: { login: "github-actions[bot]", type: "Bot" }, createdAt: "", updatedAt: "", url: "" })).toBe(false);
  });

  it("a GitHub App's installation token: GET /user is refused, GraphQL's viewer names <slug>[bot]", async () => {
    await server.close();
    server = await startGitHubServer({ token: plantedToken, viewer: { login: "sci-gate-app[bot]", id: 78, type: "Bot" } });
    expect(await createTestPort(server).getTokenIdentity()).toEqual({ login: "sci-gate-app[bot]", type: "Bot" });
    expect(server.requestsTo("GET /user")).toHaveLength(1);
    expect(server.requestsTo("POST /graphql")).toHaveLength(1);
  });

  it("the job's GITHUB_TOKEN, which neither answers: github-actions[bot]", async () => {
    await server.close();
    server = await startGitHubServer({ token: plantedToken, graphqlViewer: false });
    expect(await createTestPort(server).getTokenIdentity()).toBeNull();
    const author = await findCommentAuthor(createTestPort(server));
    expect(author).toMatchObject({ login: "github-actions[bot]" });
    expect(author.how).toContain("GitHub does not say whom the token belongs to");
  });
});

describe("the time budget", () => {
  it("ends a stalled call when the budget is spent, and refuses further calls without a request", async () => {
    server.stallNext("GET /repos/octo-org/octo-repo/issues/2/comments", 10);
    const port = createTestPort(server, { timeBudget: createTimeBudget(300), attemptTimeoutMs: 60_000 });
    const error = await expectGitHubError(port.listIssueComments(2));
    expect(error.code).toBe("time-budget");
    expect(error.message).toMatch(/^sci-gate could not read the pull request's comments \(pull request #2\): sci-gate's time budget for GitHub calls \(0\.3 s per run\) is spent/);
    const before = server.requests.length;
    expect((await expectGitHubError(port.getPullRequest(2))).code).toBe("time-budget");
    expect(server.requests.length).toBe(before);
  });

  it("does not wait out a retry-after longer than what is left of it", async () => {
    server.failNext("GET /repos/octo-org/octo-repo/issues/2/comments", [
      { status: 403, headers: { "retry-after": "5" }, body: { message: "You have exceeded a secondary rate limit." } },
    ]);
    // 5 s of retry-after at 100 ms a second is 500 ms, more than the 200 ms budget.
    const port = createTestPort(server, { timeBudget: createTimeBudget(200), retryDelayUnitMs: 100 });
    const error = await expectGitHubError(port.listIssueComments(2));
    expect(error.code).toBe("rate-limited");
    expect(server.requestsTo(/comments$/)).toHaveLength(1);
  });
});
