import type { UnitsSource } from "@sci-gate/core";
import { parseJsonPath } from "./json-path.js";
import { compileUnitsPattern } from "./stdout-regex-units.js";
import { checkUnitCount } from "./unit-count.js";
import { formatUnitsMessage } from "./units-result.js";

/**
 * What can be known about a units source before anything runs: the pattern compiles and has its
 * count group, the JSON path is well formed, the fixed count is sane. Null when it is usable;
 * otherwise the same message extractUnits would give after the first run, minutes earlier.
 */
export function checkUnitsSource(source: UnitsSource, scenarioName: string): string | null {
  const problem = describeUnitsSourceProblem(source);
  return problem === null ? null : formatUnitsMessage(scenarioName, `units.${problem.field}`, "", problem.problem);
}

/**
 * The same check, as the field of `units` at fault and the problem, so the caller can place it
 * in the config file (`sci-gate.yml:9 scenarios[0].units.pattern: …`).
 */
export function describeUnitsSourceProblem(source: UnitsSource): { readonly field: "pattern" | "path" | "count"; readonly problem: string } | null {
  switch (source.from) {
    case "stdout-regex": {
      const compiled = compileUnitsPattern(source.pattern);
      return compiled.ok ? null : { field: "pattern", problem: compiled.problem };
    }
    case "json-file": {
      const parsed = parseJsonPath(source.path);
      return parsed.ok ? null : { field: "path", problem: parsed.problem };
    }
    case "fixed": {
      const count = checkUnitCount(source.count);
      return count.ok ? null : { field: "count", problem: count.problem };
    }
    default:
      return null;
  }
}
