import { resolve } from "node:path";
import { describeValue } from "@sci-gate/core";
import { parseUnitsJson, readUnitsText } from "./read-json-file.js";
import { checkUnitCount, isWholeCount } from "./unit-count.js";
import { failUnits, type UnitsResult } from "./units-result.js";

export interface LlamaBenchUnitsInput {
  readonly scenarioName: string;
  /** Where the suite saved `llama-bench -o json` (e.g. `llama-bench … -o json > bench.json`). */
  readonly file: string;
  readonly cwd: string;
  readonly runStartedAtMs?: number;
}

const LLAMA_BENCH_EXPECTED = "expected the JSON array that `llama-bench -o json` prints";

/** One test of the array, reduced to what the count needs. */
interface LlamaBenchTest {
  readonly nPrompt: number;
  readonly nGen: number;
  readonly nDepth: number;
  readonly repetitions: number;
}

/**
 * Tokens processed by the timed repetitions of every test: n_gen per repetition for generation
 * tests (tg, and pg where a prompt precedes generation: the generated tokens are the product),
 * n_prompt for prompt-processing tests (n_gen = 0). Repetitions are counted from samples_ns,
 * one entry per timed repetition (`-r`), so a run cut short is never over-counted. Warm-up
 * passes and the n_depth prefill are untimed and not counted; their energy stays in the run.
 * `-o jsonl` output (one object per line) is read too.
 */
export async function extractLlamaBenchUnits(input: LlamaBenchUnitsInput): Promise<UnitsResult> {
  const { scenarioName } = input;
  const filePath = resolve(input.cwd, input.file);
  const read = await readUnitsText(filePath, { expected: LLAMA_BENCH_EXPECTED, runStartedAtMs: input.runStartedAtMs });
  if (!read.ok) return failUnits(scenarioName, filePath, "", read.problem);
  const parsed = parseJsonLines(read.text) ?? parseUnitsJson(read.text, LLAMA_BENCH_EXPECTED);
  if (!parsed.ok) return failUnits(scenarioName, filePath, "", parsed.problem);

  // A one-test JSONL file is a single object: the same thing as a one-element array.
  const entries = isObject(parsed.value) ? [parsed.value] : parsed.value;
  if (!Array.isArray(entries)) return failUnits(scenarioName, filePath, "", `${LLAMA_BENCH_EXPECTED}, got ${describeValue(entries)}`);

  const tests: LlamaBenchTest[] = [];
  for (let index = 0; index < entries.length; index++) {
    const entry: unknown = entries[index];
    if (!isObject(entry)) return failUnits(scenarioName, filePath, `[${index}]`, `expected a llama-bench test object, got ${describeValue(entry)}`);
    const fields: Record<string, number> = {};
    for (const name of ["n_prompt", "n_gen"] as const) {
      const value = entry[name];
      if (!Object.hasOwn(entry, name)) {
        return failUnits(scenarioName, filePath, `[${index}].${name}`, `not found; expected a whole number of tokens ≥ 0 (is this llama-bench -o json output?)`);
      }
      if (!isWholeCount(value)) return failUnits(scenarioName, filePath, `[${index}].${name}`, `expected a whole number of tokens ≥ 0, got ${describeValue(value)}`);
      fields[name] = value;
    }
    const samples = entry["samples_ns"];
    if (!Object.hasOwn(entry, "samples_ns")) {
      return failUnits(
        scenarioName,
        filePath,
        `[${index}].samples_ns`,
        "not found; expected the list of per-repetition times that llama-bench -o json writes (builds from before it was added do not: update llama.cpp)",
      );
    }
    if (!Array.isArray(samples) || !samples.every((ns) => typeof ns === "number")) {
      return failUnits(scenarioName, filePath, `[${index}].samples_ns`, `expected a list of times in nanoseconds, one per repetition, got ${describeValue(samples)}`);
    }
    const depth = entry["n_depth"];
    tests.push({ nPrompt: fields["n_prompt"]!, nGen: fields["n_gen"]!, nDepth: isWholeCount(depth) ? depth : 0, repetitions: samples.length });
  }

  const total = tests.reduce((sum, test) => sum + countedTokens(test) * test.repetitions, 0);
  const units = checkUnitCount(total);
  if (!units.ok) return failUnits(scenarioName, filePath, "", units.problem);
  return { ok: true, units: units.units, detail: describeTests(tests) };
}

function countedTokens(test: LlamaBenchTest): number {
  return test.nGen > 0 ? test.nGen : test.nPrompt;
}

/** `llama-bench 2 tests: pp512 ×5, tg128 ×5`, the names llama-bench's own table uses. */
function describeTests(tests: readonly LlamaBenchTest[]): string {
  if (tests.length === 0) return "llama-bench: no tests in the file";
  const names = tests.map((test) => {
    const parts = [test.nPrompt > 0 ? `pp${test.nPrompt}` : "", test.nGen > 0 ? `tg${test.nGen}` : ""].filter((part) => part !== "");
    const depth = test.nDepth > 0 ? ` @ d${test.nDepth}` : "";
    return `${parts.join("+") || "no tokens"}${depth} ×${test.repetitions}`;
  });
  const shown = names.length > 4 ? [...names.slice(0, 4), `… ${names.length - 4} more`] : names;
  return `llama-bench ${tests.length === 1 ? "1 test" : `${tests.length} tests`}: ${shown.join(", ")}`;
}

/**
 * `-o jsonl`: one object per line. Null unless there are several lines and every one of them is
 * a JSON object, so ordinary (multi-line) JSON and broken files go to the JSON parser.
 */
function parseJsonLines(text: string): { ok: true; value: unknown[] } | null {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== "");
  if (lines.length < 2 || !lines.every((line) => line.trimStart().startsWith("{") && line.trimEnd().endsWith("}"))) return null;
  const values: unknown[] = [];
  for (const line of lines) {
    const parsed = parseUnitsJson(line, LLAMA_BENCH_EXPECTED);
    if (!parsed.ok || !isObject(parsed.value)) return null;
    values.push(parsed.value);
  }
  return { ok: true, value: values };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
