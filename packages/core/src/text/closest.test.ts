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

  it("suggests nothing for an unrelated word", () => {
    expect(findClosest("zzzzzz", ["scenarios", "budgets"])).toEqual([]);
  });
});
