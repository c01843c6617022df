import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type GitHubServer, githubActionsBot, startGitHubServer } from "../../../test/support/github-server.js";
import type { GitHubPort } from "./port.js";
import { commentMarker, isAuthoredBy, maxCommentChars, upsertStickyComment } from "./sticky-comment.js";
import { createTestPort, plantedToken } from "./test-port.test-helper.js";

const marker = commentMarker("chat-suite");
const someone = { login: "octocat", id: 583231, type: "User" as const };

let server: GitHubServer;
let port: GitHubPort;

beforeEach(async () => {
  server = await startGitHubServer({ token: plantedToken });
  port = createTestPort(server);
});
afterEach(() => server.close());

const upsert = (body: string, extra: Partial<Parameters<typeof upsertStickyComment>[1]> = {}) =>
  upsertStickyComment(port, { issueNumber: 2, marker, body, mode: "always", verdictIsPass: false, ...extra });

describe("upsertStickyComment", () => {
  it("creates the comment once, then updates that same comment", async () => {
    const first = await upsert("SCI +3.1 %");
    expect(first).toMatchObject({ action: "created", deleted: 0 });
    expect(first.url).toMatch(/\/octo-org\/octo-repo\/pull\/2#issuecomment-\d+$/);
    const second = await upsert("SCI +2.9 %");
    expect(second).toMatchObject({ action: "updated", commentId: first.commentId, deleted: 0 });
    expect(server.state.comments).toHaveLength(1);
    expect(server.state.comments[0]?.body).toBe(`${marker}\nSCI +2.9 %`);
    expect(server.requestsTo(/^POST /)).toHaveLength(1);
    expect(server.requestsTo(/^PATCH /)).toHaveLength(1);
  });

  it("keeps the newest of our duplicates, deletes the others, and leaves everything else alone", async () => {
    const oldest = server.addComment({ issueNumber: 2, body: `${marker}\nrun 1` });
    const middle = server.addComment({ issueNumber: 2, body: `${marker}\r\nrun 2` });
    const quoting = server.addComment({ issueNumber: 2, body: `${marker}\nI copied the bot's comment`, user: someone });
    const otherId = server.addComment({ issueNumber: 2, body: `${commentMarker("other-suite")}\nanother config` });
    const notFirstLine = server.addComment({ issueNumber: 2, body: `hello\n${marker}` });
    const longerMarker = server.addComment({ issueNumber: 2, body: `${marker}x\nnot ours` });
    const ghost = server.addComment({ issueNumber: 2, body: `${marker}\ndeleted account`, user: null });
    const newest = server.addComment({ issueNumber: 2, body: `${marker}\nrun 3` });
    const otherPr = server.addComment({ issueNumber: 3, body: `${marker}\nanother pull request` });

    const result = await upsert("run 4");

    expect(result).toMatchObject({ action: "updated", commentId: newest.id, deleted: 2 });
    const remaining = server.state.comments.map((c) => c.id);
    expect(remaining).not.toContain(oldest.id);
    expect(remaining).not.toContain(middle.id);
    for (const untouched of [quoting, otherId, notFirstLine, longerMarker, ghost, otherPr]) {
      expect(server.state.comments.find((c) => c.id === untouched.id)?.body).toBe(untouched.body);
    }
    const patched = server.requestsTo(/^PATCH /).map((r) => r.path);
    expect(patched).toEqual([`/repos/octo-org/octo-repo/issues/comments/${newest.id}`]);
  });

  it("pages through more than 300 comments to find ours", async () => {
    for (let i = 0; i < 310; i++) server.addComment({ issueNumber: 2, body: `comment ${i}`, user: someone });
    const ours = server.addComment({ issueNumber: 2, body: `${marker}\nold` });
    for (let i = 0; i < 20; i++) server.addComment({ issueNumber: 2, body: `late ${i}`, user: someone });

    const result = await upsert("new");

    expect(result).toMatchObject({ action: "updated", commentId: ours.id });
    const pages = server.requestsTo("GET /repos/octo-org/octo-repo/issues/2/comments");
    expect(pages.map((r) => r.query.page ?? "1")).toEqual(["1", "2", "3", "4"]);
    expect(pages.every((r) => r.query.per_page === "100")).toBe(true);
    expect(server.state.comments).toHaveLength(331);
  });

  it("creates a new comment when ours was deleted between listing and updating (404)", async () => {
    const ours = server.addComment({ issueNumber: 2, body: `${marker}\nold` });
    server.failNext(`PATCH /repos/octo-org/octo-repo/issues/comments/${ours.id}`, [404]);
    const result = await upsert("new");
    expect(result.action).toBe("created");
    expect(result.commentId).not.toBe(ours.id);
    expect(server.state.comments.filter((c) => c.body === `${marker}\nnew`)).toHaveLength(1);
  });

  it("counts a duplicate another job deleted first as gone, not as a failure", async () => {
    const older = server.addComment({ issueNumber: 2, body: `${marker}\nold` });
    server.addComment({ issueNumber: 2, body: `${marker}\nnewer` });
    server.failNext(`DELETE /repos/octo-org/octo-repo/issues/comments/${older.id}`, [404]);
    const result = await upsert("new");
    expect(result).toMatchObject({ action: "updated", deleted: 0 });
  });

  it("on-change: stays silent on a pass with no comment yet, but updates an existing one", async () => {
    const silent = await upsert("all good", { mode: "on-change", verdictIsPass: true });
    expect(silent).toMatchObject({ action: "skipped", url: null });
    expect(server.requestsTo(/^POST /)).toHaveLength(0);

    const failing = await upsert("regression", { mode: "on-change", verdictIsPass: false });
    expect(failing.action).toBe("created");
    const fixed = await upsert("fixed", { mode: "on-change", verdictIsPass: true });
    expect(fixed).toMatchObject({ action: "updated", commentId: failing.commentId });
  });

  it("never: makes no request at all", async () => {
    server.addComment({ issueNumber: 2, body: `${marker}\nold` });
    const result = await upsert("new", { mode: "never" });
    expect(result.action).toBe("skipped");
    expect(server.requests).toHaveLength(0);
  });

  it("recognises comments of another identity when told to (a GitHub App token)", async () => {
    const app = { login: "sci-gate[bot]", id: 99, type: "Bot" as const };
    const appComment = server.addComment({ issueNumber: 2, body: `${marker}\nfrom the app`, user: app });
    const actionsComment = server.addComment({ issueNumber: 2, body: `${marker}\nfrom actions`, user: githubActionsBot });
    const result = await upsert("new", { isOwn: isAuthoredBy("sci-gate[bot]") });
    expect(result).toMatchObject({ action: "updated", commentId: appComment.id, deleted: 0 });
    expect(server.state.comments.find((c) => c.id === actionsComment.id)?.body).toBe(actionsComment.body);
  });

  it("does not take a person's account named like a bot for ours", () => {
    const own = isAuthoredBy("github-actions[bot]");
    const comment = { id: 1, body: marker, createdAt: "", updatedAt: "", url: "" };
    expect(own({ ...comment, user: { login: "github-actions[bot]", type: "User" } })).toBe(false);
    expect(own({ ...comment, user: { login: "github-actions[bot]", type: "Bot" } })).toBe(true);
    expect(own({ ...comment, user: null })).toBe(false);
  });

  it("cuts a body over GitHub's 65,536-character limit and says so", async () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => `| scenario-${i} | +1.0 % | pass |`).join("\n");
    const result = await upsert(rows);
    expect(result.action).toBe("created");
    const posted = server.state.comments[0]?.body ?? "";
    expect(posted.length).toBeLessThanOrEqual(maxCommentChars);
    expect(posted.startsWith(`${marker}\n`)).toBe(true);
    expect(posted).toMatch(/truncated: the comment passed GitHub's 65,536-character limit/);
  });

  it("refuses a malformed marker before any request", async () => {
    await expect(upsert("x", { marker: "<!-- sci-gate -->" })).rejects.toThrow(/comment marker/);
    expect(() => commentMarker("has space")).toThrow(/comment id/);
    expect(server.requests).toHaveLength(0);
  });
});
