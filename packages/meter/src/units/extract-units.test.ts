import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkUnitsSource, extractUnits, MAX_UNITS, resolveUnitsFile } from "./index.js";

describe("extractUnits from: fixed", () => {
  it("returns the configured count for every run", async () => {
    expect(await extractUnits({ source: { from: "fixed", count: 100 }, cwd: "/work", scenarioName: "batch" })).toEqual({
      ok: true,
      units: 100,
      detail: "fixed count from sci-gate.yml",
    });
  });

  it("still refuses a count the schema should have stopped", async () => {
    expect(await extractUnits({ source: { from: "fixed", count: MAX_UNITS * 10 }, cwd: "/work", scenarioName: "batch" })).toEqual({
      ok: false,
      message: 'scenario "batch": units.count: expected a number of units ≥ 0 and at most 1e15, got 10000000000000000 (is it a count of units, not bytes or nanoseconds?)',
    });
  });
});

describe("resolveUnitsFile", () => {
  const paths = { cwd: "/work/bench", outputFilePath: "/tmp/sci-gate/run-3.json" };

  it("names the file each run must write, so the run loop can delete a stale one first", () => {
    expect(resolveUnitsFile({ from: "output-file" }, paths)).toBe("/tmp/sci-gate/run-3.json");
    expect(resolveUnitsFile({ from: "json-file", file: "out/summary.json", path: "tokens" }, paths)).toBe(join("/work/bench", "out/summary.json"));
    expect(resolveUnitsFile({ from: "vllm", file: "/abs/result.json" }, paths)).toBe("/abs/result.json");
    expect(resolveUnitsFile({ from: "llama-bench", file: "bench.json" }, paths)).toBe(join("/work/bench", "bench.json"));
  });

  it("is null where no file is involved", () => {
    expect(resolveUnitsFile({ from: "stdout-regex", pattern: "(\\d+)" }, paths)).toBeNull();
    expect(resolveUnitsFile({ from: "fixed", count: 1 }, paths)).toBeNull();
    expect(resolveUnitsFile({ from: "output-file" }, { cwd: "/work" })).toBeNull();
  });
});

describe("checkUnitsSource", () => {
  it("accepts usable sources", () => {
    expect(checkUnitsSource({ from: "stdout-regex", pattern: "generated (\\d+) tokens" }, "chat")).toBeNull();
    expect(checkUnitsSource({ from: "json-file", file: "r.json", path: "a.b[0].c" }, "chat")).toBeNull();
    expect(checkUnitsSource({ from: "fixed", count: 5 }, "chat")).toBeNull();
    expect(checkUnitsSource({ from: "output-file" }, "chat")).toBeNull();
    expect(checkUnitsSource({ from: "vllm", file: "r.json" }, "chat")).toBeNull();
  });

  it("reports a bad pattern or path before anything runs, as extractUnits would", async () => {
    const pattern = { from: "stdout-regex", pattern: "tokens: \\d+" } as const;
    const message = 'scenario "chat": units.pattern: /tokens: \\d+/ has no capture group; expected one around the count, such as "generated (\\d+) tokens"';
    expect(checkUnitsSource(pattern, "chat")).toBe(message);
    expect(await extractUnits({ source: pattern, cwd: "/", stdoutTail: "tokens: 5", scenarioName: "chat" })).toEqual({ ok: false, message });
    expect(checkUnitsSource({ from: "json-file", file: "r.json", path: "a[" }, "chat")).toBe(
      'scenario "chat": units.path: unclosed [ at character 2 of "a["; expected a dotted path such as results.total_tokens or runs[0].tokens',
    );
  });
});
