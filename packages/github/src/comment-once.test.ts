import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type GitHubServer, startGitHubServer } from "../../../test/support/github-server.js";
import { GitHubError } from "./github-error.js";
import { commentMarker, upsertStickyComment } from "./sticky-comment.js";
import { createTestPort, plantedToken } from "./test-port.test-helper.js";

/** A create whose outcome is unknown must not become two comments. */
const marker = commentMarker();
const create = /^POST \/repos\/octo-org\/octo-repo\/issues\/2\/comments$/;
let server: GitHubServer;
beforeEach(async () => {
  server = await startGitHubServer({ token: plantedToken });
});
afterEach(() => server.close());

const upsert = (body = "SCI +3 %") => upsertStickyComment(createTestPort(server), { issueNumber: 2, marker, body, mode: "always", verdictIsPass: false });

describe("creating the sticky comment when GitHub fails", () => {
  it("stored, then answered 502: takes the stored comment instead of posting a second", async () => {
    server.failAfterHandling(create, [502]);
    const result = await upsert();
    expect(result).toMatchObject({ action: "created", commentId: server.state.comments[0]?.id });
    expect(result.reason).toMatch(/GitHub stored comment \d+ although the create failed/);
    expect(server.state.comments).toHaveLength(1);
    expect(server.requestsTo(create)).toHaveLength(1);
  });

  it("not stored (502 twice): looks each time, then creates exactly one", async () => {
    server.failNext(create, [502, 502]);
    const result = await upsert();
    expect(result).toMatchObject({ action: "created" });
    expect(server.state.comments).toHaveLength(1);
    expect(server.requestsTo(create)).toHaveLength(3);
    // One listing before the first create, one after each failure.
    expect(server.requestsTo(/^GET .*\/issues\/2\/comments$/)).toHaveLength(3);
  });

  it("gives up after three unknown outcomes, with the last error", async () => {
    server.failNext(create, [502, 503, 500]);
    const error = await upsert().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubError);
    expect((error as GitHubError).status).toBe(500);
    expect(server.state.comments).toHaveLength(0);
  });

  it("a refusal (422, 403) is final: no second look, no second try", async () => {
    server.failNext(create, [403]);
    await expect(upsert()).rejects.toMatchObject({ status: 403 });
    expect(server.requestsTo(create)).toHaveLength(1);
    expect(server.requestsTo(/^GET .*\/issues\/2\/comments$/)).toHaveLength(1);
  });
});
