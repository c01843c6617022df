import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { extractUnits } from "./extract-units.js";

const fixture = fileURLToPath(new URL("./fixtures/llama-bench-qwen2.5-7b.json", import.meta.url));
const EXPECTED = "expected the JSON array that `llama-bench -o json` prints";

interface Entry {
  n_prompt: number;
  n_gen: number;
  samples_ns: number[];
}

describe("extractUnits from: llama-bench", () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "sci-gate-units-"));
    file = join(dir, "bench.json");
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const extract = (fileName = "bench.json") => extractUnits({ source: { from: "llama-bench", file: fileName }, cwd: dir, scenarioName: "llama" });

  it("counts tokens × repetitions over the tests of llama-bench -o json", async () => {
    const entries = JSON.parse(await readFile(fixture, "utf8")) as Entry[];
    // pp512 (n_gen = 0: prompt tokens count) and tg128, each with 5 timed repetitions.
    expect(entries.map((e) => [e.n_prompt, e.n_gen, e.samples_ns.length])).toEqual([
      [512, 0, 5],
      [0, 128, 5],
    ]);
    const handCounted = 512 * 5 + 128 * 5;
    expect(handCounted).toBe(3200);
    expect(await extract(fixture)).toEqual({ ok: true, units: handCounted, detail: "llama-bench 2 tests: pp512 ×5, tg128 ×5" });
  });

  it("reads -o jsonl output, one object per line", async () => {
    const entries = JSON.parse(await readFile(fixture, "utf8")) as Entry[];
    await writeFile(file, `${entries.map((e) => JSON.stringify(e)).join("\n")}\n`);
    expect(await extract()).toEqual({ ok: true, units: 3200, detail: "llama-bench 2 tests: pp512 ×5, tg128 ×5" });
    await writeFile(file, `${JSON.stringify(entries[1])}\n`);
    expect(await extract()).toEqual({ ok: true, units: 640, detail: "llama-bench 1 test: tg128 ×5" });
  });

  it("counts generated tokens for -pg tests and names the depth", async () => {
    await writeFile(file, JSON.stringify([{ n_prompt: 512, n_gen: 128, n_depth: 4096, samples_ns: [3, 3, 3] }]));
    expect(await extract()).toEqual({ ok: true, units: 384, detail: "llama-bench 1 test: pp512+tg128 @ d4096 ×3" });
  });

  it("counts the repetitions that ran, and lists at most four tests", async () => {
    const tests = [1, 2, 3, 4, 5, 6].map((n) => ({ n_prompt: 0, n_gen: n, samples_ns: Array.from({ length: n }, () => 1) }));
    await writeFile(file, JSON.stringify(tests));
    expect(await extract()).toEqual({
      ok: true,
      units: 1 + 4 + 9 + 16 + 25 + 36,
      detail: "llama-bench 6 tests: tg1 ×1, tg2 ×2, tg3 ×3, tg4 ×4, … 2 more",
    });
  });

  it("returns zero units for an empty array (every test failed); the SCI step refuses it", async () => {
    await writeFile(file, "[\n]\n");
    expect(await extract()).toEqual({ ok: true, units: 0, detail: "llama-bench: no tests in the file" });
  });

  it("refuses a file cut short by a crash", async () => {
    const text = await readFile(fixture, "utf8");
    await writeFile(file, text.slice(0, 2000));
    expect(await extract()).toEqual({
      ok: false,
      message: `scenario "llama": ${file}: is not valid JSON (it starts with "[\\n  {\\n    \\"build_commit\\": \\"8cf427ff\\",\\n  "); ${EXPECTED}`,
    });
  });

  it("names the test and field that are wrong", async () => {
    await writeFile(file, JSON.stringify([{ n_prompt: 512, n_gen: 0, samples_ns: [1] }, { n_prompt: 0, n_gen: "128", samples_ns: [1] }]));
    expect(await extract()).toEqual({ ok: false, message: `scenario "llama": ${file}: [1].n_gen: expected a whole number of tokens ≥ 0, got "128"` });
    await writeFile(file, JSON.stringify([{ n_gen: 128, samples_ns: [1] }]));
    expect(await extract()).toEqual({
      ok: false,
      message: `scenario "llama": ${file}: [0].n_prompt: not found; expected a whole number of tokens ≥ 0 (is this llama-bench -o json output?)`,
    });
    await writeFile(file, JSON.stringify([{ n_prompt: 0, n_gen: 128, avg_ts: 118.9 }]));
    expect(await extract()).toEqual({
      ok: false,
      message: `scenario "llama": ${file}: [0].samples_ns: not found; expected the list of per-repetition times that llama-bench -o json writes (builds from before it was added do not: update llama.cpp)`,
    });
    await writeFile(file, JSON.stringify([{ n_prompt: 0, n_gen: 128, samples_ns: "5" }]));
    expect(await extract()).toEqual({
      ok: false,
      message: `scenario "llama": ${file}: [0].samples_ns: expected a list of times in nanoseconds, one per repetition, got "5"`,
    });
    await writeFile(file, JSON.stringify([7]));
    expect(await extract()).toEqual({ ok: false, message: `scenario "llama": ${file}: [0]: expected a llama-bench test object, got 7` });
  });

  it("refuses what is not an array of tests", async () => {
    await writeFile(file, "128");
    expect(await extract()).toEqual({ ok: false, message: `scenario "llama": ${file}: ${EXPECTED}, got 128` });
    expect(await extract("none.json")).toEqual({ ok: false, message: `scenario "llama": ${join(dir, "none.json")}: no such file; ${EXPECTED}` });
  });

  it("refuses a total above 1e15", async () => {
    await writeFile(file, JSON.stringify([{ n_prompt: 0, n_gen: 2_000_000_000_000, samples_ns: Array.from({ length: 600 }, () => 1) }]));
    expect(await extract()).toEqual({
      ok: false,
      message: `scenario "llama": ${file}: expected a number of units ≥ 0 and at most 1e15, got 1200000000000000 (is it a count of units, not bytes or nanoseconds?)`,
    });
  });
});
