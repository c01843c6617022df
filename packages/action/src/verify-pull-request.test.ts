import type { PullRequestInfo, WorkflowRunContext } from "@sci-gate/github";
import { describe, expect, it } from "vitest";
import { findRefusal } from "./verify-pull-request.js";

const head7 = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const run: WorkflowRunContext = { id: 42, event: "pull_request", conclusion: "success", headBranch: "feature", headSha: head7, headRepoFullName: "mallory/llm", pullRequestNumbers: [] };
const live: PullRequestInfo = {
  number: 7,
  headSha: head7,
  baseSha: "f95f852bd8fca8fcc58a9a2d6c842781e32a215e",
  baseRef: "main",
  headRef: "feature",
  labels: [],
  headRepoFullName: "mallory/llm",
  isFork: true,
  state: "open",
};
const claimed = { number: 7, repo: "acme/llm", headSha: head7 };
const refusal = (over: { claimed?: Partial<typeof claimed>; run?: Partial<WorkflowRunContext>; live?: Partial<PullRequestInfo> } = {}) =>
  findRefusal({ claimed: { ...claimed, ...over.claimed }, repository: "acme/llm", run: { ...run, ...over.run }, live: { ...live, ...over.live } });

describe("findRefusal: a report may speak for a pull request only as far as GitHub confirms", () => {
  it("accepts the fork's own report of the run GitHub says it triggered", () => {
    expect(refusal()).toBeNull();
    // Names are compared as GitHub does, without regard to case.
    expect(refusal({ claimed: { repo: "Acme/LLM" }, live: { headRepoFullName: "Mallory/llm" } })).toBeNull();
  });

  it("refuses a report whose claimed head is not the commit the triggering run measured (another pull request's run)", () => {
    expect(refusal({ run: { headSha: "a".repeat(40) } })).toBe("the report claims pull request #7 at ec26c3e, but the run that triggered this one (42) measured aaaaaaa");
  });

  it("refuses a pull request GitHub did not link to the run, when it linked some", () => {
    expect(refusal({ run: { pullRequestNumbers: [8] } })).toBe("the report claims pull request #7, but GitHub linked run 42 to #8");
    expect(refusal({ run: { pullRequestNumbers: [8, 7] } })).toBeNull();
  });

  it("refuses when the pull request moved on, or came from another repository than the run's code", () => {
    expect(refusal({ live: { headSha: "b".repeat(40) } })).toContain("but its head is bbbbbbb");
    expect(refusal({ run: { headRepoFullName: "eve/llm" } })).toBe("pull request #7 comes from mallory/llm, but run 42 ran code from eve/llm");
    expect(refusal({ run: { headRepoFullName: null } })).toContain("does not say which repository run 42's code came from");
    expect(refusal({ live: { headRepoFullName: null } })).toContain("head repository was deleted");
  });

  it("refuses a report about another repository's pull request", () => {
    expect(refusal({ claimed: { repo: "other/llm" } })).toBe("the report names pull request #7 of other/llm, but this is acme/llm");
  });
});
