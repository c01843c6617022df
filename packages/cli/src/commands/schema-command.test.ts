import { generateConfigJsonSchema, generateReportJsonSchema } from "@sci-gate/core";
import { describe, expect, it } from "vitest";
import { runInProcess } from "../test-context.test-helper.js";

describe("sci-gate schema", () => {
  it("prints the config and report JSON Schemas", async () => {
    const config = await runInProcess(["schema", "config"], process.cwd());
    expect(config.code).toBe(0);
    expect(JSON.parse(config.stdout)).toEqual(generateConfigJsonSchema());
    const report = await runInProcess(["schema", "report"], process.cwd());
    expect(JSON.parse(report.stdout)).toEqual(generateReportJsonSchema());
  });

  it("refuses anything else with exit 2", async () => {
    const result = await runInProcess(["schema", "workflow"], process.cwd());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('schema expects one of config, report, comparison, got "workflow"');
    expect((await runInProcess(["schema"], process.cwd())).code).toBe(2);
  });
});
