import { readFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { extractUnits } from "./extract-units.js";

const fixture = fileURLToPath(new URL("./fixtures/vllm-serving-opt-125m.json", import.meta.url));
const EXPECTED = "expected the --save-result JSON of vLLM's benchmarks/benchmark_serving.py or `vllm bench serve`";

describe("extractUnits from: vllm", () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "sci-gate-units-"));
    file = join(dir, "result.json");
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const extract = (fileName = "result.json") => extractUnits({ source: { from: "vllm", file: fileName }, cwd: dir, scenarioName: "serve" });

  it("counts the generated tokens of benchmark_serving.py's --save-result file", async () => {
    const result = JSON.parse(await readFile(fixture, "utf8")) as { output_lens: number[]; total_output_tokens: number; completed: number };
    // 8 requests of the random dataset with --random-output-len 16: 8 × 16 generated tokens.
    const handCounted = 8 * 16;
    expect(result.output_lens.reduce((a, b) => a + b, 0)).toBe(handCounted);
    expect(result.total_output_tokens).toBe(handCounted);
    expect(await extract(fixture)).toEqual({ ok: true, units: handCounted, detail: "vllm total_output_tokens (8 requests)" });
  });

  it("mentions failed requests, which newer releases record", async () => {
    await writeFile(file, JSON.stringify({ completed: 118, failed: 2, total_input_tokens: 120000, total_output_tokens: 15104 }));
    expect(await extract()).toEqual({ ok: true, units: 15104, detail: "vllm total_output_tokens (118 requests, 2 failed)" });
  });

  it("reads a result whose latency fields Python wrote as NaN", async () => {
    await writeFile(file, '{"completed": 1, "total_output_tokens": 16, "std_itl_ms": NaN, "request_rate": "inf"}');
    expect(await extract()).toEqual({ ok: true, units: 16, detail: "vllm total_output_tokens (1 request)" });
  });

  it("returns zero when every request failed; the SCI step refuses it", async () => {
    await writeFile(file, JSON.stringify({ completed: 0, failed: 8, total_output_tokens: 0 }));
    expect(await extract()).toEqual({ ok: true, units: 0, detail: "vllm total_output_tokens (0 requests, 8 failed)" });
  });

  it("refuses a file without total_output_tokens, with a hint for embedding benchmarks", async () => {
    await writeFile(file, JSON.stringify({ completed: 8, total_output_token: 128 }));
    expect(await extract()).toEqual({
      ok: false,
      message: `scenario "serve": ${file}: total_output_tokens: not found (the top level has no key "total_output_tokens"; did you mean "total_output_token"?); expected vLLM's count of generated tokens`,
    });
    await writeFile(file, JSON.stringify({ completed: 8, total_input_tokens: 512, total_input_sequences: 8 }));
    expect(await extract()).toEqual({
      ok: false,
      message: `scenario "serve": ${file}: total_output_tokens: not found; this is an embedding benchmark, which generates no tokens: count its inputs with units: { from: json-file, path: total_input_sequences }`,
    });
  });

  it("refuses counts of the wrong type", async () => {
    await writeFile(file, JSON.stringify({ completed: 8, total_output_tokens: "128" }));
    expect(await extract()).toEqual({
      ok: false,
      message: `scenario "serve": ${file}: total_output_tokens: expected a number of generated tokens ≥ 0, got "128"`,
    });
    await writeFile(file, JSON.stringify({ completed: 7.5, total_output_tokens: 128 }));
    expect(await extract()).toEqual({
      ok: false,
      message: `scenario "serve": ${file}: completed: expected the number of completed requests, a whole number ≥ 0, got 7.5`,
    });
    await writeFile(file, JSON.stringify({ total_output_tokens: 128 }));
    expect(await extract()).toEqual({
      ok: false,
      message: `scenario "serve": ${file}: completed: not found (the top level has no key "completed"; its keys: total_output_tokens); expected the number of completed requests`,
    });
  });

  it("refuses what is not a result object", async () => {
    await writeFile(file, "[]");
    expect(await extract()).toEqual({
      ok: false,
      message: `scenario "serve": ${file}: ${EXPECTED} (an object with total_output_tokens and completed), got a list of 0`,
    });
    expect(await extract("missing.json")).toEqual({ ok: false, message: `scenario "serve": ${join(dir, "missing.json")}: no such file; ${EXPECTED}` });
  });
});
