/**
 * The forward pass: runs a span of positions of every sequence in a batch through the model,
 * appending their keys and values to the cache, and returns the next-token logits.
 *
 * Decoding with the cache calls it with one new position per step; decoding without the
 * cache calls it with the whole sequence from position 0 every step (the cache is then just
 * scratch space, overwritten each time). Both paths run the same arithmetic per position.
 */

import { applyLinear } from "./linear.js";
import { type LayerNormWeights, MLP_EXPANSION, type Model } from "./model.js";

export interface MultiplyAddCounter {
  /** Multiply-adds of the model itself: every matmul plus attention scores and mixing. */
  modelMultiplyAdds: number;
  /** Multiply-adds added on purpose by `extraWorkPct`. */
  extraMultiplyAdds: number;
}

export interface DecodeState {
  readonly batch: number;
  /** Per layer: batch × contextLength × width keys (heads side by side within a position). */
  readonly keys: Float32Array[];
  readonly values: Float32Array[];
  /** Scratch, sized for the largest call (every position of every sequence at once). */
  readonly residual: Float32Array;
  readonly normed: Float32Array;
  readonly queryKeyValue: Float32Array;
  readonly attention: Float32Array;
  readonly projected: Float32Array;
  readonly hidden: Float32Array;
  readonly scores: Float32Array;
  readonly lastRows: Float32Array;
  readonly lastHidden: Float32Array;
  readonly logits: Float32Array;
}

export interface ForwardResult {
  /** batch × vocab logits for the position after the span. */
  readonly logits: Float32Array;
  /** batch × width final-normalised hidden states behind those logits. */
  readonly lastHidden: Float32Array;
  /** Positions computed in this pass (batch × span length). */
  readonly rows: number;
  /** rows × width: the last block's MLP input, which the extra work multiplies again. */
  readonly mlpInput: Float32Array;
}

const LAYER_NORM_EPSILON = 1e-5;

export function createDecodeState(model: Model, batch: number): DecodeState {
  const { width, layers, contextLength, vocab } = model.config;
  const maxRows = batch * contextLength;
  const cacheSize = batch * contextLength * width;
  return {
    batch,
    keys: Array.from({ length: layers }, () => new Float32Array(cacheSize)),
    values: Array.from({ length: layers }, () => new Float32Array(cacheSize)),
    residual: new Float32Array(maxRows * width),
    normed: new Float32Array(maxRows * width),
    queryKeyValue: new Float32Array(maxRows * 3 * width),
    attention: new Float32Array(maxRows * width),
    projected: new Float32Array(maxRows * width),
    hidden: new Float32Array(maxRows * MLP_EXPANSION * width),
    scores: new Float32Array(contextLength),
    lastRows: new Float32Array(batch * width),
    lastHidden: new Float32Array(batch * width),
    logits: new Float32Array(batch * vocab),
  };
}

/**
 * Runs positions [start, start + length) of every sequence. `sequences[b]` holds the token
 * ids of sequence b; positions before `start` must already be in the cache.
 */
export function runForward(
  model: Model,
  state: DecodeState,
  sequences: readonly Int32Array[],
  start: number,
  length: number,
  counter: MultiplyAddCounter,
): ForwardResult {
  const { width, heads, contextLength } = model.config;
  if (sequences.length !== state.batch) {
    throw new RangeError(`expected ${state.batch} sequences, got ${sequences.length}`);
  }
  if (length < 1 || start < 0 || start + length > contextLength) {
    throw new RangeError(`positions ${start}…${start + length - 1} fall outside the context of ${contextLength}`);
  }
  const rows = state.batch * length;
  const { residual, normed, queryKeyValue, attention, projected, hidden } = state;

  embedTokens(model, sequences, start, length, residual);

  for (let layer = 0; layer < model.blocks.length; layer++) {
    const block = model.blocks[layer]!;
    normalizeRows(residual, rows, width, block.attentionNorm, normed);
    counter.modelMultiplyAdds += applyLinear(block.queryKeyValue, normed, rows, queryKeyValue);
    storeKeysAndValues(state, layer, start, length, width, queryKeyValue);
    counter.modelMultiplyAdds += attendCausally(state, layer, start, length, width, heads, contextLength, attention);
    counter.modelMultiplyAdds += applyLinear(block.attentionOutput, attention, rows, projected);
    addInPlace(residual, projected, rows * width);

    normalizeRows(residual, rows, width, block.mlpNorm, normed);
    counter.modelMultiplyAdds += applyLinear(block.mlpUp, normed, rows, hidden);
    applyGelu(hidden, rows * MLP_EXPANSION * width);
    counter.modelMultiplyAdds += applyLinear(block.mlpDown, hidden, rows, projected);
    addInPlace(residual, projected, rows * width);
  }

  // Only the last position of each sequence predicts the next token, so only those rows go
  // through the (vocabulary-sized) output projection.
  const { lastRows } = state;
  for (let b = 0; b < state.batch; b++) {
    lastRows.set(residual.subarray((b * length + length - 1) * width, (b * length + length) * width), b * width);
  }
  normalizeRows(lastRows, state.batch, width, model.finalNorm, state.lastHidden);
  counter.modelMultiplyAdds += applyLinear(model.outputProjection, state.lastHidden, state.batch, state.logits);
  return { logits: state.logits, lastHidden: state.lastHidden, rows, mlpInput: normed };
}

function embedTokens(
  model: Model,
  sequences: readonly Int32Array[],
  start: number,
  length: number,
  residual: Float32Array,
): void {
  const { width, vocab } = model.config;
  for (let b = 0; b < sequences.length; b++) {
    const sequence = sequences[b]!;
    for (let t = 0; t < length; t++) {
      const position = start + t;
      const token = sequence[position];
      if (token === undefined || token < 0 || token >= vocab) {
        throw new RangeError(`sequence ${b} has no valid token at position ${position}`);
      }
      const rowOffset = (b * length + t) * width;
      const tokenOffset = token * width;
      const positionOffset = position * width;
      for (let c = 0; c < width; c++) {
        residual[rowOffset + c] = model.tokenEmbedding[tokenOffset + c]! + model.positionEmbedding[positionOffset + c]!;
      }
    }
  }
}

export function normalizeRows(
  input: Float32Array,
  rows: number,
  width: number,
  weights: LayerNormWeights,
  output: Float32Array,
): void {
  const { gain, bias } = weights;
  for (let r = 0; r < rows; r++) {
    const offset = r * width;
    let mean = 0;
    for (let c = 0; c < width; c++) mean += input[offset + c]!;
    mean /= width;
    let variance = 0;
    for (let c = 0; c < width; c++) {
      const centred = input[offset + c]! - mean;
      variance += centred * centred;
    }
    const inverseStd = 1 / Math.sqrt(variance / width + LAYER_NORM_EPSILON);
    for (let c = 0; c < width; c++) {
      output[offset + c] = (input[offset + c]! - mean) * inverseStd * gain[c]! + bias[c]!;
    }
  }
}

function storeKeysAndValues(
  state: DecodeState,
  layer: number,
  start: number,
  length: number,
  width: number,
  queryKeyValue: Float32Array,
): void {
  const contextLength = state.scores.length;
  const keys = state.keys[layer]!;
  const values = state.values[layer]!;
  for (let b = 0; b < state.batch; b++) {
    for (let t = 0; t < length; t++) {
      const source = (b * length + t) * 3 * width;
      const target = (b * contextLength + start + t) * width;
      keys.set(queryKeyValue.subarray(source + width, source + 2 * width), target);
      values.set(queryKeyValue.subarray(source + 2 * width, source + 3 * width), target);
    }
  }
}

/** Multi-head causal attention for the span; returns the multiply-adds it performed. */
function attendCausally(
  state: DecodeState,
  layer: number,
  start: number,
  length: number,
  width: number,
  heads: number,
  contextLength: number,
  output: Float32Array,
): number {
  const headSize = width / heads;
  const scale = 1 / Math.sqrt(headSize);
  const keys = state.keys[layer]!;
  const values = state.values[layer]!;
  const { queryKeyValue, scores } = state;
  let multiplyAdds = 0;

  for (let b = 0; b < state.batch; b++) {
    const sequenceBase = b * contextLength * width;
    for (let t = 0; t < length; t++) {
      const row = b * length + t;
      // Causal: position p attends to positions 0 … p, all of which are now in the cache.
      const visible = start + t + 1;
      const queryBase = row * 3 * width;
      const outputBase = row * width;
      for (let h = 0; h < heads; h++) {
        const headOffset = h * headSize;
        let maxScore = Number.NEGATIVE_INFINITY;
        for (let s = 0; s < visible; s++) {
          const keyBase = sequenceBase + s * width + headOffset;
          let dot = 0;
          for (let d = 0; d < headSize; d++) dot += queryKeyValue[queryBase + headOffset + d]! * keys[keyBase + d]!;
          const score = dot * scale;
          scores[s] = score;
          if (score > maxScore) maxScore = score;
        }
        let total = 0;
        for (let s = 0; s < visible; s++) {
          const weight = Math.exp(scores[s]! - maxScore);
          scores[s] = weight;
          total += weight;
        }
        const outputOffset = outputBase + headOffset;
        output.fill(0, outputOffset, outputOffset + headSize);
        for (let s = 0; s < visible; s++) {
          const weight = scores[s]! / total;
          const valueBase = sequenceBase + s * width + headOffset;
          for (let d = 0; d < headSize; d++) output[outputOffset + d] = output[outputOffset + d]! + weight * values[valueBase + d]!;
        }
      }
      multiplyAdds += 2 * visible * width;
    }
  }
  return multiplyAdds;
}

/** GELU, tanh approximation (as in GPT-2). */
function applyGelu(values: Float32Array, length: number): void {
  const k = Math.sqrt(2 / Math.PI);
  for (let i = 0; i < length; i++) {
    const x = values[i]!;
    values[i] = 0.5 * x * (1 + Math.tanh(k * (x + 0.044715 * x * x * x)));
  }
}

function addInPlace(target: Float32Array, source: Float32Array, length: number): void {
  for (let i = 0; i < length; i++) target[i] = target[i]! + source[i]!;
}
