import { maxRunsPerScenario, maxScenariosPerReport, type Report, reportSchema, reportSchemaId } from "../schema/report.js";
import type { InputIssue, ParseResult } from "./issues.js";
import { describeValue, formatPath } from "./issues.js";
import { createJsonLocator } from "./json-locator.js";
import { describeJsonSyntaxError } from "./json-syntax.js";
import { convertZodIssues, type Locator } from "./zod-issues.js";

/** Reports are downloaded from other jobs and forks: bound what we accept before parsing. */
export const maxReportBytes = 64 * 1024 * 1024;

type Issue = (message: string, path?: readonly (string | number)[]) => InputIssue;

/**
 * Bounds checked before the schema: validating 100,000 runs only to refuse the count costs
 * seconds, while counting them costs nothing.
 */
function checkCounts(data: Record<string, unknown>, issue: Issue): InputIssue | null {
  const scenarios = data.scenarios;
  if (!Array.isArray(scenarios)) return null;
  if (scenarios.length > maxScenariosPerReport) {
    return issue(`expected at most ${maxScenariosPerReport} scenarios, got ${scenarios.length}`, ["scenarios"]);
  }
  for (const [index, scenario] of scenarios.entries()) {
    const runs = (scenario as { runs?: unknown } | null)?.runs;
    if (Array.isArray(runs) && runs.length > maxRunsPerScenario) {
      return issue(`expected at most ${maxRunsPerScenario} runs in a scenario (a config allows 1000 per revision), got ${runs.length}`, ["scenarios", index, "runs"]);
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
        errors.push(issue(`expected one ${run.revision} run per pair, but pair ${run.pair} already has runs[${first}]`, ["scenarios", s, "runs", r, "pair"]));
        if (errors.length >= 20) return errors;
      } else seen.set(key, r);
    }
  }
  return errors;
}

/** Relative tolerance for total = cpu + gpu + memory: summing in another order differs by ~1e-16. */
const energySumTolerance = 1e-9;

/**
 * The total every figure is computed from must be the sum of its parts: a report whose total
 * disagrees was edited or written by a broken meter, and its SCI would not be the components'.
 */
function checkEnergyTotals(report: Report, issue: Issue): InputIssue[] {
  const errors: InputIssue[] = [];
  for (const [s, scenario] of report.scenarios.entries()) {
    for (const [r, run] of scenario.runs.entries()) {
      const { cpu, gpu, memory, total } = run.energyJ;
      const sum = cpu + gpu + memory;
      if (Math.abs(total - sum) <= energySumTolerance * Math.max(Math.abs(total), Math.abs(sum))) continue;
      errors.push(
        issue(
          `expected energyJ.total to be cpu + gpu + memory: scenario "${scenario.name}" runs[${r}] (${run.revision} run ${run.index}) has total ${total} J, but ${cpu} + ${gpu} + ${memory} = ${sum} J`,
          ["scenarios", s, "runs", r, "energyJ", "total"],
        ),
      );
      if (errors.length >= 20) return errors;
    }
  }
  return errors;
}

/** Parses a report JSON text: untrusted input, validated in full. */
export function parseReport(text: string, file = "report.json"): ParseResult<Report> {
  let locator: Locator | null = null;
  const issue: Issue = (message, path = []) => {
    const where = locator?.locate(path) ?? null;
    return { file, line: where?.line ?? null, column: where?.column ?? null, path: formatPath(path), message };
  };
  if (text.length > maxReportBytes) {
    return { ok: false, errors: [issue(`expected a report of at most ${maxReportBytes} bytes, got ${text.length}`)] };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    const problem = describeJsonSyntaxError(text);
    return {
      ok: false,
      errors: [{ file, line: problem.line, column: problem.column, path: "", message: `expected JSON (a sci-gate report), but it does not parse at ${problem.message}` }],
    };
  }
  locator = createJsonLocator(text);
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    return { ok: false, errors: [issue(`expected a JSON object (a sci-gate report), got ${describeValue(data)}`)] };
  }
  const schema = (data as Record<string, unknown>).schema;
  if (schema !== reportSchemaId) {
    return {
      ok: false,
      errors: [issue(`expected "${reportSchemaId}" (a report written by this version of sci-gate), got ${describeValue(schema)}`, ["schema"])],
    };
  }
  const tooMany = checkCounts(data as Record<string, unknown>, issue);
  if (tooMany !== null) return { ok: false, errors: [tooMany] };
  const parsed = reportSchema.safeParse(data);
  if (!parsed.success) {
    return { ok: false, errors: convertZodIssues(parsed.error, data, reportSchema, file, locator).slice(0, 20) };
  }
  const pairs = checkPairs(parsed.data, issue);
  if (pairs.length > 0) return { ok: false, errors: pairs };
  const totals = checkEnergyTotals(parsed.data, issue);
  if (totals.length > 0) return { ok: false, errors: totals };
  return { ok: true, value: parsed.data, warnings: [] };
}
