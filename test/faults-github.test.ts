import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseConfig, type Report } from "@sci-gate/core";
import { createOctokitPort } from "@sci-gate/github";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { makePairedReport } from "../packages/core/src/compare/make-report.test-helper.js";
import { actionInputsSchema } from "../packages/action/src/inputs.js";
import { runAction } from "../packages/action/src/main.js";
import { runBundledAction } from "./support/action-harness.js";
import { type GitHubServer, secondaryRateLimit, startGitHubServer } from "./support/github-server.js";
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

/** A pull request whose measured report (an artifact of the triggering run) shows a 10× regression. */
async function seedRegression(): Promise<string> {
  const parsed = parseConfig(configText);
  if (!parsed.ok) throw new Error("config");
  const base = [100, 101, 99, 100.5, 99.5, 100.2];
  const report: Report = { ...makePairedReport({ chat: { base, head: base.map((e) => e * 10) } }, parsed.value), pullRequest: { number: 7, repo: `${owner}/${repo}`, headSha, baseSha } };
  server.addPullRequest({ number: 7, headSha, baseSha });
  server.addFile({ ref: baseSha, path: "sci-gate.yml", text: configText });
  const run = server.addRun({ headBranch: "feature", headSha, event: "pull_request", conclusion: "success" });
  server.addArtifact({ name: "sci-gate-report", zip: makeZip({ "sci-gate-report.json": JSON.stringify(report) }), run });
  const eventPath = join(work, `workflow-run-${run.id}.json`);
  await writeFile(
    eventPath,
    JSON.stringify({
      action: "completed",
      workflow_run: { id: run.id, event: "pull_request", conclusion: "success", head_branch: "feature", head_sha: headSha, pull_requests: [] },
      repository: { full_name: `${owner}/${repo}`, name: repo, owner: { login: owner } },
    }),
  );
  return eventPath;
}

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
    // Our comment is deleted between listing and updating: GitHub answers the PATCH 404.
    server.failNext(`PATCH /repos/acme/llm/issues/comments/${stale.id}`, [404]);
    // The new comment's first POST dies with a connection reset.
    proxy.resetNext(/^POST \/repos\/acme\/llm\/issues\/7\/comments$/, 1);
    const started = performance.now();
    const result = await runBundledAction({
      workspace: work,
      eventName: "workflow_run",
      eventPath,
      apiUrl: proxy.url,
      repository: `${owner}/${repo}`,
      sha: headSha,
      inputs: { "github-token": token, mode: "comment" },
    });
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

describe("the action when GitHub stays down (backoff shortened, same code path)", () => {
  async function runComment(options: { retryAfterCapS?: number } = {}) {
    const eventPath = await seedRegression();
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
      appendSummary: async (markdown) => {
        summary += markdown;
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
});
