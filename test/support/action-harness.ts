import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const repoRoot = resolve(import.meta.dirname, "..", "..");
export const actionBundle = join(repoRoot, "packages", "action", "dist", "index.js");

/**
 * A suite that burns `workMs` of CPU per run and counts 100 requests: the head's change of
 * workMs is a real, measurable change in energy per request.
 */
export function suiteScript(workMs: number): string {
  return `const end = Date.now() + ${workMs};
let x = 0;
while (Date.now() < end) x += Math.sqrt(x + 1);
require("node:fs").writeFileSync(process.env.SCI_GATE_OUTPUT, JSON.stringify({ units: 100 }));
`;
}

export function configYaml(failPct: number, extra = ""): string {
  return `version: 1
location: { country: FR }
scenarios:
  - { name: serve, run: "node suite.cjs", unit: request, warmup: 1, runs: 3 }
budgets:
  - scenario: "*"
    maxIncreasePct: { warn: ${Math.min(3, failPct)}, fail: ${failPct} }
compare: { confidence: 0.95, minPairs: 3 }
${extra}`;
}

export const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", args, { cwd, env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com" } })
    .toString()
    .trim();

/** A real git repository with a base commit and a head commit, as a pull request checkout has. */
export async function makeRepo(base: { config: string; workMs: number }, head: { config: string; workMs: number }) {
  const dir = await mkdtemp(join(tmpdir(), "sci-gate-repo-"));
  git(dir, "init", "-q", "-b", "main");
  await writeFile(join(dir, "sci-gate.yml"), base.config);
  await writeFile(join(dir, "suite.cjs"), suiteScript(base.workMs));
  git(dir, "add", ".");
  git(dir, "commit", "-q", "-m", "base");
  const baseSha = git(dir, "rev-parse", "HEAD");
  await writeFile(join(dir, "sci-gate.yml"), head.config);
  await writeFile(join(dir, "suite.cjs"), suiteScript(head.workMs));
  git(dir, "commit", "-q", "-am", "head");
  const headSha = git(dir, "rev-parse", "HEAD");
  return { dir, baseSha, headSha };
}

/** A real `pull_request` webhook payload from @octokit/webhooks-examples, pointed at our repo and commits. */
export async function writePullRequestEvent(
  dir: string,
  options: { owner: string; repo: string; number: number; baseSha: string; headSha: string; fork?: boolean; labels?: string[]; labeled?: { label: string; by: string } },
) {
  // A real "labeled" payload when a label was just applied (it names the label and its sender), else "opened".
  const opened = webhookExample("pull_request", options.labeled ? "labeled" : "opened");
  interface RepoRef {
    full_name: string;
    fork?: boolean;
  }
  interface PullRequestEvent {
    number: number;
    label?: { name: string };
    sender: { login: string };
    repository: { full_name: string; name: string; owner: { login: string } };
    pull_request: { number: number; labels: { name: string }[]; base: { sha: string; ref: string; repo: RepoRef }; head: { sha: string; ref: string; repo: RepoRef } };
  }
  const event = structuredClone(opened) as unknown as PullRequestEvent;
  const fullName = `${options.owner}/${options.repo}`;
  event.number = options.number;
  event.pull_request.number = options.number;
  event.pull_request.base.sha = options.baseSha;
  event.pull_request.base.ref = "main";
  event.pull_request.head.sha = options.headSha;
  event.pull_request.head.ref = "feature";
  event.repository.full_name = fullName;
  event.repository.name = options.repo;
  event.repository.owner.login = options.owner;
  event.pull_request.base.repo.full_name = fullName;
  event.pull_request.head.repo.full_name = options.fork ? `stranger/${options.repo}` : fullName;
  event.pull_request.head.repo.fork = Boolean(options.fork);
  const template = event.pull_request.labels[0] ?? { name: "" };
  if (options.labels) event.pull_request.labels = options.labels.map((name) => ({ ...template, name }));
  if (options.labeled) {
    event.label = { ...(event.label ?? {}), name: options.labeled.label };
    event.sender = { ...event.sender, login: options.labeled.by };
  }
  const path = join(dir, "..", `event-${options.number}-${Date.now()}-${Math.random().toString(16).slice(2, 8)}.json`);
  await writeFile(path, JSON.stringify(event));
  return path;
}

interface WebhookExamples {
  name: string;
  examples: Array<Record<string, unknown>>;
}

function webhookExample(name: string, action: string): Record<string, unknown> {
  const examples = createRequire(import.meta.url)("@octokit/webhooks-examples") as WebhookExamples[];
  const example = examples.find((e) => e.name === name)?.examples.find((e) => e.action === action);
  if (!example) throw new Error(`@octokit/webhooks-examples has no ${name} ${action} example`);
  return structuredClone(example);
}

/**
 * A real `workflow_run` completed payload from @octokit/webhooks-examples, for the run that
 * measured `headSha` on a pull_request event. GitHub leaves pull_requests empty for a fork's
 * run; `headRepo` is where that run's code came from (the fork's full name for a fork).
 */
export async function writeWorkflowRunEvent(
  dir: string,
  options: { owner: string; repo: string; runId: number; headSha: string; headBranch?: string; headRepo?: string; pullRequests?: { number: number; headSha: string; baseSha: string }[] },
): Promise<string> {
  interface RepoRef {
    full_name: string;
    name: string;
    owner: { login: string };
  }
  const event = webhookExample("workflow_run", "completed") as unknown as {
    workflow_run: Record<string, unknown> & { repository: RepoRef; head_repository: RepoRef };
    repository: RepoRef;
  };
  const fullName = `${options.owner}/${options.repo}`;
  const headRepo = options.headRepo ?? fullName;
  const run = event.workflow_run;
  Object.assign(run, {
    id: options.runId,
    event: "pull_request",
    status: "completed",
    conclusion: "success",
    head_branch: options.headBranch ?? "feature",
    head_sha: options.headSha,
    pull_requests: (options.pullRequests ?? []).map((pr) => ({
      number: pr.number,
      head: { ref: options.headBranch ?? "feature", sha: pr.headSha, repo: { id: 1, name: options.repo, url: "" } },
      base: { ref: "main", sha: pr.baseSha, repo: { id: 1, name: options.repo, url: "" } },
    })),
  });
  for (const [target, name] of [
    [event.repository, fullName],
    [run.repository, fullName],
    [run.head_repository, headRepo],
  ] as const) {
    target.full_name = name;
    target.name = name.split("/")[1] ?? name;
    target.owner.login = name.split("/")[0] ?? name;
  }
  const path = join(dir, `workflow-run-${options.runId}-${Date.now()}-${Math.random().toString(16).slice(2, 8)}.json`);
  await writeFile(path, JSON.stringify(event));
  return path;
}

/** A real `merge_group` checks_requested payload, for pull request `number` queued onto `main`. */
export async function writeMergeGroupEvent(dir: string, options: { owner: string; repo: string; number: number; baseSha: string; headSha: string; prHeadSha: string }): Promise<string> {
  const event = webhookExample("merge_group", "checks_requested") as unknown as {
    merge_group: Record<string, unknown> & { head_commit: { id: string } };
    repository: { full_name: string; name: string; owner: { login: string } };
  };
  Object.assign(event.merge_group, {
    head_sha: options.headSha,
    head_ref: `refs/heads/gh-readonly-queue/main/pr-${options.number}-${options.prHeadSha}`,
    base_sha: options.baseSha,
    base_ref: "refs/heads/main",
  });
  event.merge_group.head_commit.id = options.headSha;
  event.repository.full_name = `${options.owner}/${options.repo}`;
  event.repository.name = options.repo;
  event.repository.owner.login = options.owner;
  const path = join(dir, "..", `merge-group-${options.number}-${Date.now()}.json`);
  await writeFile(path, JSON.stringify(event));
  return path;
}

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/** Runs the committed bundle exactly as the runner does: `node dist/index.js` with INPUT_* and GITHUB_* variables. */
export async function runBundledAction(options: {
  workspace: string;
  eventName: string;
  eventPath: string;
  apiUrl: string;
  repository: string;
  sha: string;
  inputs: Record<string, string>;
  extraEnv?: Record<string, string>;
  /** Where the runner's GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files go (default: a fresh temp folder), so a test can read them mid-run. */
  files?: { output: string; summary: string };
  /** Called with the running action, e.g. to signal it as a runner cancelling the job does. */
  onSpawn?: (child: ChildProcess) => void;
}): Promise<ActionRun> {
  const temp = await mkdtemp(join(tmpdir(), "sci-gate-runner-"));
  const outputFile = options.files?.output ?? join(temp, "output.txt");
  const summaryFile = options.files?.summary ?? join(temp, "summary.md");
  await writeFile(outputFile, "");
  await writeFile(summaryFile, "");
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    TMPDIR: process.env.TMPDIR ?? temp,
    HOME: process.env.HOME ?? temp,
    GITHUB_ACTIONS: "true",
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: options.eventPath,
    GITHUB_REPOSITORY: options.repository,
    GITHUB_SHA: options.sha,
    GITHUB_RUN_ID: "4242",
    GITHUB_API_URL: options.apiUrl,
    GITHUB_SERVER_URL: "https://github.com",
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: temp,
    SCI_GATE_NVIDIA_SMI: "/nonexistent/nvidia-smi",
    ...options.extraEnv,
  };
  for (const [name, value] of Object.entries(options.inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  if (!existsSync(actionBundle)) throw new Error(`build the action first: ${actionBundle} is missing`);
  const child = spawn(process.execPath, [actionBundle], { cwd: options.workspace, env });
  options.onSpawn?.(child);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  const code = await new Promise<number | null>((r) => child.on("close", (c) => r(c)));
  return { code, stdout, stderr, outputs: parseOutputs(await readFile(outputFile, "utf8")), summary: await readFile(summaryFile, "utf8") };
}

/** The runner's GITHUB_OUTPUT file format: `name<<delimiter\nvalue\ndelimiter`. */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[i]!);
    if (!match) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== match[2]; i++) value.push(lines[i]!);
    outputs[match[1]!] = value.join("\n");
  }
  return outputs;
}
