import { type Report, reportSchema, reportSchemaId } from "../schema/report.js";
import type { InputIssue, ParseResult } from "./issues.js";
import { describeValue } from "./issues.js";
import { convertZodIssues } from "./zod-issues.js";

/** Reports are downloaded from other jobs and forks: bound what we accept before parsing. */
export const maxReportBytes = 64 * 1024 * 1024;

/** Parses a report JSON text: untrusted input, validated in full. */
export function parseReport(text: string, file = "report.json"): ParseResult<Report> {
  const issue = (message: string, path = ""): InputIssue => ({ file, line: null, column: null, path, message });
  if (text.length > maxReportBytes) {
    return { ok: false, errors: [issue(`expected a report of at most ${maxReportBytes} bytes, got ${text.length}`)] };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, errors: [issue(`expected JSON (a sci-gate report), but it does not parse: ${reason}`)] };
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    return { ok: false, errors: [issue(`expected a JSON object (a sci-gate report), got ${describeValue(data)}`)] };
  }
  const schema = (data as Record<string, unknown>).schema;
  if (schema !== reportSchemaId) {
    return {
      ok: false,
      errors: [issue(`expected "${reportSchemaId}" (a report written by this version of sci-gate), got ${describeValue(schema)}`, "schema")],
    };
  }
  const parsed = reportSchema.safeParse(data);
  if (!parsed.success) {
    return { ok: false, errors: convertZodIssues(parsed.error, data, reportSchema, file, null).slice(0, 20) };
  }
  return { ok: true, value: parsed.data, warnings: [] };
}
