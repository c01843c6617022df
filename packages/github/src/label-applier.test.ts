import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type GitHubServer, startGitHubServer } from "../../../test/support/github-server.js";
import { findLabelApplier } from "./label-applier.js";
import { createTestPort } from "./test-port.test-helper.js";

let server: GitHubServer;
beforeEach(async () => {
  server = await startGitHubServer();
});
afterEach(() => server.close());

const find = (label = "carbon-accepted") => findLabelApplier(createTestPort(server), { issueNumber: 2, label });

describe("findLabelApplier", () => {
  it("names whoever applied the label last", async () => {
    server.addLabelEvent({ issueNumber: 2, label: "carbon-accepted", actor: "alice" });
    server.addLabelEvent({ issueNumber: 2, label: "carbon-accepted", actor: "alice", event: "unlabeled" });
    const last = server.addLabelEvent({ issueNumber: 2, label: "carbon-accepted", actor: "maintainer" });
    server.addLabelEvent({ issueNumber: 2, label: "ml", actor: "mallory" });
    server.addLabelEvent({ issueNumber: 3, label: "carbon-accepted", actor: "mallory" });
    expect(await find()).toEqual({ login: "maintainer", appliedAt: last.createdAt });
  });

  it("returns null when the label was removed afterwards or never applied", async () => {
    server.addLabelEvent({ issueNumber: 2, label: "carbon-accepted", actor: "maintainer" });
    server.addLabelEvent({ issueNumber: 2, label: "carbon-accepted", actor: "mallory", event: "unlabeled" });
    expect(await find()).toBeNull();
    expect(await find("never-used")).toBeNull();
  });

  it("finds the event past the first page", async () => {
    for (let i = 0; i < 150; i++) server.addLabelEvent({ issueNumber: 2, label: `noise-${i}`, actor: "bot[bot]" });
    server.addLabelEvent({ issueNumber: 2, label: "carbon-accepted", actor: "maintainer" });
    expect((await find())?.login).toBe("maintainer");
    expect(server.requestsTo(/\/issues\/2\/events$/)).toHaveLength(2);
  });
});
