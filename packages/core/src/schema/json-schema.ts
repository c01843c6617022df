import { z } from "zod";
import { configSchema } from "./config.js";
import { reportSchema } from "./report.js";

/** JSON Schema of sci-gate.yml as a user writes it (defaulted keys optional). */
export function generateConfigJsonSchema(): Record<string, unknown> {
  return { title: "sci-gate.yml", ...z.toJSONSchema(configSchema, { io: "input", unrepresentable: "any" }) };
}

/** JSON Schema of the report file as sci-gate writes it. */
export function generateReportJsonSchema(): Record<string, unknown> {
  return { title: "sci-gate report", ...z.toJSONSchema(reportSchema, { io: "output", unrepresentable: "any" }) };
}
