import { resolve } from "node:path";
import { formatJsonPath, lookUpJsonPath, parseJsonPath } from "./json-path.js";
import { readUnitsJson } from "./read-json-file.js";
import { checkUnitCount, UNIT_COUNT_EXPECTED } from "./unit-count.js";
import { failUnits, type UnitsResult } from "./units-result.js";

export interface JsonFileUnitsInput {
  readonly scenarioName: string;
  /** As written in sci-gate.yml: relative to the scenario's working directory, or absolute. */
  readonly file: string;
  readonly path: string;
  /** The scenario's working directory (absolute). */
  readonly cwd: string;
  readonly runStartedAtMs?: number;
}

/** A count the suite writes into its own JSON results, at a dotted path such as `summary.tokens` or `runs[0].tokens`. */
export async function extractJsonFileUnits(input: JsonFileUnitsInput): Promise<UnitsResult> {
  const { scenarioName } = input;
  const parsedPath = parseJsonPath(input.path);
  if (!parsedPath.ok) return failUnits(scenarioName, "units.path", "", parsedPath.problem);
  const path = formatJsonPath(parsedPath.segments);
  const filePath = resolve(input.cwd, input.file);
  const expected = `expected the suite to write JSON with a number of units at ${path}`;

  const read = await readUnitsJson(filePath, { expected, runStartedAtMs: input.runStartedAtMs });
  if (!read.ok) return failUnits(scenarioName, filePath, "", read.problem);
  const found = lookUpJsonPath(read.value, parsedPath.segments);
  if (!found.found) return failUnits(scenarioName, filePath, path, `not found (${found.reason}); ${UNIT_COUNT_EXPECTED}`);
  const count = checkUnitCount(found.value);
  if (!count.ok) return failUnits(scenarioName, filePath, path, count.problem);
  return { ok: true, units: count.units, detail: `${input.file} ${path}` };
}
