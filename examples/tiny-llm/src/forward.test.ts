import { describe, expect, it } from "vitest";
import { createDecodeState, type MultiplyAddCounter, runForward } from "./forward.js";
import type { Linear } from "./linear.js";
import { createModel, type LayerNormWeights, type Model } from "./model.js";

/**
 * A textbook forward pass in float64 with plain nested loops and none of the kernel's
 * tricks (no fused buffers, no row blocks, no cache): the reference the fast path must match.
 */
function computeReferenceLogits(model: Model, tokens: readonly number[]): number[] {
  const { width, heads, vocab } = model.config;
  const headSize = width / heads;
  const weightOf = (linear: Linear, r: number, c: number): number =>
    linear.kind === "f32" ? linear.weights[r * linear.cols + c]! : linear.values[r * linear.cols + c]! * linear.scales[r]!;
  const multiply = (linear: Linear, x: number[]): number[] =>
    Array.from({ length: linear.rows }, (_, r) => x.reduce((sum, value, c) => sum + weightOf(linear, r, c) * value, 0));
  const normalize = (x: number[], norm: LayerNormWeights): number[] => {
    const mean = x.reduce((a, b) => a + b, 0) / x.length;
    const variance = x.reduce((a, b) => a + (b - mean) ** 2, 0) / x.length;
    return x.map((v, i) => ((v - mean) / Math.sqrt(variance + 1e-5)) * norm.gain[i]! + norm.bias[i]!);
  };
  const gelu = (x: number): number => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));

  let states = tokens.map((token, t) =>
    Array.from(
      { length: width },
      (_, c) => model.tokenEmbedding[token * width + c]! + model.positionEmbedding[t * width + c]!,
    ),
  );
  for (const block of model.blocks) {
    const qkv = states.map((x) => multiply(block.queryKeyValue, normalize(x, block.attentionNorm)));
    const attended = states.map((_, t) => {
      const out = new Array<number>(width).fill(0);
      for (let h = 0; h < heads; h++) {
        const scores: number[] = [];
        for (let s = 0; s <= t; s++) {
          let dot = 0;
          for (let d = 0; d < headSize; d++) dot += qkv[t]![h * headSize + d]! * qkv[s]![width + h * headSize + d]!;
          scores.push(dot / Math.sqrt(headSize));
        }
        const max = Math.max(...scores);
        const weights = scores.map((score) => Math.exp(score - max));
        const total = weights.reduce((a, b) => a + b, 0);
        for (let s = 0; s <= t; s++) {
          for (let d = 0; d < headSize; d++) out[h * headSize + d]! += (weights[s]! / total) * qkv[s]![2 * width + h * headSize + d]!;
        }
      }
      return out;
    });
    states = states.map((x, t) => {
      const projected = multiply(block.attentionOutput, attended[t]!);
      return x.map((v, i) => v + projected[i]!);
    });
    states = states.map((x) => {
      const hidden = multiply(block.mlpUp, normalize(x, block.mlpNorm)).map(gelu);
      const down = multiply(block.mlpDown, hidden);
      return x.map((v, i) => v + down[i]!);
    });
  }
  const logits = multiply(model.outputProjection, normalize(states[states.length - 1]!, model.finalNorm));
  expect(logits).toHaveLength(vocab);
  return logits;
}

const config = { vocab: 23, width: 12, layers: 2, heads: 3, contextLength: 8, int8: false, seed: 11 };
const tokens = [3, 17, 0, 22, 9, 9, 4];

function newCounter(): MultiplyAddCounter {
  return { modelMultiplyAdds: 0, extraMultiplyAdds: 0 };
}

describe("runForward", () => {
  it("matches a textbook float64 transformer on the whole sequence", () => {
    const model = createModel(config);
    const state = createDecodeState(model, 1);
    const { logits } = runForward(model, state, [Int32Array.from(tokens)], 0, tokens.length, newCounter());
    const expected = computeReferenceLogits(model, tokens);
    for (let i = 0; i < config.vocab; i++) expect(logits[i]).toBeCloseTo(expected[i]!, 4);
  });

  it("matches it too with int8 weights (the reference dequantises them)", () => {
    const model = createModel({ ...config, int8: true });
    const { logits } = runForward(model, createDecodeState(model, 1), [Int32Array.from(tokens)], 0, 5, newCounter());
    const expected = computeReferenceLogits(model, tokens.slice(0, 5));
    for (let i = 0; i < config.vocab; i++) expect(logits[i]).toBeCloseTo(expected[i]!, 4);
  });

  it("gives the same logits, bit for bit, one token at a time from the cache", () => {
    const model = createModel(config);
    const sequence = Int32Array.from(tokens);
    const state = createDecodeState(model, 1);
    const counter = newCounter();
    runForward(model, state, [sequence], 0, 3, counter);
    for (let position = 3; position < tokens.length - 1; position++) runForward(model, state, [sequence], position, 1, counter);
    const cached = Float32Array.from(runForward(model, state, [sequence], tokens.length - 1, 1, counter).logits);
    const full = runForward(model, createDecodeState(model, 1), [sequence], 0, tokens.length, newCounter()).logits;
    expect(cached).toEqual(full);
  });

  it("is causal: a later token does not change an earlier position's prediction", () => {
    const model = createModel(config);
    const prefix = runForward(model, createDecodeState(model, 1), [Int32Array.from(tokens)], 0, 4, newCounter());
    const changed = Int32Array.from(tokens);
    changed[5] = 1;
    const withChange = runForward(model, createDecodeState(model, 1), [changed], 0, 4, newCounter());
    expect(Float32Array.from(withChange.logits)).toEqual(Float32Array.from(prefix.logits));
  });

  it("counts every matmul and attention multiply-add (hand-worked for width 8, 1 layer)", () => {
    // Per position: QKV 3·8·8 + output 8·8 + MLP 8·32 + 32·8 = 768; attention at position p
    // is 2·(p+1)·8 (scores and mixing). Three positions: 3·768 + 16·(1+2+3) = 2400, plus the
    // output projection for the last position only: 8·16 = 128.
    const model = createModel({ vocab: 16, width: 8, layers: 1, heads: 2, contextLength: 4, int8: false, seed: 1 });
    const counter = newCounter();
    runForward(model, createDecodeState(model, 1), [Int32Array.from([1, 2, 3, 0])], 0, 3, counter);
    expect(counter.modelMultiplyAdds).toBe(2528);
  });

  it("rejects positions outside the context and invalid tokens", () => {
    const model = createModel(config);
    const state = createDecodeState(model, 1);
    expect(() => runForward(model, state, [Int32Array.from(tokens)], 5, 4, newCounter())).toThrow(/outside the context/);
    expect(() => runForward(model, state, [Int32Array.from([99])], 0, 1, newCounter())).toThrow(/no valid token/);
  });
});
