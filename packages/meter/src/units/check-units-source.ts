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
  switch (source.from) {
    case "stdout-regex": {
      const compiled = compileUnitsPattern(source.pattern);
      return compiled.ok ? null : formatUnitsMessage(scenarioName, "units.pattern", "", compiled.problem);
    }
    case "json-file": {
      const parsed = parseJsonPath(source.path);
      return parsed.ok ? null : formatUnitsMessage(scenarioName, "units.path", "", parsed.problem);
    }
    case "fixed": {
      const count = checkUnitCount(source.count);
      return count.ok ? null : formatUnitsMessage(scenarioName, "units.count", "", count.problem);
    }
    default:
      return null;
  }
}
