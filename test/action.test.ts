import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  configYaml,
  git,
  makeRepo,
  parseOutputs,
  runBundledAction,
  writeMergeGroupEvent,
  writePullRequestEvent,
  writeWorkflowRunEvent,
} from "./support/action-harness.js";
import { type GitHubServer, startGitHubServer } from "./support/github-server.js";
import { makeZip } from "./support/make-zip.js";
import { survivorsWithEnv, waitForProcessesWithEnv } from "./support/proc-scan.js";
import { runCli } from "./support/run-process.js";

let server: GitHubServer;
beforeEach(async () => {
  server = await startGitHubServer({ owner: "acme", repo: "llm" });
});
afterEach(async () => {
  await server.close();
});

/**
 * Base burns 30 ms per run, head 400 ms for the same 100 requests: several times the energy per request
 * (node's own start-up, ~0.1 s a run, is on both sides),
 * far beyond what a noisy shared machine can blur.
 */
async function regressionPullRequest(
  options: { baseFail?: number; headFail?: number; baseConfig?: string; fork?: boolean; labels?: string[]; labeled?: { label: string; by: string } } = {},
) {
  const repo = await makeRepo({ config: options.baseConfig ?? configYaml(options.baseFail ?? 5), workMs: 30 }, { config: configYaml(options.headFail ?? 5), workMs: 400 });
  server.addPullRequest({ number: 7, headSha: repo.headSha, baseSha: repo.baseSha, headRef: "feature", baseRef: "main", labels: options.labels ?? [] });
  const writeEvent = (extra: { labels?: string[]; labeled?: { label: string; by: string } } = {}) =>
    writePullRequestEvent(repo.dir, { owner: "acme", repo: "llm", number: 7, baseSha: repo.baseSha, headSha: repo.headSha, fork: options.fork, ...extra });
  const eventPath = await writeEvent({ labels: options.labels, labeled: options.labeled });
  const run = (inputs: Record<string, string> = {}, more: { eventPath?: string; extraEnv?: Record<string, string>; files?: { output: string; summary: string } } = {}) =>
    runBundledAction({
      workspace: repo.dir,
      eventName: "pull_request",
      eventPath: more.eventPath ?? eventPath,
      apiUrl: server.url,
      repository: "acme/llm",
      sha: repo.headSha,
      inputs: { "github-token": "ghs_plantedtoken0123456789", ...inputs },
      ...(more.extraEnv ? { extraEnv: more.extraEnv } : {}),
      ...(more.files ? { files: more.files } : {}),
    });
  return { repo, run, writeEvent };
}

/** The comment job of the fork pattern: a workflow_run event for `runId`, run in an empty directory (no checkout). */
async function runCommentJob(repoDir: string, options: { runId: number; headSha: string; headRepo?: string; pullRequests?: { number: number; headSha: string; baseSha: string }[] }) {
  const empty = await mkdtemp(join(repoDir, "..", "empty-"));
  const eventPath = await writeWorkflowRunEvent(empty, { owner: "acme", repo: "llm", ...options });
  return runBundledAction({
    workspace: empty,
    eventName: "workflow_run",
    eventPath,
    apiUrl: server.url,
    repository: "acme/llm",
    sha: options.headSha,
    inputs: { "github-token": "ghs_x", mode: "comment" },
  });
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

  it("with baseline: artifact and the artifacts refused: the summary and outputs come first, and the base commit's budget decides, not the head's", async () => {
    // The base caps SCI at 1e-12 g per request, which the head's 400 ms of CPU per 100 requests
    // exceeds by orders of magnitude; the head deletes that cap and raises its relative budget to 900 %.
    const baseConfig = configYaml(5).replace("compare:", "  - scenario: serve\n    maxSciGPerUnit: { fail: 1.0e-12 }\ncompare:");
    const { repo, run } = await regressionPullRequest({ baseConfig, headFail: 900 });
    const runner = await mkdtemp(join(repo.dir, "..", "runner-files-"));
    const files = { output: join(runner, "output.txt"), summary: join(runner, "summary.md") };
    await writeFile(files.output, "");
    await writeFile(files.summary, "");
    // What the runner's files hold at the first artifact request: the head's summary and outputs are already there.
    let atFirstCall: { summary: string; outputs: Record<string, string> } | null = null;
    await server.close();
    server = await startGitHubServer({
      owner: "acme",
      repo: "llm",
      handlers: [
        (c) => {
          if (!c.request.path.includes("/actions/")) return null;
          atFirstCall ??= { summary: readFileSync(files.summary, "utf8"), outputs: parseOutputs(readFileSync(files.output, "utf8")) };
          // A job without `actions: read`: GitHub refuses, and does not change its mind on a retry.
          return { status: 403, body: { message: "Resource not accessible by integration", documentation_url: "https://docs.github.com/rest" } };
        },
      ],
    });
    server.addPullRequest({ number: 7, headSha: repo.headSha, baseSha: repo.baseSha });
    const result = await run({ baseline: "artifact" }, { files });
    const log = result.stdout + result.stderr;
    expect(atFirstCall, log).not.toBeNull();
    expect(atFirstCall!.summary).toContain("serve");
    expect(atFirstCall!.outputs["report-path"]).toMatch(/sci-gate-report\.json$/);
    expect(atFirstCall!.outputs.verdict).toBe("fail");
    // The base commit's sci-gate.yml, read with git from the checkout, decides: its absolute cap fails the head.
    expect(result.code, log).toBe(1);
    expect(JSON.parse(result.outputs["results-json"]!)[0]).toMatchObject({ name: "serve", outcome: "fail" });
    expect(log).toMatch(/could not fetch main's report: .*403.*actions: read/);
    expect(log).toMatch(/no usable sci-gate report on main: the head is judged alone/);
    expect(server.state.checkRuns[0]?.conclusion).toBe("failure");
    // The warnings reach the comment too.
    expect(server.state.comments[0]!.body).toMatch(/no usable sci-gate report on main/);
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

  it("on a fork, mode: measure takes the accept label from its labeled event, and never from an unknown applier", async () => {
    const { run, writeEvent } = await regressionPullRequest({ fork: true, labels: ["sci-gate:accept"], labeled: { label: "sci-gate:accept", by: "maintainer-ann" } });
    const labeled = await run({ mode: "measure" });
    expect(labeled.code, labeled.stdout).toBe(0);
    expect(labeled.outputs.verdict).toBe("pass");
    expect(labeled.summary).toContain("maintainer-ann");
    // A later push: the payload still lists the label but not who applied it, and this job asks GitHub nothing.
    const pushed = await run({ mode: "measure" }, { eventPath: await writeEvent({ labels: ["sci-gate:accept"] }) });
    expect(pushed.code, pushed.stdout).toBe(1);
    expect(pushed.outputs.verdict).toBe("fail");
    expect(pushed.stdout).toContain('the regression is not accepted: the sci-gate:accept label is on the pull request, but this "opened" event does not say who applied it');
    expect(pushed.stdout + pushed.summary).not.toContain("@unknown");
    expect(server.requests).toHaveLength(0);
  });

  it("on a merge_group: measures against the queue's base, checks the group's commit, and honours the queued pull request's accept label", async () => {
    const repo = await makeRepo({ config: configYaml(5), workMs: 30 }, { config: configYaml(5), workMs: 400 });
    // The queue's commit: the pull request (head f0a1…) merged onto main, checked out as GITHUB_SHA.
    const prHeadSha = "f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3";
    server.addPullRequest({ number: 104, headSha: prHeadSha, baseSha: repo.baseSha, labels: ["sci-gate:accept"] });
    server.addLabelEvent({ issueNumber: 104, label: "sci-gate:accept", actor: "maintainer-ann" });
    const eventPath = await writeMergeGroupEvent(repo.dir, { owner: "acme", repo: "llm", number: 104, baseSha: repo.baseSha, headSha: repo.headSha, prHeadSha });
    const result = await runBundledAction({
      workspace: repo.dir,
      eventName: "merge_group",
      eventPath,
      apiUrl: server.url,
      repository: "acme/llm",
      sha: repo.headSha,
      inputs: { "github-token": "ghs_x" },
    });
    const log = result.stdout + result.stderr;
    expect(result.code, log).toBe(0);
    expect(server.state.checkRuns).toHaveLength(1);
    expect(server.state.checkRuns[0]).toMatchObject({ name: "sci-gate", headSha: repo.headSha, conclusion: "success" });
    expect(server.state.checkRuns[0]!.summary).toContain("maintainer-ann");
    expect(server.requestsTo("GET /repos/acme/llm/pulls/104")).toHaveLength(1);
    // The pull request's comment is about its own head, not the queue's merge.
    expect(server.state.comments).toHaveLength(0);
    expect(log).toContain("merge group for pull request #104: no comment");
  });

  it("a runner's cancel (SIGTERM, then SIGTERM again) leaves no process of the suite behind", async () => {
    // The suite ignores SIGTERM and SIGINT (an ignored signal stays ignored in its children), so
    // only the second signal's SIGKILL of its process group stops it.
    const config = `version: 1\nlocation: { country: FR }\nscenarios:\n  - { name: stuck, run: ${JSON.stringify('trap "" TERM INT; sleep 61 & sleep 62')}, unit: request, warmup: 0, runs: 1 }\n`;
    const repo = await makeRepo({ config, workMs: 1 }, { config, workMs: 2 });
    const mark = randomBytes(6).toString("hex");
    // A manual dispatch names no base: the head alone is measured, nothing asks GitHub.
    const eventPath = join(await mkdtemp(join(tmpdir(), "sci-gate-dispatch-")), "event.json");
    await writeFile(eventPath, "{}");
    const result = await runBundledAction({
      workspace: repo.dir,
      eventName: "workflow_dispatch",
      eventPath,
      apiUrl: server.url,
      repository: "acme/llm",
      sha: repo.headSha,
      inputs: { mode: "measure", baseline: "none", "github-token": "ghs_plantedtoken0123456789" },
      extraEnv: { SCI_GATE_TEST_MARK: mark },
      onSpawn: (child) => {
        void (async () => {
          // The action, sh and both sleeps carry the mark once the scenario runs.
          await waitForProcessesWithEnv("SCI_GATE_TEST_MARK", mark, (pids) => pids.length >= 4, 60_000);
          child.kill("SIGTERM");
          await new Promise((r) => setTimeout(r, 300));
          child.kill("SIGTERM");
        })();
      },
    });
    expect(result.code).toBe(3);
    expect(await survivorsWithEnv("SCI_GATE_TEST_MARK", mark)).toEqual([]);
  });

  it("rejects a bad input with exit 2 and names it", async () => {
    const { run } = await regressionPullRequest();
    const result = await run({ mode: "everything" });
    expect(result.code).toBe(2);
    expect(result.stdout).toContain("input mode: expected mode to be full, measure or comment");
    expect(result.stdout + result.stderr).not.toMatch(/\n\s+at /);
  });

  it("refuses shard with mode: full (each shard would overwrite the comment) and says what to do", async () => {
    const { repo, run } = await regressionPullRequest();
    const result = await run({ shard: "1/2" });
    expect(result.code).toBe(2);
    expect(result.stdout).toContain("input shard: expected mode: measure with shard");
    expect(result.stdout).toContain("merge them with mode: comment in a workflow_run job");
    expect(server.requests).toHaveLength(0);
    expect(git(repo.dir, "worktree", "list").split("\n")).toHaveLength(1);
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
    server.addFile({ ref: repo.baseSha, path: "sci-gate.yml", text: configYaml(5) });
    const triggering = server.addRun({ headBranch: "feature", headSha: repo.headSha, event: "pull_request", conclusion: "success" });
    server.addArtifact({ name: "sci-gate-report", zip: makeZip({ "sci-gate-report.json": JSON.stringify(forged) }), run: triggering });
    const result = await runCommentJob(repo.dir, { runId: triggering.id, headSha: repo.headSha });
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(server.state.comments).toHaveLength(1);
    expect(server.state.checkRuns[0]?.conclusion).toBe("failure");
    expect(server.requestsTo(/^GET .*\/contents\/sci-gate\.yml/)[0]?.query).toMatchObject({ ref: repo.baseSha });
    // The reproduce line re-measures against the live pull request's base, which a fork's run does not know.
    expect(server.state.comments[0]!.body).toContain(`--base ${repo.baseSha}`);
  });

  it("refuses to comment when the report's pull request has moved on", async () => {
    const { repo, run } = await regressionPullRequest();
    const measured = await run({ mode: "measure" });
    const triggering = server.addRun({ headBranch: "feature", headSha: repo.headSha, event: "pull_request", conclusion: "success" });
    server.addArtifact({ name: "sci-gate-report", zip: makeZip({ "r.json": await readFile(measured.outputs["report-path"]!, "utf8") }), run: triggering });
    server.state.prs[0]!.headSha = "f".repeat(40);
    const result = await runCommentJob(repo.dir, { runId: triggering.id, headSha: repo.headSha });
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(`refusing to comment: the report claims pull request #7 at ${repo.headSha.slice(0, 7)}, but its head is fffffff`);
    expect(server.state.comments).toHaveLength(0);
    expect(server.state.checkRuns).toHaveLength(0);
  });

  it("posts the very comment `sci-gate compare --format markdown` prints for the same report and config, trend chart included", async () => {
    const { repo, run } = await regressionPullRequest();
    const measured = await run({ mode: "measure" });
    const reportText = await readFile(measured.outputs["report-path"]!, "utf8");
    const report = JSON.parse(reportText);
    // Two earlier runs of main left reports: their head figures draw the trend (oldest first, by createdAt).
    const past = [
      { ...report, createdAt: "2024-04-01T00:00:00.000Z", revisions: { head: { ...report.revisions.base, sha: "1".repeat(40) } } },
      { ...report, createdAt: "2024-04-02T00:00:00.000Z", revisions: { head: { ...report.revisions.base, sha: "2".repeat(40) } } },
    ];
    for (const entry of past) {
      const mainRun = server.addRun({ headBranch: "main", headSha: entry.revisions.head.sha, event: "push", conclusion: "success" });
      server.addArtifact({ name: "sci-gate-report", zip: makeZip({ "sci-gate-report.json": JSON.stringify(entry) }), run: mainRun });
    }
    server.addFile({ ref: repo.baseSha, path: "sci-gate.yml", text: configYaml(5) });
    const triggering = server.addRun({ headBranch: "feature", headSha: repo.headSha, event: "pull_request", conclusion: "success" });
    server.addArtifact({ name: "sci-gate-report", zip: makeZip({ "sci-gate-report.json": reportText }), run: triggering });
    const result = await runCommentJob(repo.dir, { runId: triggering.id, headSha: repo.headSha });
    expect(result.code, result.stdout).toBe(1);
    const posted = server.state.comments[0]!.body;
    expect(posted).toMatch(/```mermaid/);
    expect(posted).toContain("1111111");
    expect(posted).toContain("2222222");

    const local = await mkdtemp(join(repo.dir, "..", "local-"));
    await writeFile(join(local, "report.json"), reportText);
    await writeFile(join(local, "sci-gate.yml"), configYaml(5));
    await writeFile(join(local, "old.json"), JSON.stringify(past[0]));
    await writeFile(join(local, "older.json"), JSON.stringify(past[1]));
    const cli = await runCli(["compare", "report.json", "--config", "sci-gate.yml", "--format", "markdown", "--history", "old.json", "--history", "older.json"], { cwd: local });
    expect(cli.code, cli.stderr).toBe(1);
    expect(cli.stdout).toBe(posted);
  });

  it("keeps the warnings of merging shards in the comment", async () => {
    const { repo, run } = await regressionPullRequest();
    const measured = await run({ mode: "measure" });
    const report = JSON.parse(await readFile(measured.outputs["report-path"]!, "utf8"));
    const second = { ...report, tool: { ...report.tool, version: "0.0.9" }, scenarios: report.scenarios.map((s: { name: string }) => ({ ...s, name: "serve-2" })) };
    server.addFile({ ref: repo.baseSha, path: "sci-gate.yml", text: configYaml(5) });
    const triggering = server.addRun({ headBranch: "feature", headSha: repo.headSha, event: "pull_request", conclusion: "success" });
    server.addArtifact({ name: "sci-gate-report-1", zip: makeZip({ "r.json": JSON.stringify(report) }), run: triggering });
    server.addArtifact({ name: "sci-gate-report-2", zip: makeZip({ "r.json": JSON.stringify(second) }), run: triggering });
    const result = await runCommentJob(repo.dir, { runId: triggering.id, headSha: repo.headSha });
    expect(result.code, result.stdout).toBe(1);
    expect(result.stdout).toContain("sci-gate-report-1/r.json was written by sci-gate 0.1.0, sci-gate-report-2/r.json by 0.0.9");
    expect(server.state.comments[0]!.body).toMatch(/was written by sci-gate 0\.1\.0, .*by 0\.0\.9/);
  });
});
