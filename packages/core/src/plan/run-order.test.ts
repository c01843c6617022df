import { describe, expect, it } from "vitest";
import { planRunOrder } from "./run-order.js";

describe("planRunOrder", () => {
  it("alternates which revision goes first in ABBA order", () => {
    const order = planRunOrder({ runs: 4, revisions: ["base", "head"], order: "abba" }).map((r) => r.revision[0]);
    expect(order.join("")).toBe("bhhbbhhb");
  });

  it("pairs each base run with the head run next to it", () => {
    const plan = planRunOrder({ runs: 3, revisions: ["base", "head"], order: "abba" });
    expect(plan.map((r) => r.pair)).toEqual([0, 0, 1, 1, 2, 2]);
    expect(plan.filter((r) => r.revision === "base").map((r) => r.index)).toEqual([0, 1, 2]);
  });

  it("draws a seeded order that repeats for the same seed and is not always base first", () => {
    const a = planRunOrder({ runs: 40, revisions: ["base", "head"], order: "random", seed: 7 });
    const b = planRunOrder({ runs: 40, revisions: ["base", "head"], order: "random", seed: 7 });
    expect(a).toEqual(b);
    const baseFirst = a.filter((r, i) => i % 2 === 0 && r.revision === "base").length;
    expect(baseFirst).toBeGreaterThan(5);
    expect(baseFirst).toBeLessThan(35);
  });

  it("runs one revision alone without pairs", () => {
    expect(planRunOrder({ runs: 2, revisions: ["head"], order: "abba" })).toEqual([
      { revision: "head", index: 0, pair: null },
      { revision: "head", index: 1, pair: null },
    ]);
  });
});
