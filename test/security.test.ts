import { execFileSync } from "node:child_process";
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { parseConfig, type Report } from "@sci-gate/core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { makePairedReport } from "../packages/core/src/compare/make-report.test-helper.js";
import { repoRoot, runBundledAction, writePullRequestEvent } from "./support/action-harness.js";
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

/** A workflow_run event for the run whose artifact holds `report`, and the comment job's empty workspace. */
async function seedCommentJob(report: Report | string, options: { artifactBytes?: number } = {}) {
  const configText = "version: 1\nscenarios:\n  - { name: chat, run: python bench.py, unit: token }\nbudgets:\n  - maxIncreasePct: { warn: 3, fail: 5 }\n";
  server.addPullRequest({ number: 7, headSha, baseSha });
  server.addFile({ ref: baseSha, path: "sci-gate.yml", text: configText });
  const run = server.addRun({ headBranch: "feature", headSha, event: "pull_request", conclusion: "success" });
  const text = typeof report === "string" ? report : JSON.stringify(report);
  server.addArtifact({ name: "sci-gate-report", zip: makeZip({ "sci-gate-report.json": text }), run, ...(options.artifactBytes ? { sizeInBytes: options.artifactBytes } : {}) });
  const dir = await mkdtemp(join(work, "comment-job-"));
  const eventPath = join(dir, "event.json");
  await writeFile(
    eventPath,
    JSON.stringify({
      action: "completed",
      workflow_run: { id: run.id, event: "pull_request", conclusion: "success", head_branch: "feature", head_sha: headSha, pull_requests: [] },
      repository: { full_name: `${owner}/${repo}`, name: repo, owner: { login: owner } },
    }),
  );
  return { dir, eventPath, configText };
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
    const refused = await runBundledAction({ workspace: invalid.dir, eventName: "workflow_run", eventPath: invalid.eventPath, apiUrl: server.url, repository: `${owner}/${repo}`, sha: headSha, inputs: { "github-token": token, mode: "comment" } });
    expect(refused.code, refused.stdout).toBe(2);
    expect(refused.stdout).toMatch(/sci-gate-report\/sci-gate-report\.json.*scenarios\[0\]\.runs\[0\]\.energyJ\.cpu/);
    expect(server.state.comments).toHaveLength(0);
    expect(server.state.checkRuns).toHaveLength(0);

    await server.close();
    server = await startGitHubServer({ owner, repo, token });
    const oversized = await seedCommentJob(hostileReport(markers), { artifactBytes: 9 * 1024 * 1024 });
    const tooBig = await runBundledAction({ workspace: oversized.dir, eventName: "workflow_run", eventPath: oversized.eventPath, apiUrl: server.url, repository: `${owner}/${repo}`, sha: headSha, inputs: { "github-token": token, mode: "comment" } });
    expect(tooBig.code, tooBig.stdout).toBe(2);
    expect(tooBig.stdout).toMatch(/over the limit of 8388608; refused without downloading it/);
    expect(server.requestsTo(/\/zip$|\/_storage\//)).toEqual([]);
    expect(server.state.comments).toHaveLength(0);
  });
});

describe("the planted token", () => {
  it("never reaches the suite, the log, the outputs, the summary, the report, the comment or the check run", async () => {
    const dir = await mkdtemp(join(work, "measure-"));
    const envDump = join(work, `suite-env-${Date.now()}.json`);
    // The suite tries its best to leak: dumps its environment, prints it, and fails so its last line lands in the report.
    await writeFile(
      join(dir, "leak.cjs"),
      `const fs = require("node:fs");
fs.writeFileSync(${JSON.stringify(envDump)}, JSON.stringify(process.env));
fs.writeFileSync(process.env.SCI_GATE_OUTPUT, JSON.stringify({ units: 10 }));
if (process.env.GITHUB_OUTPUT) fs.appendFileSync(process.env.GITHUB_OUTPUT, "verdict=pass\\n");
console.error(Object.entries(process.env).map(([k, v]) => k + "=" + v).join(" "));
process.exit(1);
`,
    );
    await writeFile(join(dir, "sci-gate.yml"), "version: 1\nlocation: { country: FR }\nscenarios:\n  - { name: leak, run: node leak.cjs, unit: token, warmup: 0, runs: 1 }\n");
    server.addPullRequest({ number: 7, headSha, baseSha });
    const eventPath = await writePullRequestEvent(dir, { owner, repo, number: 7, baseSha, headSha });
    const runtimeToken = "runtime-secret-0123456789abcdef";
    const result = await runBundledAction({
      workspace: dir,
      eventName: "pull_request",
      eventPath,
      apiUrl: server.url,
      repository: `${owner}/${repo}`,
      sha: headSha,
      inputs: { "github-token": token, baseline: "none" },
      extraEnv: { ACTIONS_RUNTIME_TOKEN: runtimeToken, ACTIONS_ID_TOKEN_REQUEST_TOKEN: runtimeToken, ACTIONS_CACHE_URL: "http://127.0.0.1:9/" },
    });
    const log = result.stdout + result.stderr;
    // The suite failed (exit 3), and was heard: its failure is in the report and the comment.
    expect(result.code, log).toBe(3);
    const suiteEnv = JSON.parse(await readFile(envDump, "utf8")) as Record<string, string>;
    expect(Object.keys(suiteEnv).filter((k) => /^INPUT_|^ACTIONS_|^GITHUB_(OUTPUT|ENV|PATH|STATE|STEP_SUMMARY)$/.test(k))).toEqual([]);
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
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(runtimeToken);
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
      if (!/node:child_process/.test(text)) continue;
      const calls = [...text.matchAll(/(?<![.\w])(spawn|spawnSync|exec|execSync|execFile|execFileSync|fork)(?=\s*[(),])/g)].map((m) => m[1]!);
      spawning[relative(repoRoot, file)] = [...new Set(calls)].sort();
      expect(text, file).not.toMatch(/shell:\s*true/);
    }
    expect(spawning).toEqual({
      // git with an argument vector; refs starting with "-" are refused.
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
