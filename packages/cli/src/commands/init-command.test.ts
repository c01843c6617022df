import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseConfig } from "@sci-gate/core";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { starterConfig } from "../init-templates.js";
import { runInProcess, useTempDir } from "../test-context.test-helper.js";

describe("sci-gate init", () => {
  const makeDir = useTempDir();

  it("writes a starter config that parses and a pull-request workflow", async () => {
    const dir = await makeDir();
    const result = await runInProcess(["init"], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("wrote sci-gate.yml\nwrote .github/workflows/sci-gate.yml\n");
    const config = parseConfig(await readFile(join(dir, "sci-gate.yml"), "utf8"), "sci-gate.yml");
    expect(config.ok).toBe(true);
    const workflow = parse(await readFile(join(dir, ".github/workflows/sci-gate.yml"), "utf8"));
    expect(Object.keys(workflow.on)).toEqual(["pull_request"]);
    const job = workflow.jobs["sci-gate"];
    expect(job.permissions).toEqual({ contents: "read", "pull-requests": "write", checks: "write" });
    expect(job.steps[0]).toEqual({ uses: "actions/checkout@v4", with: { "fetch-depth": 0 } });
    expect(job.steps[1].uses).toBe("actions/setup-node@v4");
    expect(job.steps[2]).toEqual({ uses: "sci-gate/sci-gate@v1", with: { config: "sci-gate.yml", mode: "full", baseline: "same-runner" } });
  });

  it("refuses to overwrite without --force, touching nothing", async () => {
    const dir = await makeDir();
    await writeFile(join(dir, "sci-gate.yml"), "mine\n");
    const refused = await runInProcess(["init"], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe("sci-gate: sci-gate.yml already exists; pass --force to overwrite\n");
    expect(await readFile(join(dir, "sci-gate.yml"), "utf8")).toBe("mine\n");
    await expect(readFile(join(dir, ".github/workflows/sci-gate.yml"))).rejects.toThrow();
    const forced = await runInProcess(["init", "--force"], dir);
    expect(forced.code).toBe(0);
    expect(await readFile(join(dir, "sci-gate.yml"), "utf8")).toBe(starterConfig);
  });
});
