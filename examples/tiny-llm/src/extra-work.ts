/**
 * Deliberate, exactly sized extra compute, used to inject known regressions.
 *
 * The work repeats part of the forward pass's own MLP up-projection: the same weights, the
 * same input rows (every position the pass computed, so prefill, batched decoding and
 * recomputation without the cache each keep their own row pairing) and the same kernel. A
 * multiply-add of extra work therefore costs what a multiply-add of the model costs, so
 * extraWorkPct = 10 makes the per-token compute, and its time, about 10% larger. The results
 * are summed into a value the benchmark folds into its checksum, so the JIT cannot drop them.
 */

import { applyLinearRows, dotLinearRow, type Linear } from "./linear.js";

/** Extra multiply-adds owed for a forward pass of `modelMultiplyAdds`, at `extraWorkPct` %. */
export function computeExtraMultiplyAdds(modelMultiplyAdds: number, extraWorkPct: number): number {
  return Math.round((modelMultiplyAdds * extraWorkPct) / 100);
}

/** Scratch sized for `performExtraWork` on up to `maxRows` input rows of `linear`. */
export function createExtraWorkScratch(linear: Linear, maxRows: number): Float32Array {
  return new Float32Array(maxRows * linear.rows);
}

/**
 * Performs exactly `multiplyAdds` multiply-adds against `rowCount` input rows: whole weight
 * rows across every input row (cycling through the weights), then single dot products and
 * a partial one for a remainder smaller than one weight row's share. Returns the sum of the
 * results.
 */
export function performExtraWork(
  linear: Linear,
  input: Float32Array,
  rowCount: number,
  multiplyAdds: number,
  scratch: Float32Array,
): number {
  if (!Number.isInteger(multiplyAdds) || multiplyAdds < 0) {
    throw new RangeError(`multiplyAdds must be a non-negative integer, got ${multiplyAdds}`);
  }
  if (!Number.isInteger(rowCount) || rowCount < 1 || rowCount * linear.cols > input.length) {
    throw new RangeError(`rowCount must be between 1 and ${Math.floor(input.length / linear.cols)}, got ${rowCount}`);
  }
  const perWeightRow = rowCount * linear.cols;
  let wholeRows = Math.floor(multiplyAdds / perWeightRow);
  let remainder = multiplyAdds - wholeRows * perWeightRow;
  let sum = 0;
  let nextRow = 0;
  while (wholeRows > 0) {
    const span = Math.min(wholeRows, linear.rows - nextRow, Math.floor(scratch.length / rowCount));
    if (span < 1) throw new RangeError(`scratch holds ${scratch.length} values, too few for ${rowCount} rows`);
    applyLinearRows(linear, input, rowCount, nextRow, span, scratch);
    for (let i = 0; i < rowCount * span; i++) sum += scratch[i]!;
    wholeRows -= span;
    nextRow = (nextRow + span) % linear.rows;
  }
  for (let inputRow = 0; remainder > 0; inputRow++) {
    const length = Math.min(remainder, linear.cols);
    sum += dotLinearRow(linear, nextRow, input, inputRow * linear.cols, length);
    remainder -= length;
  }
  return sum;
}
