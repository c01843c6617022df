import { describe, expect, it } from "vitest";
import { editDistance, findClosest } from "./closest.js";

describe("findClosest", () => {
  it("counts insertions, deletions and substitutions", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("same", "same")).toBe(0);
    expect(editDistance("peu", "pue")).toBe(1);
  });

  it("suggests the key a user misspelt, best first", () => {
    expect(findClosest("scenarois", ["scenarios", "budgets", "version"])).toEqual(["scenarios"]);
    expect(findClosest("FRR", ["FRA", "FIN", "DEU"])).toEqual(["FRA"]);
  });

  it("breaks ties by length, then shared prefix, not the alphabet", () => {
    // "runz" is one edit from both; a slipped key (same length) beats a dropped one.
    expect(findClosest("runz", ["run", "runs"], 1)).toEqual(["runs"]);
    expect(findClosest("runz", ["run", "runs"])).toEqual(["runs", "run"]);
    // "warmpu": "warmup" (one transposition) before "warm" (two deletions).
    expect(findClosest("warmpu", ["runs", "warmup", "warm"])).toEqual(["warmup", "warm"]);
    // Same distance and length: the longer shared prefix wins ("chax" → "chat" over "coax").
    expect(findClosest("chax", ["coax", "chat"])).toEqual(["chat", "coax"]);
  });

  it("suggests nothing for an unrelated word", () => {
    expect(findClosest("zzzzzz", ["scenarios", "budgets"])).toEqual([]);
  });
});
