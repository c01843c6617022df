import { describe, expect, it } from "vitest";
import {
  applyLinear,
  applyLinearRows,
  createFloat32Linear,
  dequantizeLinear,
  dotLinearRow,
  type Float32Linear,
  quantizeLinear,
} from "./linear.js";
import { createNormalArray } from "./prng.js";

describe("applyLinear", () => {
  it("computes W·x per row and returns rows × out × in multiply-adds", () => {
    // W = [[1, 2, 3], [-1, 0, 0.5]], x rows [1, 1, 1] and [2, 0, -2].
    const linear = createFloat32Linear(2, 3, Float32Array.from([1, 2, 3, -1, 0, 0.5]));
    const output = new Float32Array(4);
    const multiplyAdds = applyLinear(linear, Float32Array.from([1, 1, 1, 2, 0, -2]), 2, output);
    expect(Array.from(output)).toEqual([6, -0.5, -4, -3]);
    expect(multiplyAdds).toBe(2 * 2 * 3);
  });

  it("gives every row the same bits whether it is computed alone, in a pair, or in a block", () => {
    // 37 rows: full blocks of 16, pairs, an odd row left over; 131 columns: a tail after the
    // unrolled-by-4 loop. Both are where the paths could disagree.
    const rows = 37;
    const linear = createFloat32Linear(19, 131, createNormalArray(19 * 131, 0.1, 1));
    const input = createNormalArray(rows * 131, 1, 2);
    const together = new Float32Array(rows * 19);
    applyLinear(linear, input, rows, together);
    for (let r = 0; r < rows; r++) {
      const alone = new Float32Array(19);
      applyLinear(linear, input.subarray(r * 131, (r + 1) * 131), 1, alone);
      expect(together.subarray(r * 19, (r + 1) * 19)).toEqual(alone);
    }
  });

  it("agrees between the int8 kernel and the dequantised float weights", () => {
    const float = createFloat32Linear(9, 21, createNormalArray(9 * 21, 0.2, 3));
    const quantized = quantizeLinear(float);
    const input = createNormalArray(5 * 21, 1, 4);
    const fromInt8 = new Float32Array(5 * 9);
    const fromFloat = new Float32Array(5 * 9);
    applyLinear(quantized, input, 5, fromInt8);
    applyLinear(dequantizeLinear(quantized), input, 5, fromFloat);
    for (let i = 0; i < fromInt8.length; i++) expect(fromInt8[i]).toBeCloseTo(fromFloat[i]!, 5);
  });
});

describe("applyLinearRows", () => {
  it("computes only the requested weight rows, for every input row", () => {
    const linear = createFloat32Linear(3, 2, Float32Array.from([1, 0, 0, 1, 1, 1]));
    const output = new Float32Array(4);
    // Weight rows 1 and 2 against x0 = [2, 3] and x1 = [5, 7].
    expect(applyLinearRows(linear, Float32Array.from([2, 3, 5, 7]), 2, 1, 2, output)).toBe(2 * 2 * 2);
    expect(Array.from(output)).toEqual([3, 5, 7, 12]);
    expect(() => applyLinearRows(linear, Float32Array.from([2, 3]), 1, 2, 2, output)).toThrow(/outside 0…2/);
  });
});

describe("quantizeLinear", () => {
  it("maps each row's largest magnitude to ±127 with one scale per row", () => {
    const linear = createFloat32Linear(2, 4, Float32Array.from([2, -1, 0.5, 0, 0, 0, 0, 0]));
    const quantized = quantizeLinear(linear);
    // Row 0: scale 2/127; -1 → -63.5 rounds to -63 (half up), 0.5 → 31.75 → 32.
    expect(quantized.scales[0]).toBeCloseTo(2 / 127, 7);
    expect(Array.from(quantized.values.subarray(0, 4))).toEqual([127, -63, 32, 0]);
    // An all-zero row stays exactly zero.
    expect(Array.from(quantized.values.subarray(4))).toEqual([0, 0, 0, 0]);
    expect(dequantizeLinear(quantized).weights.subarray(4)).toEqual(new Float32Array(4));
  });

  it("keeps every weight within half a step of its original", () => {
    const linear: Float32Linear = createFloat32Linear(16, 64, createNormalArray(16 * 64, 1, 5));
    const quantized = quantizeLinear(linear);
    const restored = dequantizeLinear(quantized).weights;
    for (let r = 0; r < 16; r++) {
      const halfStep = quantized.scales[r]! / 2;
      for (let c = 0; c < 64; c++) {
        expect(Math.abs(restored[r * 64 + c]! - linear.weights[r * 64 + c]!)).toBeLessThanOrEqual(halfStep * 1.0001);
      }
    }
  });
});

describe("dotLinearRow", () => {
  it("uses only the first `length` columns of the row", () => {
    const linear = createFloat32Linear(2, 3, Float32Array.from([1, 2, 3, 4, 5, 6]));
    const input = Float32Array.from([1, 10, 100]);
    expect(dotLinearRow(linear, 1, input, 0)).toBe(4 + 50 + 600);
    expect(dotLinearRow(linear, 1, input, 0, 2)).toBe(4 + 50);
  });
});
