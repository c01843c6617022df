import { generateComparisonJsonSchema, generateConfigJsonSchema, generateReportJsonSchema } from "@sci-gate/core";
import type { CliContext } from "../context.js";
import { expectPositionals, parseChoiceOption, parseCommandArgs } from "../parse-args.js";

/** sci-gate schema config|report|comparison: the JSON Schema, generated from the same zod schema that validates. */
export async function runSchemaCommand(ctx: CliContext): Promise<number> {
  const { positionals } = parseCommandArgs("schema", ctx.argv, {});
  expectPositionals("schema", positionals, 1, 1, "config, report or comparison");
  const which = parseChoiceOption("schema", "schema", positionals[0], ["config", "report", "comparison"] as const, "config");
  const schema = which === "config" ? generateConfigJsonSchema() : which === "report" ? generateReportJsonSchema() : generateComparisonJsonSchema();
  ctx.stdout.write(`${JSON.stringify(schema, null, 2)}\n`);
  return 0;
}
