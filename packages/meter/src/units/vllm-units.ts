import { resolve } from "node:path";
import { describeValue } from "@sci-gate/core";
import { lookUpJsonPath } from "./json-path.js";
import { readUnitsJson } from "./read-json-file.js";
import { checkUnitCount, isWholeCount } from "./unit-count.js";
import { failUnits, type UnitsResult } from "./units-result.js";

export interface VllmUnitsInput {
  readonly scenarioName: string;
  /** The --save-result file (--result-dir/--result-filename), relative to the scenario's cwd or absolute. */
  readonly file: string;
  readonly cwd: string;
  readonly runStartedAtMs?: number;
}

const VLLM_EXPECTED = "expected the --save-result JSON of vLLM's benchmarks/benchmark_serving.py or `vllm bench serve`";

/**
 * Generated tokens from a vLLM serving benchmark. Field names as benchmark_serving.py writes them
 * (result dict merged into result_json, json.dump): `total_output_tokens` is the sum of the
 * output lengths of the successful requests, `completed` their number, and newer releases add
 * `failed`. The initial test prompt and `--num-warmups` requests are not in the count, though
 * their energy is in the run: SCI counts all the work a run needs.
 */
export async function extractVllmUnits(input: VllmUnitsInput): Promise<UnitsResult> {
  const { scenarioName } = input;
  const filePath = resolve(input.cwd, input.file);
  const read = await readUnitsJson(filePath, { expected: VLLM_EXPECTED, runStartedAtMs: input.runStartedAtMs });
  if (!read.ok) return failUnits(scenarioName, filePath, "", read.problem);
  const result = read.value;
  if (typeof result !== "object" || result === null || Array.isArray(result)) {
    return failUnits(scenarioName, filePath, "", `${VLLM_EXPECTED} (an object with total_output_tokens and completed), got ${describeValue(result)}`);
  }

  const tokens = lookUpJsonPath(result, [{ kind: "key", name: "total_output_tokens" }]);
  if (!tokens.found) {
    // `vllm bench serve` on an embedding model writes total_input_sequences and no output tokens.
    const hint = Object.hasOwn(result, "total_input_sequences")
      ? '; this is an embedding benchmark, which generates no tokens: count its inputs with units: { from: json-file, path: total_input_sequences }'
      : ` (${tokens.reason}); expected vLLM's count of generated tokens`;
    return failUnits(scenarioName, filePath, "total_output_tokens", `not found${hint}`);
  }
  const units = checkUnitCount(tokens.value);
  if (!units.ok) return failUnits(scenarioName, filePath, "total_output_tokens", units.problem.replace("a number of units", "a number of generated tokens"));

  const completed = lookUpJsonPath(result, [{ kind: "key", name: "completed" }]);
  if (!completed.found) return failUnits(scenarioName, filePath, "completed", `not found (${completed.reason}); expected the number of completed requests`);
  if (!isWholeCount(completed.value)) {
    return failUnits(scenarioName, filePath, "completed", `expected the number of completed requests, a whole number ≥ 0, got ${describeValue(completed.value)}`);
  }
  const failed = (result as Record<string, unknown>)["failed"];
  const failures = isWholeCount(failed) && failed > 0 ? `, ${failed} failed` : "";
  const requests = completed.value === 1 ? "1 request" : `${completed.value} requests`;
  return { ok: true, units: units.units, detail: `vllm total_output_tokens (${requests}${failures})` };
}
