import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { extractUnits } from "./extract-units.js";

describe("extractUnits from: json-file", () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "sci-gate-units-"));
    await mkdir(join(dir, "results"));
    file = join(dir, "results", "summary.json");
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const extract = (path: string, fileName = "results/summary.json") =>
    extractUnits({ source: { from: "json-file", file: fileName, path }, cwd: dir, scenarioName: "rag" });

  const summary = { model: "tiny", results: { total_tokens: 920, runs: [{ tokens: 450 }, { tokens: 470 }] } };

  it("reads a dotted path in a file relative to the scenario's cwd", async () => {
    await writeFile(file, JSON.stringify(summary));
    expect(await extract("results.total_tokens")).toEqual({ ok: true, units: 920, detail: "results/summary.json results.total_tokens" });
  });

  it("indexes lists with a.b[0].c and a.b.0.c alike", async () => {
    await writeFile(file, JSON.stringify(summary));
    expect(await extract("results.runs[1].tokens")).toEqual({ ok: true, units: 470, detail: "results/summary.json results.runs[1].tokens" });
    expect(await extract("results.runs.1.tokens")).toEqual({ ok: true, units: 470, detail: "results/summary.json results.runs[1].tokens" });
  });

  it("accepts an absolute file", async () => {
    await writeFile(file, JSON.stringify(summary));
    expect(await extract("results.runs[0].tokens", file)).toEqual({ ok: true, units: 450, detail: `${file} results.runs[0].tokens` });
  });

  it("says which step of the path is missing", async () => {
    await writeFile(file, JSON.stringify(summary));
    expect(await extract("results.runs[2].tokens")).toEqual({
      ok: false,
      message: `scenario "rag": ${file}: results.runs[2].tokens: not found (results.runs has 2 items); expected a number of units ≥ 0`,
    });
    expect(await extract("result.total_tokens")).toEqual({
      ok: false,
      message: `scenario "rag": ${file}: result.total_tokens: not found (the top level has no key "result"; did you mean "results"?); expected a number of units ≥ 0`,
    });
  });

  it("refuses a value that is not a count", async () => {
    await writeFile(file, JSON.stringify({ results: { total_tokens: "920", runs: { tokens: 1 } } }));
    expect(await extract("results.total_tokens")).toEqual({
      ok: false,
      message: `scenario "rag": ${file}: results.total_tokens: expected a number of units ≥ 0, got "920"`,
    });
    expect(await extract("results.runs")).toEqual({
      ok: false,
      message: `scenario "rag": ${file}: results.runs: expected a number of units ≥ 0, got {"tokens":1}`,
    });
  });

  it("names the file and the path it should hold when the file is missing", async () => {
    expect(await extract("results.total_tokens")).toEqual({
      ok: false,
      message: `scenario "rag": ${file}: no such file; expected the suite to write JSON with a number of units at results.total_tokens`,
    });
  });

  it("refuses a malformed path before reading anything", async () => {
    expect(await extract("results..total")).toEqual({
      ok: false,
      message:
        'scenario "rag": units.path: empty key at character 9 of "results..total"; expected a dotted path such as results.total_tokens or runs[0].tokens',
    });
  });
});
