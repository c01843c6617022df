/**
 * Linear layers (y = W·x, no bias) in float32 or int8, with the matmul kernels.
 *
 * Weights are stored PyTorch-style as [out, in] row-major, so every output element is a dot
 * product of two contiguous rows: the kernel streams each weight row once per block of input
 * rows and reads both operands sequentially, which is the cache-friendly order in plain JS.
 *
 * Every dot product sums in one fixed order (four interleaved partial sums, then the tail),
 * whichever kernel path computes it. A row's result therefore does not depend on how many
 * rows are computed together, which is what makes batched decoding and decoding without the
 * KV cache produce bit-identical logits to the cached, one-sequence path.
 */

export interface Float32Linear {
  readonly kind: "f32";
  /** Output features (rows of W). */
  readonly rows: number;
  /** Input features (columns of W). */
  readonly cols: number;
  readonly weights: Float32Array;
}

export interface Int8Linear {
  readonly kind: "int8";
  readonly rows: number;
  readonly cols: number;
  /** Quantised weights, W[r][c] ≈ values[r*cols + c] * scales[r]. */
  readonly values: Int8Array;
  /** One scale per output row, so a row with small weights keeps its precision. */
  readonly scales: Float32Array;
}

export type Linear = Float32Linear | Int8Linear;

/** Rows of the input processed against each weight row while that row is hot in L1. */
const ROW_BLOCK = 16;

export function dotFloat32(a: Float32Array, aOffset: number, b: Float32Array, bOffset: number, length: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const end4 = length - (length % 4);
  let p = 0;
  // Four independent accumulators hide the latency of the floating-point add chain.
  for (; p < end4; p += 4) {
    s0 += a[aOffset + p]! * b[bOffset + p]!;
    s1 += a[aOffset + p + 1]! * b[bOffset + p + 1]!;
    s2 += a[aOffset + p + 2]! * b[bOffset + p + 2]!;
    s3 += a[aOffset + p + 3]! * b[bOffset + p + 3]!;
  }
  let sum = s0 + s1 + (s2 + s3);
  for (; p < length; p++) sum += a[aOffset + p]! * b[bOffset + p]!;
  return sum;
}

export function dotInt8(a: Float32Array, aOffset: number, q: Int8Array, qOffset: number, length: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const end4 = length - (length % 4);
  let p = 0;
  for (; p < end4; p += 4) {
    s0 += a[aOffset + p]! * q[qOffset + p]!;
    s1 += a[aOffset + p + 1]! * q[qOffset + p + 1]!;
    s2 += a[aOffset + p + 2]! * q[qOffset + p + 2]!;
    s3 += a[aOffset + p + 3]! * q[qOffset + p + 3]!;
  }
  let sum = s0 + s1 + (s2 + s3);
  for (; p < length; p++) sum += a[aOffset + p]! * q[qOffset + p]!;
  return sum;
}

/**
 * Two input rows against one weight row: each weight value is loaded once for two
 * multiply-adds, which is what makes batched and prefill matmuls ~1.4× faster per
 * multiply-add than one row at a time. Each row sums in exactly the order of `dotFloat32`.
 */
function dotFloat32Pair(
  a: Float32Array,
  firstOffset: number,
  secondOffset: number,
  b: Float32Array,
  bOffset: number,
  length: number,
  output: Float32Array,
  firstOutput: number,
  secondOutput: number,
): void {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let t0 = 0;
  let t1 = 0;
  let t2 = 0;
  let t3 = 0;
  const end4 = length - (length % 4);
  let p = 0;
  for (; p < end4; p += 4) {
    const w0 = b[bOffset + p]!;
    const w1 = b[bOffset + p + 1]!;
    const w2 = b[bOffset + p + 2]!;
    const w3 = b[bOffset + p + 3]!;
    s0 += a[firstOffset + p]! * w0;
    s1 += a[firstOffset + p + 1]! * w1;
    s2 += a[firstOffset + p + 2]! * w2;
    s3 += a[firstOffset + p + 3]! * w3;
    t0 += a[secondOffset + p]! * w0;
    t1 += a[secondOffset + p + 1]! * w1;
    t2 += a[secondOffset + p + 2]! * w2;
    t3 += a[secondOffset + p + 3]! * w3;
  }
  let first = s0 + s1 + (s2 + s3);
  let second = t0 + t1 + (t2 + t3);
  for (; p < length; p++) {
    first += a[firstOffset + p]! * b[bOffset + p]!;
    second += a[secondOffset + p]! * b[bOffset + p]!;
  }
  output[firstOutput] = first;
  output[secondOutput] = second;
}

/** `dotFloat32Pair` for int8 weights; `scale` is the weight row's scale. */
function dotInt8Pair(
  a: Float32Array,
  firstOffset: number,
  secondOffset: number,
  q: Int8Array,
  qOffset: number,
  length: number,
  scale: number,
  output: Float32Array,
  firstOutput: number,
  secondOutput: number,
): void {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let t0 = 0;
  let t1 = 0;
  let t2 = 0;
  let t3 = 0;
  const end4 = length - (length % 4);
  let p = 0;
  for (; p < end4; p += 4) {
    const w0 = q[qOffset + p]!;
    const w1 = q[qOffset + p + 1]!;
    const w2 = q[qOffset + p + 2]!;
    const w3 = q[qOffset + p + 3]!;
    s0 += a[firstOffset + p]! * w0;
    s1 += a[firstOffset + p + 1]! * w1;
    s2 += a[firstOffset + p + 2]! * w2;
    s3 += a[firstOffset + p + 3]! * w3;
    t0 += a[secondOffset + p]! * w0;
    t1 += a[secondOffset + p + 1]! * w1;
    t2 += a[secondOffset + p + 2]! * w2;
    t3 += a[secondOffset + p + 3]! * w3;
  }
  let first = s0 + s1 + (s2 + s3);
  let second = t0 + t1 + (t2 + t3);
  for (; p < length; p++) {
    first += a[firstOffset + p]! * q[qOffset + p]!;
    second += a[secondOffset + p]! * q[qOffset + p]!;
  }
  output[firstOutput] = first * scale;
  output[secondOutput] = second * scale;
}

/**
 * One output element: the dot product of input row `inputOffset` with weight row `row`,
 * limited to the first `length` columns (the extra-work loop uses partial rows to hit an
 * exact multiply-add count).
 */
export function dotLinearRow(
  linear: Linear,
  row: number,
  input: Float32Array,
  inputOffset: number,
  length = linear.cols,
): number {
  const weightOffset = row * linear.cols;
  if (linear.kind === "f32") return dotFloat32(input, inputOffset, linear.weights, weightOffset, length);
  return dotInt8(input, inputOffset, linear.values, weightOffset, length) * linear.scales[row]!;
}

/**
 * output[i, :] = W · input[i, :] for `rowCount` input rows of `linear.cols` values each.
 * Returns the number of multiply-adds performed.
 */
export function applyLinear(linear: Linear, input: Float32Array, rowCount: number, output: Float32Array): number {
  return applyLinearRows(linear, input, rowCount, 0, linear.rows, output);
}

/**
 * `applyLinear` restricted to weight rows [firstRow, firstRow + rowSpan): output[i, j] is
 * input row i against weight row firstRow + j, `rowSpan` values per output row. The extra-work
 * loop uses it to repeat part of a matmul with exactly the model's kernel and row pairing.
 */
export function applyLinearRows(
  linear: Linear,
  input: Float32Array,
  rowCount: number,
  firstRow: number,
  rowSpan: number,
  output: Float32Array,
): number {
  const inFeatures = linear.cols;
  if (firstRow < 0 || rowSpan < 0 || firstRow + rowSpan > linear.rows) {
    throw new RangeError(`weight rows ${firstRow}…${firstRow + rowSpan - 1} fall outside 0…${linear.rows - 1}`);
  }
  for (let blockStart = 0; blockStart < rowCount; blockStart += ROW_BLOCK) {
    const blockEnd = Math.min(rowCount, blockStart + ROW_BLOCK);
    if (linear.kind === "f32") {
      const weights = linear.weights;
      for (let j = 0; j < rowSpan; j++) {
        const weightOffset = (firstRow + j) * inFeatures;
        let i = blockStart;
        for (; i + 1 < blockEnd; i += 2) {
          dotFloat32Pair(
            input,
            i * inFeatures,
            (i + 1) * inFeatures,
            weights,
            weightOffset,
            inFeatures,
            output,
            i * rowSpan + j,
            (i + 1) * rowSpan + j,
          );
        }
        if (i < blockEnd) output[i * rowSpan + j] = dotFloat32(input, i * inFeatures, weights, weightOffset, inFeatures);
      }
    } else {
      const { values, scales } = linear;
      for (let j = 0; j < rowSpan; j++) {
        const weightOffset = (firstRow + j) * inFeatures;
        const scale = scales[firstRow + j]!;
        let i = blockStart;
        for (; i + 1 < blockEnd; i += 2) {
          dotInt8Pair(
            input,
            i * inFeatures,
            (i + 1) * inFeatures,
            values,
            weightOffset,
            inFeatures,
            scale,
            output,
            i * rowSpan + j,
            (i + 1) * rowSpan + j,
          );
        }
        if (i < blockEnd) {
          output[i * rowSpan + j] = dotInt8(input, i * inFeatures, values, weightOffset, inFeatures) * scale;
        }
      }
    }
  }
  return rowCount * rowSpan * inFeatures;
}

export function createFloat32Linear(rows: number, cols: number, weights: Float32Array): Float32Linear {
  if (weights.length !== rows * cols) {
    throw new RangeError(`linear weights hold ${weights.length} values, expected ${rows}×${cols}`);
  }
  return { kind: "f32", rows, cols, weights };
}

/** Symmetric per-row int8 quantisation: each row's largest magnitude maps to ±127. */
export function quantizeLinear(linear: Float32Linear): Int8Linear {
  const { rows, cols, weights } = linear;
  const values = new Int8Array(rows * cols);
  const scales = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    const offset = r * cols;
    let maxAbs = 0;
    for (let c = 0; c < cols; c++) maxAbs = Math.max(maxAbs, Math.abs(weights[offset + c]!));
    // An all-zero row would divide by zero; any scale reproduces it exactly.
    const scale = maxAbs > 0 ? maxAbs / 127 : 1;
    scales[r] = scale;
    for (let c = 0; c < cols; c++) {
      values[offset + c] = Math.max(-127, Math.min(127, Math.round(weights[offset + c]! / scale)));
    }
  }
  return { kind: "int8", rows, cols, values, scales };
}

/** Reconstructs float weights, for measuring quantisation error. */
export function dequantizeLinear(linear: Int8Linear): Float32Linear {
  const weights = new Float32Array(linear.rows * linear.cols);
  for (let r = 0; r < linear.rows; r++) {
    const scale = linear.scales[r]!;
    for (let c = 0; c < linear.cols; c++) weights[r * linear.cols + c] = linear.values[r * linear.cols + c]! * scale;
  }
  return createFloat32Linear(linear.rows, linear.cols, weights);
}
