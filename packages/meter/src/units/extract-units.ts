import { resolve } from "node:path";
import type { UnitsSource } from "@sci-gate/core";
import { extractJsonFileUnits } from "./json-file-units.js";
import { extractLlamaBenchUnits } from "./llama-bench-units.js";
import { extractOutputFileUnits } from "./output-file-units.js";
import { extractStdoutRegexUnits } from "./stdout-regex-units.js";
import { checkUnitCount } from "./unit-count.js";
import { failUnits, type UnitsResult } from "./units-result.js";
import { extractVllmUnits } from "./vllm-units.js";

export interface ExtractUnitsInput {
  /** The scenario's `units` from sci-gate.yml, already validated by the config schema. */
  readonly source: UnitsSource;
  /** The scenario's working directory, absolute: relative `file`s resolve against it. */
  readonly cwd: string;
  /** The path this run's SCI_GATE_OUTPUT named; needed for `from: output-file`. */
  readonly outputFilePath?: string;
  /** The end of this run's stdout (the run loop keeps the last 1 MiB); needed for `from: stdout-regex`. */
  readonly stdoutTail?: string;
  readonly scenarioName: string;
  /** The scenario's `unit`; a suite writing a different "unit" to SCI_GATE_OUTPUT is refused. */
  readonly expectedUnit?: string;
  /** When the run started (epoch ms): a units file older than that is a previous run's and is refused. */
  readonly runStartedAtMs?: number;
}

/**
 * Count the functional units one run produced (R of SCI), from wherever the scenario says the
 * suite reports them. Never throws for anything a suite or a config can get wrong: every problem
 * comes back as a message naming the scenario, the file, the path inside it and what was
 * expected. Zero units is returned as a success; the SCI step decides what to do with it.
 */
export async function extractUnits(input: ExtractUnitsInput): Promise<UnitsResult> {
  const { source, scenarioName, cwd, runStartedAtMs } = input;
  switch (source.from) {
    case "output-file":
      if (input.outputFilePath === undefined) {
        return failUnits(scenarioName, "SCI_GATE_OUTPUT", "", "no output file was set up for this run; expected the run loop to pass the path it put in SCI_GATE_OUTPUT");
      }
      return extractOutputFileUnits({ scenarioName, outputFilePath: input.outputFilePath, expectedUnit: input.expectedUnit, runStartedAtMs });
    case "json-file":
      return extractJsonFileUnits({ scenarioName, file: source.file, path: source.path, cwd, runStartedAtMs });
    case "stdout-regex":
      return extractStdoutRegexUnits({ scenarioName, pattern: source.pattern, stdoutTail: input.stdoutTail ?? "" });
    case "vllm":
      return extractVllmUnits({ scenarioName, file: source.file, cwd, runStartedAtMs });
    case "llama-bench":
      return extractLlamaBenchUnits({ scenarioName, file: source.file, cwd, runStartedAtMs });
    case "fixed": {
      const count = checkUnitCount(source.count);
      if (!count.ok) return failUnits(scenarioName, "units.count", "", count.problem);
      return { ok: true, units: count.units, detail: "fixed count from sci-gate.yml" };
    }
    default: {
      const unknown: never = source;
      return failUnits(scenarioName, "units.from", "", `unknown source ${JSON.stringify((unknown as { from: unknown }).from)}`);
    }
  }
}

/**
 * The file a run must write for its units to be counted, or null when units come from stdout or
 * the config. The run loop deletes it before each run, so a run that fails to write it is
 * reported as such instead of silently reusing the previous run's count.
 */
export function resolveUnitsFile(source: UnitsSource, paths: { readonly cwd: string; readonly outputFilePath?: string }): string | null {
  switch (source.from) {
    case "output-file":
      return paths.outputFilePath ?? null;
    case "json-file":
    case "vllm":
    case "llama-bench":
      return resolve(paths.cwd, source.file);
    case "stdout-regex":
    case "fixed":
      return null;
    default:
      return null;
  }
}
