import { execFileSync } from "node:child_process";
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { parseConfig, type Report } from "@sci-gate/core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { makePairedReport } from "../packages/core/src/compare/make-report.test-helper.js";
import { repoRoot, runBundledAction, writePullRequestEvent, writeWorkflowRunEvent } from "./support/action-harness.js";
import { type GitHubServer, startGitHubServer } from "./support/github-server.js";
import { makeZip } from "./support/make-zip.js";
import { runCli } from "./support/run-process.js";

/** The threat model of docs/SECURITY.md, held by tests: what a hostile pull request cannot make sci-gate do. */
const owner = "acme";
const repo = "llm";
const token = "ghs_securityplantedtoken0123456789";
const headSha = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const baseSha = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";

let work = "";
let server: GitHubServer;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "sci-gate-security-"));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});
beforeEach(async () => {
  server = await startGitHubServer({ owner, repo, token });
});
afterEach(async () => {
  await server.close();
});

/**
 * A directory of executables named like every tool the action could run, each leaving a
 * marker: put first on PATH, it tells whether anything was executed by name.
 */
async function makeTrapPath(markers: string): Promise<string> {
  const bin = join(work, `trap-bin-${Math.random().toString(16).slice(2)}`);
  await mkdir(bin);
  for (const name of ["sh", "bash", "dash", "git", "node", "npm", "npx", "python", "python3", "make", "touch", "curl"]) {
    await writeFile(join(bin, name), `#!/bin/sh\n: > "${markers}/ran-${name}"\nexit 1\n`);
    await chmod(join(bin, name), 0o755);
  }
  return bin;
}

const baseConfigText = "version: 1\nscenarios:\n  - { name: chat, run: python bench.py, unit: token }\nbudgets:\n  - maxIncreasePct: { warn: 3, fail: 5 }\n";

/**
 * A workflow_run event (GitHub's real payload) for the run whose artifact holds `report`, and the
 * comment job's empty workspace. The run measured `runHeadSha` (default: pull request #7's head).
 */
async function seedCommentJob(report: Report | string, options: { artifactBytes?: number; runHeadSha?: string; baseConfig?: string | null } = {}) {
  server.addPullRequest({ number: 7, headSha, baseSha });
  if (options.baseConfig !== null) server.addFile({ ref: baseSha, path: "sci-gate.yml", text: options.baseConfig ?? baseConfigText });
  const runHeadSha = options.runHeadSha ?? headSha;
  const run = server.addRun({ headBranch: "feature", headSha: runHeadSha, event: "pull_request", conclusion: "success" });
  const text = typeof report === "string" ? report : JSON.stringify(report);
  server.addArtifact({ name: "sci-gate-report", zip: makeZip({ "sci-gate-report.json": text }), run, ...(options.artifactBytes ? { sizeInBytes: options.artifactBytes } : {}) });
  const dir = await mkdtemp(join(work, "comment-job-"));
  const eventPath = await writeWorkflowRunEvent(dir, { owner, repo, runId: run.id, headSha: runHeadSha });
  return { dir, eventPath, configText: baseConfigText };
}

const runCommentJob = (job: { dir: string; eventPath: string }, extraEnv: Record<string, string> = {}) =>
  runBundledAction({
    workspace: job.dir,
    eventName: "workflow_run",
    eventPath: job.eventPath,
    apiUrl: server.url,
    repository: `${owner}/${repo}`,
    sha: headSha,
    inputs: { "github-token": token, mode: "comment" },
    extraEnv,
  });

/** A 10× regression on chat, under whatever budget the report's own config claims. */
function regressionReport(budgets: string, pr: Report["pullRequest"] = { number: 7, repo: `${owner}/${repo}`, headSha, baseSha }): Report {
  const parsed = parseConfig(`version: 1\nscenarios:\n  - { name: chat, run: python bench.py, unit: token }\nbudgets:\n${budgets}`);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const base = [100, 101, 99, 100.5, 99.5, 100.2];
  return { ...makePairedReport({ chat: { base, head: base.map((e) => e * 10) } }, parsed.value), ...(pr ? { pullRequest: pr } : {}) };
}

function hostileReport(markers: string): Report {
  const parsed = parseConfig(
    `version: 1\nsetup: "touch ${markers}/report-setup-ran"\nscenarios:\n  - { name: chat, run: "touch ${markers}/report-run-ran", unit: token }\nbudgets:\n  - maxIncreasePct: { fail: 900 }\n`,
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const base = [100, 101, 99, 100.5, 99.5, 100.2];
  const report = makePairedReport({ chat: { base, head: base.map((e) => e * 10) } }, parsed.value);
  // Every free-text field a fork controls, aimed at the comment.
  const evil = "<img src=x onerror=alert(1)> @everyone #1 <!-- sci-gate:comment:default --> | `x` $(touch pwned)";
  report.scenarios[0]!.unit = "token<b>";
  report.scenarios[0]!.command = evil;
  report.scenarios[0]!.warnings = [evil];
  report.machine = { ...report.machine, cpuModel: evil };
  report.assumptions = { ...report.assumptions, warnings: [evil] };
  report.pullRequest = { number: 7, repo: `${owner}/${repo}`, headSha, baseSha };
  return report;
}

describe("mode: comment, the job with a write token", () => {
  it("executes nothing of the repository or the report, and posts only the renderer's escaped text", async () => {
    const markers = await mkdtemp(join(work, "markers-"));
    const { dir, eventPath } = await seedCommentJob(hostileReport(markers));
    // A checkout would bring these: a config, a setup step, a suite, npm scripts. None may run.
    await writeFile(join(dir, "sci-gate.yml"), `version: 1\nsetup: "touch ${markers}/workspace-setup-ran"\nscenarios:\n  - { name: chat, run: "touch ${markers}/workspace-run-ran", unit: token }\n`);
    await writeFile(join(dir, "package.json"), JSON.stringify({ scripts: { preinstall: `touch ${markers}/npm-ran`, test: `touch ${markers}/npm-ran` } }));
    const trap = await makeTrapPath(markers);
    const result = await runBundledAction({
      workspace: dir,
      eventName: "workflow_run",
      eventPath,
      apiUrl: server.url,
      repository: `${owner}/${repo}`,
      sha: headSha,
      inputs: { "github-token": token, mode: "comment" },
      extraEnv: { PATH: `${trap}:${process.env.PATH}` },
    });
    const log = result.stdout + result.stderr;
    expect(await readdir(markers), log).toEqual([]);
    // Judged by the base's 5 % budget, not the 900 % the report carries.
    expect(result.code, log).toBe(1);
    expect(server.requestsTo(/^GET \/repos\/acme\/llm\/contents\//).map((r) => `${r.path}@${r.query.ref}`)).toEqual([`/repos/acme/llm/contents/sci-gate.yml@${baseSha}`]);
    const body = server.state.comments[0]?.body ?? "";
    expect(body.startsWith("<!-- sci-gate:comment:default -->")).toBe(true);
    expect(body.match(/<!-- sci-gate:comment:/g)).toHaveLength(1);
    expect(body).not.toContain("<img");
    expect(body).not.toContain("<b>");
    expect(body).not.toMatch(/@everyone/);
    const checkRun = JSON.stringify(server.state.checkRuns);
    expect(checkRun).not.toContain("<img");
  });

  it("refuses a report that does not validate, and one whose artifact is over the size limit, posting nothing", async () => {
    const markers = await mkdtemp(join(work, "markers-"));
    const forged = hostileReport(markers);
    (forged.scenarios[0]!.runs[0]!.energyJ as { cpu: number }).cpu = -1e9;
    const invalid = await seedCommentJob(forged);
    const refused = await runCommentJob(invalid);
    expect(refused.code, refused.stdout).toBe(2);
    expect(refused.stdout).toMatch(/sci-gate-report\/sci-gate-report\.json.*scenarios\[0\]\.runs\[0\]\.energyJ\.cpu/);
    expect(server.state.comments).toHaveLength(0);
    expect(server.state.checkRuns).toHaveLength(0);

    await server.close();
    server = await startGitHubServer({ owner, repo, token });
    const oversized = await seedCommentJob(hostileReport(markers), { artifactBytes: 9 * 1024 * 1024 });
    const tooBig = await runCommentJob(oversized);
    expect(tooBig.code, tooBig.stdout).toBe(2);
    expect(tooBig.stdout).toMatch(/over the limit of 8388608; refused without downloading it/);
    expect(server.requestsTo(/\/zip$|\/_storage\//)).toEqual([]);
    expect(server.state.comments).toHaveLength(0);
  });
});

describe("mode: comment believes only GitHub about which pull request a report is for", () => {
  it("refuses a report that claims another pull request than the triggering run measured: no comment, no check run", async () => {
    // Pull request #8 (a fork, head aaaa…) ran the measuring workflow, but its artifact claims #7 at #7's real head.
    const spoofHead = "a".repeat(40);
    server.addPullRequest({ number: 8, headSha: spoofHead, baseSha, headRepoFullName: "mallory/llm" });
    server.addComment({ issueNumber: 7, body: "<!-- sci-gate:comment:default -->\nthe real figures" });
    const job = await seedCommentJob(regressionReport("  - maxIncreasePct: { fail: 900 }\n"), { runHeadSha: spoofHead });
    const result = await runCommentJob(job);
    const log = result.stdout + result.stderr;
    expect(result.code, log).toBe(2);
    expect(log).toContain(`refusing to comment: the report claims pull request #7 at ${headSha.slice(0, 7)}, but the run that triggered this one`);
    expect(log).toContain(`measured aaaaaaa; nothing was posted`);
    expect(server.state.comments.map((c) => c.body)).toEqual(["<!-- sci-gate:comment:default -->\nthe real figures"]);
    expect(server.requestsTo(/^(POST|PATCH|DELETE) /)).toEqual([]);
    expect(server.state.checkRuns).toEqual([]);
  });

  it("refuses a report of a pull request whose code came from another repository than the run's", async () => {
    const job = await seedCommentJob(regressionReport("  - maxIncreasePct: { fail: 5 }\n"));
    // Same head sha, but the run that uploaded the artifact ran a fork's code.
    const eventPath = await writeWorkflowRunEvent(job.dir, { owner, repo, runId: server.state.runs[0]!.id, headSha, headRepo: "mallory/llm" });
    const result = await runCommentJob({ dir: job.dir, eventPath });
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(`refusing to comment: pull request #7 comes from ${owner}/${repo}, but run ${server.state.runs[0]!.id} ran code from mallory/llm`);
    expect(server.state.comments).toEqual([]);
    expect(server.state.checkRuns).toEqual([]);
  });
});

describe("mode: comment takes its budget from the base commit or from nothing", () => {
  it("a persistent 503 on the contents API posts no verdict (the report's 900 % never decides) and exits 2", async () => {
    const job = await seedCommentJob(regressionReport("  - maxIncreasePct: { fail: 900 }\n"));
    server.failNext(/^GET \/repos\/acme\/llm\/contents\//, Array(8).fill(503));
    const result = await runCommentJob(job);
    const log = result.stdout + result.stderr;
    expect(result.code, log).toBe(2);
    expect(log).toMatch(new RegExp(`could not read sci-gate\\.yml at the base ${baseSha.slice(0, 7)} from GitHub: .*503.*after 3 retries.*; no verdict was posted`));
    expect(server.requestsTo(/^GET \/repos\/acme\/llm\/contents\//)).toHaveLength(4);
    expect(server.state.comments).toEqual([]);
    expect(server.state.checkRuns).toEqual([]);
    expect(result.outputs.verdict).toBeUndefined();
  });

  it("a base commit without sci-gate.yml: no budget decides, the comment says so, and the check passes on figures alone", async () => {
    const job = await seedCommentJob(regressionReport("  - maxIncreasePct: { fail: 900 }\n  - maxSciGPerUnit: { fail: 1.0e-12 }\n"), { baseConfig: null });
    const result = await runCommentJob(job);
    const log = result.stdout + result.stderr;
    // Neither the report's 900 % nor its absolute cap decide: a 10× regression, shown, with no verdict against a budget.
    expect(result.code, log).toBe(0);
    expect(log).toContain(`no budget decided this comparison: the base commit ${baseSha.slice(0, 7)} has no sci-gate.yml`);
    const body = server.state.comments[0]?.body ?? "";
    expect(body).toContain("no budget decided this comparison");
    expect(server.state.checkRuns[0]?.conclusion).toBe("success");
    expect(server.state.checkRuns[0]?.annotations).toEqual([]);
  });

  it("a 404 that does not prove the file is absent (the commit is not visible either) is no reason to trust the report: exit 2", async () => {
    const job = await seedCommentJob(regressionReport("  - maxIncreasePct: { fail: 900 }\n"), { baseConfig: null });
    // The token cannot read the repository's contents: GitHub answers 404 for the file and for the commit alike.
    server.failNext(/^GET \/repos\/acme\/llm\/commits\//, [404]);
    const result = await runCommentJob(job);
    expect(result.code, result.stdout).toBe(2);
    expect(result.stdout).toMatch(/GitHub answered 404 for the file and for the commit itself.*permissions: contents: read.*; no verdict was posted/);
    expect(server.state.comments).toEqual([]);
    expect(server.state.checkRuns).toEqual([]);
  });
});

describe("the planted token", () => {
  it("never reaches the suite, the log, the outputs, the summary, the report, the comment or the check run", async () => {
    const dir = await mkdtemp(join(work, "measure-"));
    const envDump = join(work, `suite-env-${Date.now()}.json`);
    // Token-shaped strings the suite prints although no one gave them to it (a classic and a fine-grained PAT).
    const printedPat = `ghp_${"A1b2C3d4E5".repeat(4)}`;
    const printedFineGrained = `github_pat_${"0Z9y8X7w6V".repeat(3)}`;
    // The suite tries its best to leak: dumps its environment, prints it, and fails so its last line lands in the report.
    await writeFile(
      join(dir, "leak.cjs"),
      `const fs = require("node:fs");
fs.writeFileSync(${JSON.stringify(envDump)}, JSON.stringify(process.env));
fs.writeFileSync(process.env.SCI_GATE_OUTPUT, JSON.stringify({ units: 10 }));
if (process.env.GITHUB_OUTPUT) fs.appendFileSync(process.env.GITHUB_OUTPUT, "verdict=pass\\n");
console.error(Object.entries(process.env).map(([k, v]) => k + "=" + v).join(" "));
console.error("GITHUB_TOKEN=" + process.env.GITHUB_TOKEN + " GH_TOKEN=" + process.env.GH_TOKEN + " ${printedPat} ${printedFineGrained}");
process.exit(1);
`,
    );
    await writeFile(join(dir, "sci-gate.yml"), "version: 1\nlocation: { country: FR }\nscenarios:\n  - { name: leak, run: node leak.cjs, unit: token, warmup: 0, runs: 1 }\n");
    server.addPullRequest({ number: 7, headSha, baseSha });
    const eventPath = await writePullRequestEvent(dir, { owner, repo, number: 7, baseSha, headSha });
    const runtimeToken = "runtime-secret-0123456789abcdef";
    // A workflow hands the step the job's token under the names the gh CLI reads, and under a name of its own.
    const jobToken = "ghs_jobtokenplanted0123456789abcdef";
    const ghCliToken = "plain-gh-cli-token-0123456789";
    const result = await runBundledAction({
      workspace: dir,
      eventName: "pull_request",
      eventPath,
      apiUrl: server.url,
      repository: `${owner}/${repo}`,
      sha: headSha,
      inputs: { "github-token": token, baseline: "none" },
      extraEnv: {
        ACTIONS_RUNTIME_TOKEN: runtimeToken,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: runtimeToken,
        ACTIONS_CACHE_URL: "http://127.0.0.1:9/",
        GITHUB_TOKEN: jobToken,
        GH_TOKEN: ghCliToken,
        DEPLOY_TOKEN: token,
      },
    });
    const log = result.stdout + result.stderr;
    // The suite failed (exit 3), and was heard: its failure is in the report and the comment.
    expect(result.code, log).toBe(3);
    const suiteEnv = JSON.parse(await readFile(envDump, "utf8")) as Record<string, string>;
    expect(Object.keys(suiteEnv).filter((k) => /^INPUT_|^ACTIONS_|^GITHUB_(OUTPUT|ENV|PATH|STATE|STEP_SUMMARY|TOKEN)$|^GH_TOKEN$|^DEPLOY_TOKEN$/.test(k))).toEqual([]);
    expect(suiteEnv.GITHUB_SHA).toBe(headSha);
    const report = await readFile(result.outputs["report-path"]!, "utf8");
    expect(report).toContain("leak");
    // The suite could not forge the step's outputs.
    expect(result.outputs.verdict).toBe("error");
    const everything = [
      log
        .split("\n")
        .filter((line) => !line.startsWith("::add-mask::"))
        .join("\n"),
      JSON.stringify(result.outputs),
      result.summary,
      report,
      JSON.stringify(suiteEnv),
      JSON.stringify(server.state.comments),
      JSON.stringify(server.state.checkRuns),
      JSON.stringify(server.requests.map((r) => ({ ...r, headers: {} }))),
    ].join("\n");
    for (const secret of [token, runtimeToken, jobToken, ghCliToken, printedPat, printedFineGrained]) expect(everything).not.toContain(secret);
    // The suite's last words are still heard, with the token-shaped strings masked.
    expect(report).toContain("GITHUB_TOKEN=undefined GH_TOKEN=undefined *** ***");
    expect(server.state.comments).toHaveLength(1);
  });
});

describe("the shell", () => {
  it("only the scenario's run and the config's setup reach a shell; every other spawn is an argument vector", async () => {
    const sources: string[] = [];
    const walk = async (dir: string) => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (entry.name !== "node_modules" && entry.name !== "dist" && entry.name !== "fixtures") await walk(path);
        } else if (/\.ts$/.test(entry.name) && !/\.test\.ts$|\.test-helper\.ts$|\.d\.ts$/.test(entry.name)) sources.push(path);
      }
    };
    await walk(join(repoRoot, "packages"));
    const spawning: Record<string, string[]> = {};
    for (const file of sources) {
      const text = await readFile(file, "utf8");
      // Any import of it: "node:child_process", "child_process", a re-export.
      if (!/child_process/.test(text)) continue;
      const calls = [...text.matchAll(/(?<![.\w])(spawn|spawnSync|exec|execSync|execFile|execFileSync|fork)(?=\s*[(),])/g)].map((m) => m[1]!);
      spawning[relative(repoRoot, file)] = [...new Set(calls)].sort();
      expect(text, file).not.toMatch(/shell:\s*true/);
    }
    expect(spawning).toEqual({
      // git with an argument vector; refs starting with "-" are refused.
      "packages/action/src/read-base-config.ts": ["execFile"],
      "packages/cli/src/git-info.ts": ["execFile"],
      "packages/meter/src/run/worktree.ts": ["execFile"],
      // nvidia-smi with fixed arguments.
      "packages/meter/src/samplers/nvidia-smi-query.ts": ["spawn"],
      "packages/meter/src/samplers/nvidia-smi.ts": ["spawn"],
      // The one shell: /bin/sh -c with the scenario's run (or the config's setup) command.
      "packages/meter/src/run/spawn-scenario.ts": ["spawn"],
    });
    const spawnScenario = await readFile(join(repoRoot, "packages/meter/src/run/spawn-scenario.ts"), "utf8");
    expect(spawnScenario.match(/spawn\("\/bin\/sh", \["-c", options\.command\]/g)).toHaveLength(1);
  });

  it("shell metacharacters in every other field stay text: cwd, env, units file, --out, --base", async () => {
    const dir = await mkdtemp(join(work, "metachar-"));
    const pwn = (what: string) => `$(touch pwned-${what})\`touch pwned-${what}-tick\`;touch pwned-${what}-semi`;
    await writeFile(join(dir, "ok.cjs"), 'require("node:fs").writeFileSync("out.json", JSON.stringify({ n: 1 }));');
    await writeFile(
      join(dir, "sci-gate.yml"),
      `version: 1
location: { country: FR }
scenarios:
  - name: a
    run: node ok.cjs
    unit: token
    warmup: 0
    runs: 1
    env: { X: ${JSON.stringify(pwn("env"))} }
    units: { from: json-file, file: ${JSON.stringify(`${pwn("file")}.json`)}, path: n }
  - name: b
    run: node ok.cjs
    cwd: ${JSON.stringify(pwn("cwd"))}
    unit: token
    warmup: 0
    runs: 1
`,
    );
    const run = await runCli(["run", "--out", `${pwn("out")}.json`], { cwd: dir });
    expect(run.code, run.stderr).toBe(3);
    // A ref that git would read as an option: `git fetch origin --upload-pack=CMD` runs CMD.
    const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com" } });
    git("init", "-q", "-b", "main");
    git("add", "sci-gate.yml", "ok.cjs");
    git("commit", "-q", "-m", "x");
    git("remote", "add", "origin", dir);
    const base = await runCli(["run", `--base=--upload-pack=touch ${join(dir, "pwned-base")}`], { cwd: dir });
    expect(base.code, base.stderr).toBe(2);
    expect(base.stderr).toContain('starts with "-"');
    const left = (await readdir(dir)).filter((f) => /^pwned/.test(f));
    expect(left).toEqual([]);
    expect(existsSync(join(dir, `${pwn("out")}.json`))).toBe(true);
  });
});
