import { describe, expect, it } from "vitest";
import { createDecodeState, runForward } from "./forward.js";
import {
  computeChecksum,
  createPrompts,
  type GenerationOptions,
  generateTokens,
  selectGreedyToken,
} from "./generate.js";
import { createModel, type ModelConfig } from "./model.js";

const config: ModelConfig = { vocab: 97, width: 32, layers: 2, heads: 4, contextLength: 24, int8: false, seed: 5 };
const options: GenerationOptions = { promptTokens: 6, newTokens: 18, batch: 1, kvCache: true, extraWorkPct: 0, seed: 5 };

describe("generateTokens", () => {
  it("generates the same token ids from the same seed, in a fresh model", () => {
    const first = generateTokens(createModel(config), options);
    const second = generateTokens(createModel(config), options);
    expect(first.generated[0]).toHaveLength(18);
    expect(second.generated).toEqual(first.generated);
    expect(computeChecksum(second.generated)).toBe(computeChecksum(first.generated));
    const otherSeed = generateTokens(createModel({ ...config, seed: 6 }), { ...options, seed: 6 });
    expect(otherSeed.generated).not.toEqual(first.generated);
  });

  it("generates identical tokens with and without the KV cache, for more work without it", () => {
    const model = createModel(config);
    const cached = generateTokens(model, { ...options, batch: 2 });
    const recomputed = generateTokens(model, { ...options, batch: 2, kvCache: false });
    expect(recomputed.generated).toEqual(cached.generated);
    expect(recomputed.modelMultiplyAdds).toBeGreaterThan(3 * cached.modelMultiplyAdds);
  });

  it("decodes a sequence the same way alone and inside a batch", () => {
    const model = createModel(config);
    const alone = generateTokens(model, options);
    const batched = generateTokens(model, { ...options, batch: 3 });
    expect(batched.generated[0]).toEqual(alone.generated[0]);
    expect(batched.tokensGenerated).toBe(3 * 18);
    // The other prompts differ, so the batch is not three copies of one sequence.
    expect(batched.prompts[1]).not.toEqual(batched.prompts[0]);
  });

  it("counts multiply-adds exactly (hand-worked for width 8, 1 layer, prompt 3, 2 new tokens)", () => {
    // Prefill of 3 positions: 3·768 + 16·(1+2+3) + 128 = 2528 (see forward.test.ts).
    // With the cache, step 2 runs position 3 only: 768 + 16·4 + 128 = 960 → 3488.
    // Without it, step 2 reruns positions 0…3: 4·768 + 16·(1+2+3+4) + 128 = 3360 → 5888.
    const model = createModel({ vocab: 16, width: 8, layers: 1, heads: 2, contextLength: 5, int8: false, seed: 1 });
    const base = { promptTokens: 3, newTokens: 2, batch: 1, extraWorkPct: 0, seed: 1 };
    expect(generateTokens(model, { ...base, kvCache: true }).multiplyAdds).toBe(3488);
    expect(generateTokens(model, { ...base, kvCache: false }).multiplyAdds).toBe(5888);
    // A batch of two does exactly twice the work.
    expect(generateTokens(model, { ...base, kvCache: true, batch: 2 }).multiplyAdds).toBe(2 * 3488);
  });

  it("adds extraWorkPct % of multiply-adds, linearly, without changing the tokens", () => {
    const model = createModel(config);
    const base = generateTokens(model, options);
    expect(base.extraMultiplyAdds).toBe(0);
    for (const pct of [1, 3, 10, 50]) {
      for (const kvCache of [true, false]) {
        const plain = kvCache ? base : generateTokens(model, { ...options, kvCache });
        const extra = generateTokens(model, { ...options, kvCache, extraWorkPct: pct });
        expect(extra.generated).toEqual(plain.generated);
        expect(extra.modelMultiplyAdds).toBe(plain.modelMultiplyAdds);
        const addedPct = (100 * (extra.multiplyAdds - plain.multiplyAdds)) / plain.multiplyAdds;
        // Rounding is per forward pass, at most half a multiply-add each.
        expect(Math.abs(addedPct - pct)).toBeLessThan(0.01);
      }
    }
    const ten = generateTokens(model, { ...options, extraWorkPct: 10 });
    expect(ten.multiplyAdds / base.multiplyAdds).toBeGreaterThanOrEqual(1.09);
    expect(ten.multiplyAdds / base.multiplyAdds).toBeLessThanOrEqual(1.11);
    expect(ten.extraWorkSum).not.toBe(0);
    expect(computeChecksum(ten.generated, ten.extraWorkSum)).not.toBe(computeChecksum(base.generated));
  });

  it("with int8 weights picks the float model's next token in most steps, within a small logit error", () => {
    // Teacher-forced: both models read the float model's own continuation, so one early
    // disagreement cannot snowball; measured on seeds 1–3: ≥ 30/32 agree, error ≤ 0.04 σ.
    const shape = { vocab: 256, width: 64, layers: 2, heads: 4, contextLength: 40, seed: 1 };
    const float = createModel({ ...shape, int8: false });
    const quantized = createModel({ ...shape, int8: true });
    const run = generateTokens(float, { promptTokens: 8, newTokens: 32, batch: 1, kvCache: true, extraWorkPct: 0, seed: 1 });
    const sequence = new Int32Array(40);
    sequence.set(run.prompts[0]!);
    sequence.set(run.generated[0]!, 8);
    const counter = { modelMultiplyAdds: 0, extraMultiplyAdds: 0 };
    const floatState = createDecodeState(float, 1);
    const int8State = createDecodeState(quantized, 1);
    let agreeing = 0;
    let worstError = 0;
    for (let length = 8; length < 40; length++) {
      // Prefill the prompt, then one cached position per step.
      const start = length === 8 ? 0 : length - 1;
      const floatLogits = Float32Array.from(runForward(float, floatState, [sequence], start, length - start, counter).logits);
      const int8Logits = runForward(quantized, int8State, [sequence], start, length - start, counter).logits;
      if (selectGreedyToken(floatLogits, 0, 256) === selectGreedyToken(int8Logits, 0, 256)) agreeing++;
      const mean = floatLogits.reduce((a, b) => a + b, 0) / 256;
      const std = Math.sqrt(floatLogits.reduce((a, b) => a + (b - mean) ** 2, 0) / 256);
      for (let i = 0; i < 256; i++) worstError = Math.max(worstError, Math.abs(floatLogits[i]! - int8Logits[i]!) / std);
    }
    expect(agreeing).toBeGreaterThanOrEqual(28);
    expect(worstError).toBeLessThan(0.06);
  });

  it("rejects options the model cannot run", () => {
    const model = createModel(config);
    expect(() => generateTokens(model, { ...options, newTokens: 30 })).toThrow(/exceeds the model context/);
    expect(() => generateTokens(model, { ...options, batch: 0 })).toThrow(/batch must be a positive integer/);
    expect(() => generateTokens(model, { ...options, extraWorkPct: -1 })).toThrow(/extraWorkPct/);
  });
});

describe("createPrompts", () => {
  it("draws in-vocabulary prompts, sequence b independent of the batch size", () => {
    const small = createPrompts(10, 5, 1, 3);
    const large = createPrompts(10, 5, 4, 3);
    expect(large[0]).toEqual(small[0]);
    for (const prompt of large) for (const token of prompt) expect(token >= 0 && token < 10).toBe(true);
  });
});

describe("selectGreedyToken", () => {
  it("picks the largest logit and the lowest index on a tie", () => {
    expect(selectGreedyToken(Float32Array.from([0, 3, 1, 3]), 0, 4)).toBe(1);
    expect(selectGreedyToken(Float32Array.from([9, 9, 0, 5, 2]), 2, 3)).toBe(1);
  });
});
