import { mkdir, mkdtemp, rm, truncate, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { extractUnits } from "./extract-units.js";

const EXPECTED = 'expected the suite to write {"units": <count>} to the path in the SCI_GATE_OUTPUT environment variable';

describe("extractUnits from: output-file", () => {
  let dir: string;
  let out: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "sci-gate-units-"));
    out = join(dir, "out.json");
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const extract = (extra: { expectedUnit?: string; runStartedAtMs?: number } = {}) =>
    extractUnits({ source: { from: "output-file" }, cwd: dir, outputFilePath: out, scenarioName: "chat", ...extra });

  it("reads the count the suite wrote, ignoring its other keys", async () => {
    await writeFile(out, JSON.stringify({ units: 1234, latency_ms: 81.5 }));
    expect(await extract()).toEqual({ ok: true, units: 1234, detail: "SCI_GATE_OUTPUT units" });
  });

  it("passes the unit along and accepts its plural", async () => {
    await writeFile(out, '{"units": 96, "unit": "tokens"}');
    expect(await extract({ expectedUnit: "token" })).toEqual({ ok: true, units: 96, detail: "SCI_GATE_OUTPUT units", unit: "tokens" });
  });

  it("returns zero units as a success: the SCI step refuses R = 0 with its own message", async () => {
    await writeFile(out, '{"units": 0}');
    expect(await extract()).toEqual({ ok: true, units: 0, detail: "SCI_GATE_OUTPUT units" });
  });

  it("refuses a unit other than the scenario's", async () => {
    await writeFile(out, '{"units": 96, "unit": "request"}');
    expect(await extract({ expectedUnit: "token" })).toEqual({
      ok: false,
      message: `scenario "chat": $SCI_GATE_OUTPUT (${out}): unit: expected "token" (the scenario's unit in sci-gate.yml), got "request"`,
    });
  });

  it("refuses a unit that is not text", async () => {
    await writeFile(out, '{"units": 96, "unit": 1}');
    expect(await extract()).toEqual({ ok: false, message: `scenario "chat": $SCI_GATE_OUTPUT (${out}): unit: expected the name of the unit as text, such as "token", got 1` });
  });

  it("refuses a number written as text instead of coercing it", async () => {
    await writeFile(out, '{"units": "12"}');
    expect(await extract()).toEqual({ ok: false, message: `scenario "chat": $SCI_GATE_OUTPUT (${out}): units: expected a number of units ≥ 0, got "12"` });
  });

  it("refuses negative, null (Python's NaN) and absurd counts", async () => {
    await writeFile(out, '{"units": -3}');
    expect(await extract()).toEqual({ ok: false, message: `scenario "chat": $SCI_GATE_OUTPUT (${out}): units: expected a number of units ≥ 0, got -3` });
    await writeFile(out, '{"units": NaN}');
    expect(await extract()).toEqual({ ok: false, message: `scenario "chat": $SCI_GATE_OUTPUT (${out}): units: expected a number of units ≥ 0, got null` });
    await writeFile(out, '{"units": 2e15}');
    expect(await extract()).toEqual({
      ok: false,
      message: `scenario "chat": $SCI_GATE_OUTPUT (${out}): units: expected a number of units ≥ 0 and at most 1e15, got 2000000000000000 (is it a count of units, not bytes or nanoseconds?)`,
    });
  });

  it("accepts exactly 1e15", async () => {
    await writeFile(out, '{"units": 1e15}');
    expect(await extract()).toEqual({ ok: true, units: 1e15, detail: "SCI_GATE_OUTPUT units" });
  });

  it("says when the key is missing and what the file holds instead", async () => {
    await writeFile(out, '{"tokens": 5}');
    expect(await extract()).toEqual({
      ok: false,
      message: `scenario "chat": $SCI_GATE_OUTPUT (${out}): units: not found (the top level has no key "units"; its keys: tokens); expected a number of units ≥ 0`,
    });
    await writeFile(out, '{"unit": "token", "unts": 5}');
    expect(await extract()).toEqual({
      ok: false,
      message: `scenario "chat": $SCI_GATE_OUTPUT (${out}): units: not found (the top level has no key "units"; did you mean "unit" or "unts"?); expected a number of units ≥ 0`,
    });
  });

  it("refuses a document that is not an object", async () => {
    await writeFile(out, "[1234]");
    expect(await extract()).toEqual({
      ok: false,
      message: `scenario "chat": $SCI_GATE_OUTPUT (${out}): expected a JSON object such as {"units": 1234, "unit": "token"}, got a list of 1`,
    });
  });

  it("reports a missing, empty, non-JSON or directory file with what it should hold", async () => {
    expect(await extract()).toEqual({ ok: false, message: `scenario "chat": $SCI_GATE_OUTPUT (${out}): no such file; ${EXPECTED}` });
    await writeFile(out, "  \n");
    expect(await extract()).toEqual({ ok: false, message: `scenario "chat": $SCI_GATE_OUTPUT (${out}): is empty; ${EXPECTED}` });
    await writeFile(out, "Loading model weights\n");
    expect(await extract()).toEqual({ ok: false, message: `scenario "chat": $SCI_GATE_OUTPUT (${out}): is not valid JSON (it starts with "Loading model weights\\n"); ${EXPECTED}` });
    await rm(out);
    await mkdir(out);
    expect(await extract()).toEqual({ ok: false, message: `scenario "chat": $SCI_GATE_OUTPUT (${out}): is a directory, not a file; ${EXPECTED}` });
  });

  it("refuses a file over 16 MiB before reading it", async () => {
    await writeFile(out, "");
    await truncate(out, 17 * 1024 * 1024);
    expect(await extract()).toEqual({ ok: false, message: `scenario "chat": $SCI_GATE_OUTPUT (${out}): is 17.0 MiB, over the 16 MiB limit for a units file; ${EXPECTED}` });
  });

  it("refuses a file left by an earlier run, allowing for coarse timestamps", async () => {
    await writeFile(out, '{"units": 7}');
    const written = new Date("2025-01-01T00:00:00Z");
    await utimes(out, written, written);
    expect(await extract({ runStartedAtMs: Date.parse("2025-01-01T01:00:00Z") })).toEqual({
      ok: false,
      message: `scenario "chat": $SCI_GATE_OUTPUT (${out}): was last written at 2025-01-01T00:00:00.000Z, before this run started at 2025-01-01T01:00:00.000Z, so it holds an earlier run's count; the suite must write it on every run; ${EXPECTED}`,
    });
    expect(await extract({ runStartedAtMs: Date.parse("2025-01-01T00:00:01.500Z") })).toEqual({ ok: true, units: 7, detail: "SCI_GATE_OUTPUT units" });
  });

  it("needs the run loop to pass the SCI_GATE_OUTPUT path", async () => {
    expect(await extractUnits({ source: { from: "output-file" }, cwd: dir, scenarioName: "chat" })).toEqual({
      ok: false,
      message: 'scenario "chat": SCI_GATE_OUTPUT: no output file was set up for this run; expected the run loop to pass the path it put in SCI_GATE_OUTPUT',
    });
  });
});
