import { maxRunsPerScenario, maxScenariosPerReport, type Report, reportSchema, reportSchemaId } from "../schema/report.js";
import type { InputIssue, ParseResult } from "./issues.js";
import { describeValue } from "./issues.js";
import { describeJsonSyntaxError } from "./json-syntax.js";
import { convertZodIssues } from "./zod-issues.js";

/** Reports are downloaded from other jobs and forks: bound what we accept before parsing. */
export const maxReportBytes = 64 * 1024 * 1024;

type Issue = (message: string, path?: string, line?: number | null, column?: number | null) => InputIssue;

/**
 * Bounds checked before the schema: validating 100,000 runs only to refuse the count costs
 * seconds, while counting them costs nothing.
 */
function checkCounts(data: Record<string, unknown>, issue: Issue): InputIssue | null {
  const scenarios = data.scenarios;
  if (!Array.isArray(scenarios)) return null;
  if (scenarios.length > maxScenariosPerReport) {
    return issue(`expected at most ${maxScenariosPerReport} scenarios, got ${scenarios.length}`, "scenarios");
  }
  for (const [index, scenario] of scenarios.entries()) {
    const runs = (scenario as { runs?: unknown } | null)?.runs;
    if (Array.isArray(runs) && runs.length > maxRunsPerScenario) {
      return issue(`expected at most ${maxRunsPerScenario} runs in a scenario (a config allows 1000 per revision), got ${runs.length}`, `scenarios[${index}].runs`);
    }
  }
  return null;
}

/**
 * What the schema cannot say: within a scenario, a pair holds at most one base and one head run.
 * A pair named twice would be counted twice in the paired interval, or silently dropped.
 */
function checkPairs(report: Report, issue: Issue): InputIssue[] {
  const errors: InputIssue[] = [];
  for (const [s, scenario] of report.scenarios.entries()) {
    const seen = new Map<string, number>();
    for (const [r, run] of scenario.runs.entries()) {
      if (run.pair === null) continue;
      const key = `${run.revision}:${run.pair}`;
      const first = seen.get(key);
      if (first !== undefined) {
        errors.push(issue(`expected one ${run.revision} run per pair, but pair ${run.pair} already has runs[${first}]`, `scenarios[${s}].runs[${r}].pair`));
        if (errors.length >= 20) return errors;
      } else seen.set(key, r);
    }
  }
  return errors;
}

/** Parses a report JSON text: untrusted input, validated in full. */
export function parseReport(text: string, file = "report.json"): ParseResult<Report> {
  const issue: Issue = (message, path = "", line = null, column = null) => ({ file, line, column, path, message });
  if (text.length > maxReportBytes) {
    return { ok: false, errors: [issue(`expected a report of at most ${maxReportBytes} bytes, got ${text.length}`)] };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    const problem = describeJsonSyntaxError(text);
    return { ok: false, errors: [issue(`expected JSON (a sci-gate report), but it does not parse at ${problem.message}`, "", problem.line, problem.column)] };
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
  const tooMany = checkCounts(data as Record<string, unknown>, issue);
  if (tooMany !== null) return { ok: false, errors: [tooMany] };
  const parsed = reportSchema.safeParse(data);
  if (!parsed.success) {
    return { ok: false, errors: convertZodIssues(parsed.error, data, reportSchema, file, null).slice(0, 20) };
  }
  const pairs = checkPairs(parsed.data, issue);
  if (pairs.length > 0) return { ok: false, errors: pairs };
  return { ok: true, value: parsed.data, warnings: [] };
}
