/**
 * Deliberate, exactly sized extra compute, used to inject known regressions.
 *
 * The work is real model arithmetic: dot products of a hidden state with rows of an MLP
 * up-projection, the same kernel the model spends most of its time in, so a multiply-add of
 * extra work costs about what a multiply-add of the model costs. The sum is folded into a
 * checksum that the benchmark prints, so the JIT cannot drop it as dead code.
 */

import { dotLinearRow, type Linear } from "./linear.js";

/** Extra multiply-adds owed for a forward pass of `modelMultiplyAdds`, at `extraWorkPct` %. */
export function computeExtraMultiplyAdds(modelMultiplyAdds: number, extraWorkPct: number): number {
  return Math.round((modelMultiplyAdds * extraWorkPct) / 100);
}

/**
 * Performs exactly `multiplyAdds` multiply-adds: whole rows of `linear` (cycling through
 * them), then a partial row for the remainder. Returns the sum of the dot products.
 */
export function performExtraWork(linear: Linear, input: Float32Array, inputOffset: number, multiplyAdds: number): number {
  if (!Number.isInteger(multiplyAdds) || multiplyAdds < 0) {
    throw new RangeError(`multiplyAdds must be a non-negative integer, got ${multiplyAdds}`);
  }
  const wholeRows = Math.floor(multiplyAdds / linear.cols);
  const remainder = multiplyAdds - wholeRows * linear.cols;
  let sum = 0;
  for (let i = 0; i < wholeRows; i++) sum += dotLinearRow(linear, i % linear.rows, input, inputOffset);
  if (remainder > 0) sum += dotLinearRow(linear, wholeRows % linear.rows, input, inputOffset, remainder);
  return sum;
}
