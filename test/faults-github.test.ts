import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseConfig, type Report } from "@sci-gate/core";
import { createOctokitPort } from "@sci-gate/github";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { makePairedReport } from "../packages/core/src/compare/make-report.test-helper.js";
import { actionInputsSchema } from "../packages/action/src/inputs.js";
import { runAction } from "../packages/action/src/main.js";
import { runBundledAction, writeWorkflowRunEvent } from "./support/action-harness.js";
import { type FakeState, type GitHubServer, secondaryRateLimit, startGitHubServer } from "./support/github-server.js";
import { makeZip } from "./support/make-zip.js";
import { type ResetProxy, startResetProxy } from "./support/reset-proxy.js";

/**
 * GitHub misbehaving while the action publishes (mode: comment, which measures nothing, so the
 * time is all GitHub's): transient 5xx, secondary rate limits, a comment deleted under us, a long
 * comment list, connections reset mid-request. The action retries within bounds, warns clearly
 * when it gives up, and the verdict alone decides the exit code. The octokit retry and sticky
 * comment units are tested in packages/github; this is the action's end-to-end behaviour.
 */
const owner = "acme";
const repo = "llm";
const token = "ghs_faultsplantedtoken0123456789";
const headSha = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const baseSha = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
const configText = "version: 1\nscenarios:\n  - { name: chat, run: python bench.py, unit: token }\nbudgets:\n  - maxIncreasePct: { warn: 3, fail: 5 }\n";

let work = "";
let server: GitHubServer;
let proxy: ResetProxy;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "sci-gate-github-faults-"));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});
beforeEach(async () => {
  server = await startGitHubServer({ owner, repo, token });
  proxy = await startResetProxy(server.url);
});
afterEach(async () => {
  await proxy.close();
  await server.close();
});

/** A pull request whose measured report (an artifact of the triggering run) shows a 10× regression, on each of `scenarios`. */
async function seedRegression(scenarios: string[] = ["chat"]): Promise<string> {
  const parsed = parseConfig(configText);
  if (!parsed.ok) throw new Error("config");
  const base = [100, 101, 99, 100.5, 99.5, 100.2];
  const figures = Object.fromEntries(scenarios.map((name) => [name, { base, head: base.map((e) => e * 10) }]));
  const report: Report = { ...makePairedReport(figures, parsed.value), pullRequest: { number: 7, repo: `${owner}/${repo}`, headSha, baseSha } };
  server.addPullRequest({ number: 7, headSha, baseSha });
  server.addFile({ ref: baseSha, path: "sci-gate.yml", text: configText });
  const run = server.addRun({ headBranch: "feature", headSha, event: "pull_request", conclusion: "success" });
  server.addArtifact({ name: "sci-gate-report", zip: makeZip({ "sci-gate-report.json": JSON.stringify(report) }), run });
  return writeWorkflowRunEvent(work, { owner, repo, runId: run.id, headSha });
}

/** The comment job as the runner runs it: the bundle, on the workflow_run event. */
const runBundledComment = (eventPath: string, options: { apiUrl?: string; extraEnv?: Record<string, string> } = {}) =>
  runBundledAction({
    workspace: work,
    eventName: "workflow_run",
    eventPath,
    apiUrl: options.apiUrl ?? server.url,
    repository: `${owner}/${repo}`,
    sha: headSha,
    inputs: { "github-token": token, mode: "comment" },
    ...(options.extraEnv ? { extraEnv: options.extraEnv } : {}),
  });

const marker = "<!-- sci-gate:comment:default -->";
const ours = () => server.state.comments.filter((c) => c.body.startsWith(marker));

describe("the bundled action when GitHub falters and recovers", () => {
  it("retries 500/502/503, a secondary rate limit, a reset connection and a deleted comment, across 300+ comments, and publishes once", async () => {
    const eventPath = await seedRegression();
    // 320 comments by others, ours among the last: only paging finds it.
    for (let i = 0; i < 320; i++) {
      if (i === 310) server.addComment({ issueNumber: 7, body: `${marker}\nold figures` });
      else server.addComment({ issueNumber: 7, body: `comment ${i}`, user: { login: `reviewer-${i % 7}`, id: 9000 + i, type: "User" } });
    }
    const stale = ours()[0]!;
    server.failNext(/^GET \/repos\/acme\/llm\/pulls\/7$/, [502]);
    server.failNext(/^GET \/repos\/acme\/llm\/issues\/7\/comments$/, [500]);
    server.failNext(/^POST \/repos\/acme\/llm\/check-runs$/, [secondaryRateLimit(1), 503]);
    // Our comment is deleted between listing and updating: it is gone, and GitHub answers the PATCH 404.
    const deleted = { status: 404, body: { message: "Not Found" }, effect: (state: FakeState) => state.comments.splice(state.comments.indexOf(stale), 1) };
    server.failNext(`PATCH /repos/acme/llm/issues/comments/${stale.id}`, [deleted]);
    // The new comment's first POST dies with a connection reset.
    proxy.resetNext(/^POST \/repos\/acme\/llm\/issues\/7\/comments$/, 1);
    const started = performance.now();
    const result = await runBundledComment(eventPath, { apiUrl: proxy.url });
    const elapsedS = (performance.now() - started) / 1000;
    const log = result.stdout + result.stderr;
    // The verdict decides: a 10× regression fails the build.
    expect(result.code, log).toBe(1);
    expect(result.outputs.verdict).toBe("fail");
    // Found on the fourth page, updated, found gone (404), so published anew exactly once.
    expect(server.requestsTo(`PATCH /repos/acme/llm/issues/comments/${stale.id}`)).toHaveLength(1);
    const fresh = ours().filter((c) => c.id !== stale.id);
    expect(fresh, log).toHaveLength(1);
    expect(fresh[0]!.body).toContain("chat");
    expect(proxy.resets).toEqual(["POST /repos/acme/llm/issues/7/comments"]);
    expect(server.requestsTo(/^POST \/repos\/acme\/llm\/issues\/7\/comments$/).length).toBe(1);
    expect(server.state.checkRuns).toHaveLength(1);
    expect(server.state.checkRuns[0]!.conclusion).toBe("failure");
    expect(server.requestsTo(/^POST \/repos\/acme\/llm\/check-runs$/)).toHaveLength(3);
    // Told, not hidden: the rate limit was waited out.
    expect(log).toMatch(/secondary rate limit on POST .*check-runs: retrying in 1 s/);
    expect(log).not.toMatch(/could not comment|could not create the sci-gate check run/);
    // The token is printed once, to the runner's own mask command, and nowhere else.
    expect(log.split("\n").filter((line) => !line.startsWith("::add-mask::")).join("\n")).not.toContain(token);
    // Within bounds: backoffs of 1 s each, pacing of writes, no more.
    expect(elapsedS).toBeLessThan(30);
  }, 60_000);
});

describe("the bundled action when GitHub acts but answers badly", () => {
  it("GitHub stores the comment and then answers 502: the comment is found, not posted twice", async () => {
    const eventPath = await seedRegression();
    server.failAfterHandling(/^POST \/repos\/acme\/llm\/issues\/7\/comments$/, [502]);
    const result = await runBundledComment(eventPath);
    const log = result.stdout + result.stderr;
    expect(result.code, log).toBe(1);
    // One POST, answered 502 after the comment was stored; the listing that followed found it.
    expect(server.requestsTo(/^POST \/repos\/acme\/llm\/issues\/7\/comments$/)).toHaveLength(1);
    expect(ours()).toHaveLength(1);
    expect(log).toMatch(/GitHub stored comment \d+ although the create failed; kept it rather than posting a duplicate/);
    expect(result.outputs["comment-url"]).toMatch(/#issuecomment-\d+$/);
  });

  it("a stalled API: the run's time budget for GitHub calls ends the waiting, then the verdict decides", async () => {
    const eventPath = await seedRegression();
    // The comment listing never answers; without a budget each try would wait 60 s, four times.
    server.stallNext(/^GET \/repos\/acme\/llm\/issues\/7\/comments$/, 10);
    const result = await runBundledComment(eventPath, { extraEnv: { SCI_GATE_GITHUB_TIME_BUDGET_S: "3" } });
    const log = result.stdout + result.stderr;
    expect(result.code, log).toBe(1);
    expect(result.outputs.verdict).toBe("fail");
    expect(log).toMatch(/could not comment on the pull request: .*time budget for GitHub calls \(3 s per run\) is spent/);
    expect(log).toMatch(/could not create the sci-gate check run: .*time budget for GitHub calls \(3 s per run\) is spent/);
    // Spent means no more requests: the check run was never sent.
    expect(server.requestsTo(/^POST \/repos\/acme\/llm\/check-runs$/)).toHaveLength(0);
    expect(result.summary).toContain("chat");
  });

  it("refuses a time budget that is not a number of seconds, before calling GitHub", async () => {
    const eventPath = await seedRegression();
    const result = await runBundledComment(eventPath, { extraEnv: { SCI_GATE_GITHUB_TIME_BUDGET_S: "5 minutes" } });
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('environment SCI_GATE_GITHUB_TIME_BUDGET_S: expected a number of seconds between 0 and 86400, got "5 minutes"');
    expect(server.requests).toHaveLength(0);
  });

  it("a personal access token's own comment is updated on the next run, and github-actions[bot]'s is left alone", async () => {
    await proxy.close();
    await server.close();
    // The token is release-bot's PAT: GET /user says so, and its comments carry that login.
    const releaseBot = { login: "release-bot", id: 7_000_001, type: "User" as const };
    server = await startGitHubServer({ owner, repo, token, viewer: releaseBot });
    proxy = await startResetProxy(server.url);
    const eventPath = await seedRegression();
    const fromActions = server.addComment({ issueNumber: 7, body: `${marker}\nposted with the job token, earlier`, user: { login: "github-actions[bot]", id: 41898282, type: "Bot" } });
    const first = await runBundledComment(eventPath);
    const second = await runBundledComment(eventPath);
    expect([first.code, second.code], first.stdout + second.stdout).toEqual([1, 1]);
    expect(first.stdout).toContain("comments by release-bot count as sci-gate's own: the token belongs to release-bot");
    const byReleaseBot = ours().filter((c) => c.user?.login === "release-bot");
    expect(byReleaseBot).toHaveLength(1);
    expect(server.requestsTo(/^POST \/repos\/acme\/llm\/issues\/7\/comments$/)).toHaveLength(1);
    expect(server.requestsTo(`PATCH /repos/acme/llm/issues/comments/${byReleaseBot[0]!.id}`)).toHaveLength(1);
    expect(server.state.comments.find((c) => c.id === fromActions.id)?.body).toBe(`${marker}\nposted with the job token, earlier`);
  });
});

describe("the action when GitHub stays down (backoff shortened, same code path)", () => {
  async function runComment(options: { retryAfterCapS?: number; scenarios?: string[] } = {}) {
    const eventPath = await seedRegression(options.scenarios);
    const lines: string[] = [];
    const outputs: Record<string, string> = {};
    let summary = "";
    const inputs = actionInputsSchema.parse({ githubToken: token, mode: "comment", runs: "", shard: "", commentId: "" });
    const started = performance.now();
    const code = await runAction(inputs, {
      env: { GITHUB_EVENT_NAME: "workflow_run", GITHUB_REPOSITORY: `${owner}/${repo}`, GITHUB_RUN_ID: "4242", GITHUB_API_URL: proxy.url, GITHUB_SHA: headSha, GITHUB_EVENT_PATH: eventPath },
      workspace: work,
      readEvent: async () => JSON.parse(await (await import("node:fs/promises")).readFile(eventPath, "utf8")),
      createPort: (t, context) =>
        createOctokitPort({
          token: t,
          owner: context.owner,
          repo: context.repo,
          baseUrl: context.apiUrl,
          retryDelayUnitMs: 20,
          writeIntervalMs: 0,
          attemptTimeoutMs: 2000,
          maxRetryAfterS: options.retryAfterCapS ?? 120,
          log: { debug: () => {}, info: (m) => lines.push(`info: ${m}`), warning: (m) => lines.push(`warning: ${m}`) },
        }),
      log: { info: (m) => lines.push(`info: ${m}`), warning: (m) => lines.push(`warning: ${m}`), error: (m) => lines.push(`error: ${m}`) },
      setOutput: (name, value) => {
        outputs[name] = value;
      },
      writeSummary: async (markdown) => {
        summary = markdown;
      },
      version: "test",
    });
    return { code, log: lines.join("\n"), outputs, summary, elapsedS: (performance.now() - started) / 1000 };
  }

  it("a persistent 503 on comments and check runs: retried, then a clear warning, and the verdict's exit code", async () => {
    server.failNext(/^(GET|POST) \/repos\/acme\/llm\/issues\/7\/comments$/, Array(20).fill(503));
    server.failNext(/^POST \/repos\/acme\/llm\/check-runs$/, Array(20).fill(503));
    const result = await runComment();
    expect(result.code, result.log).toBe(1);
    expect(result.outputs.verdict).toBe("fail");
    expect(result.summary).toContain("chat");
    expect(result.log).toMatch(/warning: could not comment on the pull request: .*503/);
    expect(result.log).toMatch(/warning: could not create the sci-gate check run: .*503/);
    // 1 try + 3 retries each, then it stops.
    expect(server.requestsTo(/^GET \/repos\/acme\/llm\/issues\/7\/comments$/)).toHaveLength(4);
    expect(server.requestsTo(/^POST \/repos\/acme\/llm\/check-runs$/)).toHaveLength(4);
    expect(result.elapsedS).toBeLessThan(10);
    expect(result.log + JSON.stringify(result.outputs) + result.summary).not.toContain(token);
  });

  it("connections reset on every try: a warning naming the network failure, and the verdict's exit code", async () => {
    proxy.resetNext(/^GET \/repos\/acme\/llm\/issues\/7\/comments$/, 20);
    proxy.resetNext(/^POST \/repos\/acme\/llm\/check-runs$/, 20);
    const result = await runComment();
    expect(result.code, result.log).toBe(1);
    expect(result.log).toMatch(/warning: could not comment on the pull request: /);
    expect(result.log).toMatch(/warning: could not create the sci-gate check run: /);
    expect(proxy.resets.length).toBeGreaterThanOrEqual(8);
    expect(server.state.comments).toHaveLength(0);
    expect(result.elapsedS).toBeLessThan(10);
  });

  it("a secondary rate limit asking for an hour is not waited out: a warning, and the verdict's exit code", async () => {
    server.failNext(/^POST \/repos\/acme\/llm\/issues\/7\/comments$/, [secondaryRateLimit(3600)]);
    const result = await runComment({ retryAfterCapS: 120 });
    expect(result.code, result.log).toBe(1);
    expect(result.log).toMatch(/not retrying \(asked to wait 3600 s/);
    expect(result.log).toMatch(/warning: could not comment on the pull request: /);
    // The check run is independent of the comment and still goes out.
    expect(server.state.checkRuns[0]?.conclusion).toBe("failure");
    expect(result.elapsedS).toBeLessThan(10);
  });
  it("a persistent 503 listing the triggering run's artifacts: no verdict posted, a clear error, exit 2", async () => {
    server.failNext(/^GET \/repos\/acme\/llm\/actions\/runs\/\d+\/artifacts$/, Array(8).fill(503));
    const result = await runComment();
    expect(result.code, result.log).toBe(2);
    expect(result.log).toMatch(/error: could not read the reports of workflow run \d+ from GitHub: sci-gate could not list the workflow run's artifacts .*GitHub answered 503.*after 3 retries.*; no verdict was posted/);
    expect(result.log).not.toMatch(/failed unexpectedly/);
    expect(server.state.comments).toHaveLength(0);
    expect(server.state.checkRuns).toHaveLength(0);
  });

  it("a persistent 503 reading the pull request: no verdict posted, a clear error, exit 2", async () => {
    server.failNext(/^GET \/repos\/acme\/llm\/pulls\/7$/, Array(8).fill(503));
    const result = await runComment();
    expect(result.code, result.log).toBe(2);
    expect(result.log).toMatch(/error: could not read pull request #7 from GitHub: sci-gate could not read the pull request .*GitHub answered 503.*; no verdict was posted/);
    expect(server.state.comments).toHaveLength(0);
    expect(server.state.checkRuns).toHaveLength(0);
  });

  it("a check-run summary too long for GitHub is rendered to the comment's limit (detail collapsed, said so), not cut mid-table", async () => {
    // 400 regressed scenarios: the full summary runs to hundreds of kilobytes, past the check run's 65,535 characters.
    const result = await runComment({ scenarios: Array.from({ length: 400 }, (_, i) => `scenario-${String(i).padStart(3, "0")}`) });
    expect(result.code, result.log).toBe(1);
    const summary = server.state.checkRuns[0]?.summary ?? "";
    expect(summary.length).toBeGreaterThan(1_000);
    expect(summary.length).toBeLessThanOrEqual(65_000);
    expect(summary).toContain("Shortened to fit the size limit");
    expect(summary).not.toContain("the summary passed GitHub's 65,535-character limit");
  });
});
