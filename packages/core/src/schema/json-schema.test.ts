import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateComparisonJsonSchema } from "../compare/comparison-schema.js";
import { generateConfigJsonSchema, generateReportJsonSchema } from "./json-schema.js";

const committed = (name: string) => JSON.parse(readFileSync(new URL(`../../schema/${name}`, import.meta.url), "utf8"));

describe("committed JSON Schemas", () => {
  it("match the zod schemas (run `npm run build` to refresh them)", () => {
    expect(committed("config.schema.json")).toEqual(generateConfigJsonSchema());
    expect(committed("report.schema.json")).toEqual(generateReportJsonSchema());
    expect(committed("comparison.schema.json")).toEqual(generateComparisonJsonSchema());
  });

  it("leave defaulted config keys optional and reject unknown keys", () => {
    const schema = generateConfigJsonSchema() as { required: string[]; additionalProperties: boolean; properties: Record<string, unknown> };
    expect(schema.required).toEqual(["version", "scenarios"]);
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toContain("budgets");
  });
});
