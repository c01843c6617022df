import { describe, expect, it } from "vitest";
import { computeExtraMultiplyAdds, performExtraWork } from "./extra-work.js";
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
  // W = [[1, 2, 3, 4], [0, 1, 0, 1], [2, 0, 0, 0]] and x = [1, 1, 1, 1]: row sums 10, 2, 2.
  const linear = createFloat32Linear(3, 4, Float32Array.from([1, 2, 3, 4, 0, 1, 0, 1, 2, 0, 0, 0]));
  const input = Float32Array.from([1, 1, 1, 1]);

  it("does whole rows, cycling, then a partial row for the remainder", () => {
    // 10 multiply-adds: rows 0 and 1 (8), then 2 columns of row 2 → 10 + 2 + 2.
    expect(performExtraWork(linear, input, 0, 10)).toBe(14);
    // 14 multiply-adds: rows 0, 1, 2, then 2 columns of row 0 again → 10 + 2 + 2 + 3.
    expect(performExtraWork(linear, input, 0, 14)).toBe(17);
    expect(performExtraWork(linear, input, 0, 0)).toBe(0);
  });

  it("runs the int8 kernel for int8 weights", () => {
    // Row 0 quantises with scale 4/127 to [32, 64, 95, 127] (31.75, 63.5, 95.25, 127 rounded).
    expect(performExtraWork(quantizeLinear(linear), input, 0, 4)).toBeCloseTo((318 * 4) / 127, 5);
  });

  it("rejects a count that is not a non-negative integer", () => {
    expect(() => performExtraWork(linear, input, 0, 1.5)).toThrow(RangeError);
    expect(() => performExtraWork(linear, input, 0, -1)).toThrow(RangeError);
  });
});
