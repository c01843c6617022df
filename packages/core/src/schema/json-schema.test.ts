import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateConfigJsonSchema } from "./json-schema.js";
import { findStaleSchemaFiles, REFRESH_SCHEMAS_COMMAND, renderSchemaFiles } from "./schema-files.js";

const schemaDir = new URL("../../schema/", import.meta.url);
const names = ["config.schema.json", "report.schema.json", "comparison.schema.json"];
const readCommitted = (): Record<string, string | undefined> =>
  Object.fromEntries(names.map((name) => [name, existsSync(new URL(name, schemaDir)) ? readFileSync(new URL(name, schemaDir), "utf8") : undefined]));

describe("committed JSON Schemas", () => {
  it("are exactly what the zod schemas generate (the build no longer rewrites them)", () => {
    expect(Object.keys(renderSchemaFiles()).sort()).toEqual([...names].sort());
    // An empty list, or the files to refresh with the command that does it.
    expect(findStaleSchemaFiles(readCommitted())).toEqual([]);
  });

  it("report an edited or missing file by name, with the command that refreshes it", () => {
    const committed = renderSchemaFiles();
    const edited = { ...committed, "report.schema.json": committed["report.schema.json"]?.replace('"title": "sci-gate report"', '"title": "edited"') };
    const stale = findStaleSchemaFiles(edited);
    expect(stale).toEqual([
      `packages/core/schema/report.schema.json differs from the zod schema (first difference at line 2); refresh it with \`${REFRESH_SCHEMAS_COMMAND}\` and commit the result`,
    ]);
    expect(findStaleSchemaFiles({ ...committed, "config.schema.json": undefined })[0]).toMatch(/^packages\/core\/schema\/config\.schema\.json is missing; refresh it with `npx tsc/);
  });

  it("leave defaulted config keys optional and reject unknown keys", () => {
    const schema = generateConfigJsonSchema() as { required: string[]; additionalProperties: boolean; properties: Record<string, unknown> };
    expect(schema.required).toEqual(["version", "scenarios"]);
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toContain("budgets");
  });
});
