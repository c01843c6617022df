export { checkUnitsSource, describeUnitsSourceProblem } from "./check-units-source.js";
export { type ExtractUnitsInput, extractUnits, resolveUnitsFile } from "./extract-units.js";
export { formatJsonPath, type JsonPathSegment, lookUpJsonPath, parseJsonPath } from "./json-path.js";
export { MAX_JSON_FILE_BYTES } from "./read-json-file.js";
export { compileUnitsPattern, STDOUT_REGEX_TIMEOUT_MS, STDOUT_SEARCH_CHARS, type UnitsPattern } from "./stdout-regex-units.js";
export { checkUnitCount, MAX_UNITS } from "./unit-count.js";
export type { UnitsCounted, UnitsFailure, UnitsResult } from "./units-result.js";
