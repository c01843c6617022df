import { Script } from "node:vm";
import { describeValue } from "@sci-gate/core";
import { checkUnitCount, UNIT_COUNT_EXPECTED } from "./unit-count.js";
import { failUnits, type UnitsResult } from "./units-result.js";

/**
 * The count is printed at the end of a run, so the last 256 KiB of stdout holds it; searching
 * less also bounds the work a careless pattern can do.
 */
export const STDOUT_SEARCH_CHARS = 256 * 1024;

/**
 * A pattern with nested quantifiers, such as (\d+)+x, backtracks exponentially on some lines;
 * V8 cannot bound that by input size alone, so the search runs under a vm timeout, which
 * interrupts a running regular expression.
 */
export const STDOUT_REGEX_TIMEOUT_MS = 1000;

/** The named group that picks the count when a pattern needs several groups. */
export const UNITS_GROUP_NAME = "units";

export type UnitsPattern =
  | { readonly ok: true; readonly regex: RegExp; readonly group: number | string }
  | { readonly ok: false; readonly problem: string };

/**
 * Compile a units pattern and find its count group: the only capture group, or the one named
 * `units`. Call it when the config is loaded, so a bad pattern fails before any run.
 * Flags: `m`, so ^ and $ match at line ends (stdout is lines; \r ends a line too, as progress
 * bars use it), and `g` to walk every match.
 */
export function compileUnitsPattern(pattern: string): UnitsPattern {
  const shown = showPattern(pattern);
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, "gm");
  } catch (error) {
    return { ok: false, problem: `${shown} is not a valid regular expression (${error instanceof Error ? error.message : String(error)})` };
  }
  // An empty alternative always matches "", so exec returns every group (undefined): its length counts them.
  const probe = new RegExp(`(?:${pattern})|`).exec("");
  const groups = probe === null ? 0 : probe.length - 1;
  const example = 'such as "generated (\\d+) tokens"';
  if (groups === 0) return { ok: false, problem: `${shown} has no capture group; expected one around the count, ${example}` };
  if (groups === 1) return { ok: true, regex, group: 1 };
  if (probe?.groups !== undefined && Object.hasOwn(probe.groups, UNITS_GROUP_NAME)) return { ok: true, regex, group: UNITS_GROUP_NAME };
  return {
    ok: false,
    problem: `${shown} has ${groups} capture groups; expected one around the count (make the others non-capturing with (?:…), or name the count (?<${UNITS_GROUP_NAME}>…))`,
  };
}

export interface StdoutRegexUnitsInput {
  readonly scenarioName: string;
  readonly pattern: string;
  /** The end of the run's stdout, as the run loop kept it. */
  readonly stdoutTail: string;
}

/** The count captured by the last match in stdout, so progress lines printed earlier never win. */
export function extractStdoutRegexUnits(input: StdoutRegexUnitsInput): UnitsResult {
  const { scenarioName, pattern } = input;
  const compiled = compileUnitsPattern(pattern);
  if (!compiled.ok) return failUnits(scenarioName, "units.pattern", "", compiled.problem);
  const shown = showPattern(pattern);
  const searched = boundTail(input.stdoutTail);
  const text = stripTerminalCodes(searched.text);
  const expected = "expected the suite to print the count on a line this pattern matches";
  if (text.trim() === "") return failUnits(scenarioName, "stdout", shown, `stdout is empty; ${expected}`);

  const search = findLastMatch(compiled.regex, compiled.group, text);
  if (search.kind === "timeout") {
    return failUnits(
      scenarioName,
      "stdout",
      shown,
      `searching ${text.length} characters took over ${STDOUT_REGEX_TIMEOUT_MS} ms and was stopped (nested quantifiers such as (\\d+)+ backtrack without end); expected a simpler pattern, such as "generated (\\d+) tokens"`,
    );
  }
  if (search.kind === "none") {
    const scope = searched.cut ? `the last ${text.length} characters of stdout` : `${text.length} characters of stdout`;
    return failUnits(scenarioName, "stdout", shown, `no match in ${scope} (the last line is ${describeValue(lastLine(text))}); ${expected}`);
  }
  const captured = search.captured;
  if (captured === undefined) return failUnits(scenarioName, "stdout", shown, `the count group captured nothing in ${describeValue(search.matched)}; ${UNIT_COUNT_EXPECTED}`);
  const trimmed = captured.trim();
  // Digits, an optional fraction and exponent: "12,345" or "1.2k" depend on conventions a regex cannot know.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) {
    return failUnits(scenarioName, "stdout", shown, `captured ${describeValue(captured)}; ${UNIT_COUNT_EXPECTED} written with digits only (no thousands separators or suffixes)`);
  }
  const count = checkUnitCount(Number(trimmed));
  if (!count.ok) return failUnits(scenarioName, "stdout", shown, count.problem);
  const of = search.matches === 1 ? "1 match" : `the last of ${search.matches} matches`;
  return { ok: true, units: count.units, detail: `stdout ${shown} (${of})` };
}

type MatchSearch =
  | { readonly kind: "found"; readonly matched: string; readonly captured: string | undefined; readonly matches: number }
  | { readonly kind: "none" }
  | { readonly kind: "timeout" };

// Runs inside a vm context so that a runaway regular expression can be interrupted. It returns
// plain strings and numbers: nothing from the other realm leaks into the caller.
const SEARCH = new Script(`
  (() => {
    let last = null;
    let matches = 0;
    regex.lastIndex = 0;
    for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
      last = m;
      matches++;
      if (m[0].length === 0) regex.lastIndex++;
    }
    if (last === null) return null;
    const captured = typeof group === "number" ? last[group] : last.groups === undefined ? undefined : last.groups[group];
    return { matched: String(last[0]), captured: captured === undefined ? undefined : String(captured), matches };
  })()
`);

function findLastMatch(regex: RegExp, group: number | string, text: string): MatchSearch {
  try {
    const found = SEARCH.runInNewContext({ regex, group, text }, { timeout: STDOUT_REGEX_TIMEOUT_MS }) as {
      matched: string;
      captured: string | undefined;
      matches: number;
    } | null;
    if (found === null) return { kind: "none" };
    return { kind: "found", matched: found.matched, captured: found.captured, matches: found.matches };
  } catch (error) {
    if (typeof error === "object" && error !== null && "code" in error && error.code === "ERR_SCRIPT_EXECUTION_TIMEOUT") {
      return { kind: "timeout" };
    }
    throw error;
  }
}

/**
 * The last STDOUT_SEARCH_CHARS characters, starting at a line boundary: a line cut in half could
 * turn "12345 tokens" into "345 tokens", a wrong count that looks right.
 */
function boundTail(stdout: string): { readonly text: string; readonly cut: boolean } {
  if (stdout.length <= STDOUT_SEARCH_CHARS) return { text: stdout, cut: false };
  const tail = stdout.slice(-STDOUT_SEARCH_CHARS);
  const lineStart = tail.search(/[\r\n]/);
  return { text: lineStart === -1 ? tail : tail.slice(lineStart + 1), cut: true };
}

/** Colours and cursor moves (ANSI CSI sequences): patterns are written against what the terminal shows. */
function stripTerminalCodes(text: string): string {
  return text.replace(/\x1b\[[0-?]*[ -/]*[@-~]/g, "");
}

function lastLine(text: string): string {
  const lines = text.split(/\r\n|\r|\n/).filter((line) => line.trim() !== "");
  return (lines[lines.length - 1] ?? "").trim();
}

function showPattern(pattern: string): string {
  return `/${pattern}/`;
}
