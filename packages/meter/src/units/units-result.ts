/**
 * The outcome of counting one run's functional units (R in SCI = (E·I + M)/R).
 *
 * Zero units is a success here: counting and judging are separate steps. The SCI step refuses a
 * run with R = 0 (a carbon intensity per nothing is undefined), and it can say why in its own
 * words; this module only reports what the suite produced.
 */
export type UnitsResult = UnitsCounted | UnitsFailure;

export interface UnitsCounted {
  readonly ok: true;
  /** Finite, ≥ 0 and ≤ MAX_UNITS. */
  readonly units: number;
  /** Where the figure came from, for the report's provenance, e.g. "vllm total_output_tokens (120 requests)". */
  readonly detail: string;
  /** The unit the suite named alongside the count (SCI_GATE_OUTPUT's "unit"), when it named one. */
  readonly unit?: string;
}

export interface UnitsFailure {
  readonly ok: false;
  /** One line naming the scenario, the file, the path inside it and what was expected. */
  readonly message: string;
}

/**
 * `scenario "chat": /tmp/x/out.json: units: expected …`. The location comes before the complaint
 * so a user scanning a CI log sees which file to open first; an empty path is left out.
 */
export function formatUnitsMessage(scenarioName: string, where: string, path: string, problem: string): string {
  const location = path === "" ? where : `${where}: ${path}`;
  return `scenario "${scenarioName}": ${location}: ${problem}`;
}

export function failUnits(scenarioName: string, where: string, path: string, problem: string): UnitsFailure {
  return { ok: false, message: formatUnitsMessage(scenarioName, where, path, problem) };
}
