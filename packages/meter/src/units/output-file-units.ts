import { describeValue } from "@sci-gate/core";
import { lookUpJsonPath } from "./json-path.js";
import { readUnitsJson } from "./read-json-file.js";
import { checkUnitCount, UNIT_COUNT_EXPECTED } from "./unit-count.js";
import { failUnits, type UnitsResult } from "./units-result.js";

export const OUTPUT_FILE_EXPECTED = 'expected the suite to write {"units": <count>} to the path in the SCI_GATE_OUTPUT environment variable';

export interface OutputFileUnitsInput {
  readonly scenarioName: string;
  /** The path the run loop put in SCI_GATE_OUTPUT for this run. */
  readonly outputFilePath: string;
  /** The scenario's `unit` from sci-gate.yml; when given, a different "unit" in the file is refused. */
  readonly expectedUnit?: string;
  readonly runStartedAtMs?: number;
}

/**
 * The suite's own report through SCI_GATE_OUTPUT: `{"units": 1234}`, optionally with
 * `"unit": "token"`. Other keys are allowed (suites add their own metrics) and ignored.
 */
export async function extractOutputFileUnits(input: OutputFileUnitsInput): Promise<UnitsResult> {
  const { scenarioName } = input;
  // The path is a temporary file the meter made for this run and deletes after it: named alone it
  // means nothing to the user, so the message says it is the one SCI_GATE_OUTPUT pointed at.
  const outputFilePath = describeOutputFile(input.outputFilePath);
  const read = await readUnitsJson(input.outputFilePath, { expected: OUTPUT_FILE_EXPECTED, runStartedAtMs: input.runStartedAtMs });
  if (!read.ok) return failUnits(scenarioName, outputFilePath, "", read.problem);
  const document = read.value;
  if (typeof document !== "object" || document === null || Array.isArray(document)) {
    return failUnits(scenarioName, outputFilePath, "", `expected a JSON object such as {"units": 1234, "unit": "token"}, got ${describeValue(document)}`);
  }
  const found = lookUpJsonPath(document, [{ kind: "key", name: "units" }]);
  if (!found.found) return failUnits(scenarioName, outputFilePath, "units", `not found (${found.reason}); ${UNIT_COUNT_EXPECTED}`);
  const count = checkUnitCount(found.value);
  if (!count.ok) return failUnits(scenarioName, outputFilePath, "units", count.problem);

  const unit = (document as Record<string, unknown>)["unit"];
  if (unit === undefined) return { ok: true, units: count.units, detail: "SCI_GATE_OUTPUT units" };
  if (typeof unit !== "string" || unit.trim() === "") {
    return failUnits(scenarioName, outputFilePath, "unit", `expected the name of the unit as text, such as "token", got ${describeValue(unit)}`);
  }
  if (input.expectedUnit !== undefined && !isSameUnit(unit, input.expectedUnit)) {
    // Counting requests while the budget speaks of tokens would silently change SCI by orders of magnitude.
    return failUnits(scenarioName, outputFilePath, "unit", `expected "${input.expectedUnit}" (the scenario's unit in sci-gate.yml), got ${describeValue(unit)}`);
  }
  return { ok: true, units: count.units, detail: "SCI_GATE_OUTPUT units", unit: unit.trim() };
}

/** "token", "tokens" and "Token" name the same unit; nothing looser (a "request" is never a "token"). */
function isSameUnit(written: string, expected: string): boolean {
  const a = written.trim().toLowerCase();
  const b = expected.trim().toLowerCase();
  return a === b || a === `${b}s` || `${a}s` === b;
}

/** How messages name the run's output file: `$SCI_GATE_OUTPUT (/tmp/sci-gate-out-…/chat.head.0.….json)`. */
export function describeOutputFile(path: string): string {
  return `$SCI_GATE_OUTPUT (${path})`;
}
