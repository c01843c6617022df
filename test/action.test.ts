import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { configYaml, makeRepo, runBundledAction, writePullRequestEvent } from "./support/action-harness.js";
import { type GitHubServer, startGitHubServer } from "./support/github-server.js";
import { makeZip } from "./support/make-zip.js";

let server: GitHubServer;
beforeEach(async () => {
  server = await startGitHubServer({ owner: "acme", repo: "llm" });
});
afterEach(async () => {
  await server.close();
});

/**
 * Base burns 30 ms per run, head 600 ms for the same 100 requests: about 10× the energy per request,
 * far beyond what a noisy shared machine can blur.
 */
async function regressionPullRequest(options: { baseFail?: number; headFail?: number; fork?: boolean; labels?: string[] } = {}) {
  const repo = await makeRepo({ config: configYaml(options.baseFail ?? 5), workMs: 30 }, { config: configYaml(options.headFail ?? 5), workMs: 600 });
  server.addPullRequest({ number: 7, headSha: repo.headSha, baseSha: repo.baseSha, headRef: "feature", baseRef: "main", labels: options.labels ?? [] });
  const eventPath = await writePullRequestEvent(repo.dir, { owner: "acme", repo: "llm", number: 7, baseSha: repo.baseSha, headSha: repo.headSha, fork: options.fork });
  const run = (inputs: Record<string, string> = {}) =>
    runBundledAction({
      workspace: repo.dir,
      eventName: "pull_request",
      eventPath,
      apiUrl: server.url,
      repository: "acme/llm",
      sha: repo.headSha,
      inputs: { "github-token": "ghs_plantedtoken0123456789", ...inputs },
    });
  return { repo, run };
}

describe("the bundled action on a pull request", () => {
  it("comments once, updates the same comment on the next run, and fails the check on a breach", async () => {
    const { repo, run } = await regressionPullRequest();
    const first = await run();
    expect(first.code, `${first.outputs["results-json"]}\n${first.stdout}`).toBe(1);
    expect(server.state.comments).toHaveLength(1);
    const comment = server.state.comments[0]!;
    expect(comment.body.split("\n")[0]).toBe("<!-- sci-gate:comment:default -->");
    expect(comment.body).toContain("serve");
    expect(server.state.checkRuns).toHaveLength(1);
    expect(server.state.checkRuns[0]).toMatchObject({ name: "sci-gate", headSha: repo.headSha, conclusion: "failure" });
    // The failing budget is annotated at its line in sci-gate.yml (budgets[0] starts on line 6).
    expect(server.state.checkRuns[0]!.annotations[0]).toMatchObject({ path: "sci-gate.yml", start_line: 6, annotation_level: "failure" });
    expect(first.outputs.verdict).toBe("fail");
    expect(Number(first.outputs["change-pct"])).toBeGreaterThan(50);
    expect(first.outputs["comment-url"]).toMatch(/^https?:\/\//);
    expect(first.summary).toContain("serve");
    const report = JSON.parse(await readFile(first.outputs["report-path"]!, "utf8"));
    expect(report.pullRequest).toMatchObject({ number: 7, headSha: repo.headSha });

    const second = await run();
    expect(second.code).toBe(1);
    expect(server.state.comments).toHaveLength(1);
    expect(server.requestsTo(/^PATCH .*\/issues\/comments\//)).toHaveLength(1);
    // The planted token never shows in what the action printed, but for the runner's own mask command.
    const printed = (first.stdout + first.stderr + second.stdout + second.stderr).split("\n").filter((l) => !l.startsWith("::add-mask::"));
    expect(printed.join("\n")).not.toContain("ghs_plantedtoken0123456789");
    expect(JSON.stringify(server.state)).not.toContain("ghs_plantedtoken0123456789");
  });

  it("judges the head by the base's budget when the head raises its own", async () => {
    const { run } = await regressionPullRequest({ baseFail: 5, headFail: 900 });
    const result = await run();
    expect(result.code).toBe(1);
    expect(result.outputs.verdict).toBe("fail");
    expect(server.state.comments[0]!.body).toMatch(/budget/i);
  });

  it("still exits by the verdict and writes the summary when commenting is forbidden (403)", async () => {
    const { run } = await regressionPullRequest();
    server.failNext(/^POST .*\/issues\/7\/comments/, [403]);
    const result = await run();
    expect(result.code).toBe(1);
    expect(result.summary).toContain("serve");
    expect(result.stdout).toMatch(/could not comment on the pull request/);
    expect(server.state.comments).toHaveLength(0);
    expect(server.state.checkRuns[0]?.conclusion).toBe("failure");
  });

  it("retries a 502 and then posts", async () => {
    const { run } = await regressionPullRequest();
    server.failNext(/^POST .*\/issues\/7\/comments/, [502]);
    const result = await run();
    expect(result.code).toBe(1);
    expect(server.requestsTo(/^POST .*\/issues\/7\/comments/)).toHaveLength(2);
    expect(server.state.comments).toHaveLength(1);
  });

  it("with baseline: artifact compares against the base branch's latest report, unpaired", async () => {
    // The main branch's own run measured the base code (30 ms a run) and uploaded its report.
    const main = await makeRepo({ config: configYaml(5), workMs: 30 }, { config: configYaml(5, "# main\n"), workMs: 30 });
    const mainEvent = await writePullRequestEvent(main.dir, { owner: "acme", repo: "llm", number: 99, baseSha: main.baseSha, headSha: main.headSha });
    const onMain = await runBundledAction({
      workspace: main.dir,
      eventName: "pull_request",
      eventPath: mainEvent,
      apiUrl: server.url,
      repository: "acme/llm",
      sha: main.headSha,
      inputs: { "github-token": "ghs_x", mode: "measure", baseline: "none" },
    });
    const mainRun = server.addRun({ headBranch: "main", headSha: main.headSha, event: "push", conclusion: "success" });
    server.addArtifact({ name: "sci-gate-report", zip: makeZip({ "sci-gate-report.json": await readFile(onMain.outputs["report-path"]!, "utf8") }), run: mainRun });
    const { run } = await regressionPullRequest();
    const result = await run({ baseline: "artifact" });
    expect(result.code, result.stdout).toBe(1);
    const results = JSON.parse(result.outputs["results-json"]!);
    expect(results[0]).toMatchObject({ name: "serve", outcome: "fail" });
    expect(server.requestsTo(/^GET .*\/actions\/artifacts/).length).toBeGreaterThan(0);
    expect(server.state.comments).toHaveLength(1);
  });

  it("lets the accept label turn a failure into a pass, recording who applied it", async () => {
    const { run } = await regressionPullRequest({ labels: ["sci-gate:accept"] });
    server.addLabelEvent({ issueNumber: 7, label: "sci-gate:accept", actor: "maintainer-ann" });
    const result = await run();
    expect(result.code, result.stdout).toBe(0);
    expect(server.state.checkRuns[0]?.conclusion).toBe("success");
    expect(server.state.comments[0]!.body).toContain("maintainer-ann");
  });

  it("on a fork's pull_request measures and summarises without calling GitHub", async () => {
    const { run } = await regressionPullRequest({ fork: true });
    const result = await run();
    expect(result.stdout).toMatch(/comes from a fork/);
    expect(result.summary).toContain("serve");
    expect(server.requests).toHaveLength(0);
    expect(result.code).toBe(1);
  });

  it("rejects a bad input with exit 2 and names it", async () => {
    const { run } = await regressionPullRequest();
    const result = await run({ mode: "everything" });
    expect(result.code).toBe(2);
    expect(result.stdout).toContain("input mode: expected mode to be full, measure or comment");
    expect(result.stdout + result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("the bundled action in mode: comment", () => {
  it("posts from an artifact without running anything, judged by the base's config as GitHub has it", async () => {
    const { repo, run } = await regressionPullRequest();
    // First measure as the untrusted pull_request workflow would (mode: measure writes the report only).
    const measured = await run({ mode: "measure" });
    expect(server.requests).toHaveLength(0);
    // A fork controls what its measuring job writes: here it forges a 900 % budget into the report.
    const forged = JSON.parse(await readFile(measured.outputs["report-path"]!, "utf8"));
    forged.configs.base.budgets[0].maxIncreasePct.fail = 900;
    forged.configs.head.budgets[0].maxIncreasePct.fail = 900;
    const reportText = JSON.stringify(forged);
    server.addFile({ ref: repo.baseSha, path: "sci-gate.yml", text: configYaml(5) });
    const triggering = server.addRun({ headBranch: "feature", headSha: repo.headSha, event: "pull_request", conclusion: "success" });
    server.addArtifact({ name: "sci-gate-report", zip: makeZip({ "sci-gate-report.json": reportText }), run: triggering });
    const eventPath = join(repo.dir, "..", "workflow-run-event.json");
    const { writeFile } = await import("node:fs/promises");
    await writeFile(
      eventPath,
      JSON.stringify({
        action: "completed",
        workflow_run: { id: triggering.id, event: "pull_request", conclusion: "success", head_branch: "feature", head_sha: repo.headSha, pull_requests: [] },
        repository: { full_name: "acme/llm", name: "llm", owner: { login: "acme" } },
      }),
    );
    // The comment job runs in an empty directory: no checkout, so no repository code can run.
    const { mkdtemp } = await import("node:fs/promises");
    const empty = await mkdtemp(join(repo.dir, "..", "empty-"));
    const result = await runBundledAction({
      workspace: empty,
      eventName: "workflow_run",
      eventPath,
      apiUrl: server.url,
      repository: "acme/llm",
      sha: repo.headSha,
      inputs: { "github-token": "ghs_x", mode: "comment" },
    });
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(server.state.comments).toHaveLength(1);
    expect(server.state.checkRuns[0]?.conclusion).toBe("failure");
    expect(server.requestsTo(/^GET .*\/contents\/sci-gate\.yml/)[0]?.query).toMatchObject({ ref: repo.baseSha });
  });

  it("refuses to comment when the report's pull request has moved on", async () => {
    const { repo, run } = await regressionPullRequest();
    const measured = await run({ mode: "measure" });
    const triggering = server.addRun({ headBranch: "feature", headSha: repo.headSha, event: "pull_request", conclusion: "success" });
    server.addArtifact({ name: "sci-gate-report", zip: makeZip({ "r.json": await readFile(measured.outputs["report-path"]!, "utf8") }), run: triggering });
    server.state.prs[0]!.headSha = "f".repeat(40);
    const eventPath = join(repo.dir, "..", "workflow-run-moved.json");
    const { writeFile } = await import("node:fs/promises");
    await writeFile(eventPath, JSON.stringify({ action: "completed", workflow_run: { id: triggering.id, event: "pull_request", conclusion: "success", head_branch: "feature", head_sha: repo.headSha, pull_requests: [] }, repository: { full_name: "acme/llm", name: "llm", owner: { login: "acme" } } }));
    const result = await runBundledAction({ workspace: repo.dir, eventName: "workflow_run", eventPath, apiUrl: server.url, repository: "acme/llm", sha: repo.headSha, inputs: { "github-token": "ghs_x", mode: "comment" } });
    expect(result.code).toBe(2);
    expect(result.stdout).toContain("refusing to comment: the report claims pull request #7");
    expect(server.state.comments).toHaveLength(0);
  });
});
