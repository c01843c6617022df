import { generateComparisonJsonSchema } from "../compare/comparison-schema.js";
import { generateConfigJsonSchema, generateReportJsonSchema } from "./json-schema.js";

/** How a maintainer refreshes packages/core/schema/ after changing a zod schema (run from the repository root). */
export const REFRESH_SCHEMAS_COMMAND = "npx tsc -p packages/core/tsconfig.build.json && node packages/core/scripts/write-schemas.mjs";

/**
 * The committed JSON Schema files, by name, as text exactly as packages/core/schema/ holds them.
 * The build does not write them: they are committed, and a test compares these texts with the
 * files, so a schema change without a refresh fails the tests instead of going unnoticed.
 */
export function renderSchemaFiles(): Record<string, string> {
  const render = (schema: Record<string, unknown>) => `${JSON.stringify(schema, null, 2)}\n`;
  return {
    "config.schema.json": render(generateConfigJsonSchema()),
    "report.schema.json": render(generateReportJsonSchema()),
    "comparison.schema.json": render(generateComparisonJsonSchema()),
  };
}

/**
 * One message per committed file that differs from what the zod schemas generate (or is
 * missing), each saying how to refresh; empty when all are current.
 */
export function findStaleSchemaFiles(committed: Readonly<Record<string, string | undefined>>): string[] {
  const stale: string[] = [];
  for (const [name, expected] of Object.entries(renderSchemaFiles())) {
    const actual = committed[name];
    if (actual === expected) continue;
    const what = actual === undefined ? "is missing" : `differs from the zod schema (first difference at line ${firstDifferentLine(actual, expected)})`;
    stale.push(`packages/core/schema/${name} ${what}; refresh it with \`${REFRESH_SCHEMAS_COMMAND}\` and commit the result`);
  }
  return stale;
}

function firstDifferentLine(actual: string, expected: string): number {
  const a = actual.split("\n");
  const b = expected.split("\n");
  let line = 0;
  while (line < a.length && line < b.length && a[line] === b[line]) line++;
  return line + 1;
}
