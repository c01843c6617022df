import { describe, expect, it } from "vitest";
import { combineProcessCpuS } from "./measure-run.js";

describe("combineProcessCpuS", () => {
  it("adds the orphans the reaped figure cannot contain", () => {
    // Reaped 2.0 s (every waited-for descendant); a daemon at 150 ticks (1.5 s) outside the tree.
    expect(combineProcessCpuS(2, new Map([["10:1", 120]]), new Map([["20:5", 150]]))).toBeCloseTo(3.5, 12);
  });

  it("never counts a process twice when the tree walk saw it before it was orphaned", () => {
    // 30:7 was in the tree at 40 ticks, then orphaned and read at 90: it counts once, at 90.
    const tree = new Map([
      ["10:1", 50],
      ["30:7", 40],
    ]);
    const orphans = new Map([["30:7", 90]]);
    // reaped 0.5 + orphans 0.9 = 1.4 s; the union is 50 + 90 ticks = 1.4 s as well.
    expect(combineProcessCpuS(0.5, tree, orphans)).toBeCloseTo(1.4, 12);
  });

  it("keeps what only the tree walk saw (processes killed before anyone waited for them)", () => {
    // The shell was reaped (0.1 s), its children were killed and reaped by init: 300 ticks in the tree only.
    expect(combineProcessCpuS(0.1, new Map([["11:2", 300]]), new Map())).toBeCloseTo(3, 12);
  });

  it("is unknown, not 0 s, when no /proc view was available", () => {
    expect(combineProcessCpuS(null, new Map(), new Map())).toBeNull();
    expect(combineProcessCpuS(0, new Map(), new Map())).toBe(0);
  });
});
