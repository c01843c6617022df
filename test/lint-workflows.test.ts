import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./support/action-harness.js";

/** scripts/lint-workflows.mjs as .ci/run calls it: the repository passes, each pitfall is caught. */
const script = join(repoRoot, "scripts", "lint-workflows.mjs");
const run = async (args: string[], env: Record<string, string> = {}) => {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [script, ...args], { cwd: repoRoot, env: { ...process.env, ...env } });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout };
  }
};

const dir = "test/fixtures/workflows";

/**
 * Every finding each fixture must produce, as [line, pattern], and nothing else (see the
 * fixtures' README for what each shows). The safe patterns expect none.
 */
const expected: Record<string, Array<[number, RegExp]>> = {
  "pr-target-checkout-head.yml": [[15, /job measure: checks out the pull request's code \(ref: \$\{\{ github\.event\.pull_request\.head\.sha \}\}\) in a workflow run by pull_request_target/]],
  "pr-target-merge-commit.yml": [[12, /checks out the pull request's code \(ref: .*merge_commit_sha.*pull_request_target/]],
  "pr-target-gh-checkout.yml": [[11, /job build: fetches or checks out the pull request's code in a workflow run by pull_request_target/]],
  // Line 14 echoes the number without fetching anything: not reported.
  "pr-target-fetch-pull.yml": [[15, /fetches or checks out the pull request's code/]],
  "pr-target-env-head.yml": [
    [15, /fetches or checks out the pull request's code/],
    [18, /checks out the pull request's code \(ref: \$\{\{ env\.PR_REF \}\}\)/],
  ],
  "issue-comment-checkout.yml": [[18, /checks out the pull request's code \(ref: refs\/pull\/.*\) in a workflow run by issue_comment/]],
  "workflow-run-checkout-head.yml": [
    [16, /repository: .*workflow_run/],
    [17, /ref: .*workflow_run/],
    // The fetch is continued onto line 21 with a backslash: found at the line the command starts.
    [20, /fetches or checks out the pull request's code in a workflow run by workflow_run/],
  ],
  "no-permissions.yml": [[5, /job test has no permissions: block/]],
  "write-all.yml": [
    [3, /^permissions: write-all grants every scope to every job/],
    [7, /job release: permissions: write-all/],
  ],
  "top-level-write.yml": [[6, /^permissions: pull-requests: write at the workflow level goes to every job .*grant pull-requests: write on the job that needs it/]],
  "unneeded-write.yml": [
    [10, /job carbon: permissions: contents: write is a scope sci-gate never needs/],
    [11, /id-token: write is a scope sci-gate never needs/],
    [12, /packages: write is a scope sci-gate never needs/],
  ],
  "comment-missing-scopes.yml": [
    [15, /job comment: needs contents: read: mode: comment reads sci-gate\.yml at the base commit through the contents API/],
    [15, /job comment: needs actions: read: .*artifacts/],
  ],
  "no-label-types.yml": [[4, /on\.pull_request: the gate does not run on labeled, unlabeled \(the default types/]],
  "labeled-only-types.yml": [[5, /the gate does not run on synchronize, unlabeled;/]],
  "merge-group-measure.yml": [[14, /job measure runs on merge_group in mode: measure, which creates no check run/]],
  "merge-group-scopes.yml": [
    [13, /job merge-queue: needs checks: write: on merge_group it creates the sci-gate check run/],
    [13, /job merge-queue: needs pull-requests: read: .*accept label/],
  ],
  "job-named-sci-gate.yml": [
    [9, /job sci-gate: its check is named "sci-gate", like the check run the action creates/],
    [16, /job measure: its check is named "sci-gate"/],
  ],
  "expression-injection.yml": [[10, /potentially untrusted.*\[actionlint expression\]/]],
  "good-two-workflow.yml": [],
  "good-gate.yml": [],
};

/** Findings grouped by file; fails on a finding for a file not in `files`. */
function byFile(stdout: string, files: string[]): Record<string, string[]> {
  const grouped = Object.fromEntries(files.map((f) => [f, [] as string[]]));
  for (const line of stdout.split("\n").filter((l) => /:\d+: /.test(l))) {
    const file = files.find((f) => line.startsWith(`${f}:`));
    expect(file, `finding for an unexpected file: ${line}`).toBeDefined();
    grouped[file!]!.push(line);
  }
  return grouped;
}

describe("the workflow linter", () => {
  it("passes on the repository's workflows, action.yml, the README's and docs' snippets, and what sci-gate init writes", async () => {
    const result = await run([]);
    expect(result.stdout).toMatch(/no findings/);
    expect(result.code, result.stdout).toBe(0);
    // 3 in .github/workflows, 5 in docs/workflows, 1 README snippet, 1 + 2 from init, action.yml.
    expect(result.stdout).toMatch(/workflow lint: 13 files, no findings/);
  });

  it("reports every pitfall of the fixtures at its line, and nothing else", async () => {
    const files = Object.keys(expected).map((f) => `${dir}/${f}`);
    const result = await run([...files, `${dir}/bad-action/action.yml`]);
    expect(result.code).toBe(1);
    const found = byFile(result.stdout, [...files, `${dir}/bad-action/action.yml`]);
    for (const [name, wanted] of Object.entries(expected)) {
      const lines = found[`${dir}/${name}`]!;
      const shown = `${name}:\n${lines.join("\n")}`;
      expect(lines.length, shown).toBe(wanted.length);
      for (const [line, pattern] of wanted) {
        expect(
          lines.some((f) => f.startsWith(`${dir}/${name}:${line}: `) && pattern.test(f.slice(`${dir}/${name}:${line}: `.length))),
          `${name}:${line} ${pattern}\n${shown}`,
        ).toBe(true);
      }
    }
    const action = found[`${dir}/bad-action/action.yml`]!;
    for (const [line, pattern] of [
      [3, /runs\.using: expected node20/],
      [4, /dist\/missing\.js does not exist/],
      [6, /input token: missing description/],
    ] as const) {
      expect(action.some((f) => f.startsWith(`${dir}/bad-action/action.yml:${line}: `) && pattern.test(f)), `${line} ${pattern}`).toBe(true);
    }
  });

  it("lints the workflow snippets of a Markdown file at their line in the file, skipping other yaml blocks", async () => {
    const result = await run([`${dir}/snippets.md`]);
    expect(result.code).toBe(1);
    const findings = result.stdout.split("\n").filter((l) => l.startsWith(`${dir}/snippets.md:`));
    // The second block (a sci-gate.yml, no on:/jobs:) is not a workflow; the third block starts at
    // line 20 (fence), so its permissions line 3 is line 23 of the file and its job id line 5 is line 25.
    expect(findings.map((f) => f.replace(/: (permissions: \S+|job \S+|on\.pull_request).*/, ": $1"))).toEqual([
      `${dir}/snippets.md:8: on.pull_request`,
      `${dir}/snippets.md:23: permissions: pull-requests:`,
      `${dir}/snippets.md:25: job sci-gate:`,
    ]);
    expect(result.stdout).toMatch(/workflow lint: 3 finding\(s\) in 2 files/);
  });

  it("fails, rather than skipping, when it cannot render the workflows of sci-gate init", async () => {
    const result = await run([], { SCI_GATE_CLI: join(repoRoot, "no-such-cli.js") });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^\[sci-gate init\] no-such-cli\.js:1: cannot render the init workflows \(build the CLI first\): /m);
    expect(result.stdout).toMatch(/^\[sci-gate init --fork-safe\] no-such-cli\.js:1: cannot render the init workflows/m);
  });
});
