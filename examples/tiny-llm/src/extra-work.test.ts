import { describe, expect, it } from "vitest";
import { computeExtraMultiplyAdds, createExtraWorkScratch, performExtraWork } from "./extra-work.js";
import { createFloat32Linear, quantizeLinear } from "./linear.js";

describe("computeExtraMultiplyAdds", () => {
  it("is the rounded percentage of the model's multiply-adds", () => {
    expect(computeExtraMultiplyAdds(1000, 10)).toBe(100);
    expect(computeExtraMultiplyAdds(1005, 10)).toBe(101);
    expect(computeExtraMultiplyAdds(999, 0)).toBe(0);
    expect(computeExtraMultiplyAdds(3, 12.5)).toBe(0);
  });
});

describe("performExtraWork", () => {
  // W = [[1, 2, 3, 4], [0, 1, 0, 1], [2, 0, 0, 0]].
  const linear = createFloat32Linear(3, 4, Float32Array.from([1, 2, 3, 4, 0, 1, 0, 1, 2, 0, 0, 0]));
  const ones = Float32Array.from([1, 1, 1, 1]);
  const scratch = createExtraWorkScratch(linear, 2);

  it("does whole weight rows, cycling, then a partial row for the remainder (one input row)", () => {
    // Row sums against x = [1, 1, 1, 1]: 10, 2, 2.
    // 10 multiply-adds: rows 0 and 1 (8), then 2 columns of row 2 → 10 + 2 + 2.
    expect(performExtraWork(linear, ones, 1, 10, scratch)).toBe(14);
    // 14 multiply-adds: rows 0, 1, 2, then 2 columns of row 0 again → 10 + 2 + 2 + 3.
    expect(performExtraWork(linear, ones, 1, 14, scratch)).toBe(17);
    expect(performExtraWork(linear, ones, 1, 0, scratch)).toBe(0);
  });

  it("takes each weight row across every input row (two input rows)", () => {
    // x0 = [1, 1, 1, 1], x1 = [1, 0, 0, 0]; a weight row costs 8 multiply-adds.
    const input = Float32Array.from([1, 1, 1, 1, 1, 0, 0, 0]);
    // 20: rows 0 and 1 on both inputs (10 + 1 + 2 + 0), then row 2 · x0 (2) → 15.
    expect(performExtraWork(linear, input, 2, 20, scratch)).toBe(15);
    // 22: as above, plus the first 2 columns of row 2 · x1 (2) → 17.
    expect(performExtraWork(linear, input, 2, 22, scratch)).toBe(17);
  });

  it("runs the int8 kernel for int8 weights", () => {
    // Row 0 quantises with scale 4/127 to [32, 64, 95, 127] (31.75, 63.5, 95.25, 127 rounded).
    expect(performExtraWork(quantizeLinear(linear), ones, 1, 4, scratch)).toBeCloseTo((318 * 4) / 127, 5);
  });

  it("rejects counts and row numbers it cannot honour", () => {
    expect(() => performExtraWork(linear, ones, 1, 1.5, scratch)).toThrow(RangeError);
    expect(() => performExtraWork(linear, ones, 1, -1, scratch)).toThrow(RangeError);
    expect(() => performExtraWork(linear, ones, 2, 8, scratch)).toThrow(/rowCount must be between 1 and 1/);
  });
});
