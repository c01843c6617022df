import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { envInputReader, inputNames, readInputs } from "./inputs.js";

describe("action inputs", () => {
  it("reads every input action.yml declares", () => {
    const action = parse(readFileSync(new URL("../../../action.yml", import.meta.url), "utf8")) as { inputs: Record<string, unknown> };
    expect([...inputNames].sort()).toEqual(Object.keys(action.inputs).sort());
  });

  it("applies the documented defaults and parses shard and runs", () => {
    const read = readInputs(envInputReader({ INPUT_SHARD: "2/3", INPUT_RUNS: "8", "INPUT_GITHUB-TOKEN": "t", INPUT_MODE: "measure" }));
    expect(read).toEqual({
      ok: true,
      value: { config: "sci-gate.yml", mode: "measure", baseline: "same-runner", runs: 8, shard: { index: 2, count: 3 }, githubToken: "t", comment: "always", failOn: "fail", commentId: "" },
    });
    expect(readInputs(envInputReader({ "INPUT_GITHUB-TOKEN": "t" }))).toMatchObject({ ok: true, value: { mode: "full", shard: null, runs: null } });
  });

  it("refuses shard with mode: full, saying what to do instead", () => {
    const read = readInputs(envInputReader({ INPUT_SHARD: "1/2", "INPUT_GITHUB-TOKEN": "t" }));
    expect(read).toEqual({
      ok: false,
      message:
        "input shard: expected mode: measure with shard (got mode: full, where each shard would overwrite the comment and post a check run for its part alone); measure each shard with mode: measure, upload its report, and merge them with mode: comment in a workflow_run job",
    });
  });

  it("names the input and what was expected", () => {
    expect(readInputs(envInputReader({ INPUT_SHARD: "4/3" }))).toEqual({ ok: false, message: "input shard: expected shard i/n with 1 ≤ i ≤ n, got 4/3" });
    expect(readInputs(envInputReader({ "INPUT_FAIL-ON": "sometimes" }))).toEqual({
      ok: false,
      message: 'input fail-on: expected fail-on to be fail, warn or never, got "sometimes"',
    });
  });
});
