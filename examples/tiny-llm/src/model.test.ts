import { describe, expect, it } from "vitest";
import type { Linear } from "./linear.js";
import { countParameters, createModel, type ModelConfig, validateModelConfig } from "./model.js";

const config: ModelConfig = { vocab: 50, width: 16, layers: 2, heads: 4, contextLength: 12, int8: false, seed: 3 };

function countLinear(linear: Linear): number {
  return linear.kind === "f32" ? linear.weights.length : linear.values.length;
}

describe("createModel", () => {
  it("has the GPT-2 shapes and as many weights as countParameters says", () => {
    const model = createModel(config);
    expect(model.tokenEmbedding.length).toBe(50 * 16);
    expect(model.positionEmbedding.length).toBe(12 * 16);
    expect(model.blocks).toHaveLength(2);
    const block = model.blocks[0]!;
    expect([block.queryKeyValue.rows, block.queryKeyValue.cols]).toEqual([48, 16]);
    expect([block.mlpUp.rows, block.mlpUp.cols]).toEqual([64, 16]);
    expect([block.mlpDown.rows, block.mlpDown.cols]).toEqual([16, 64]);
    expect([model.outputProjection.rows, model.outputProjection.cols]).toEqual([50, 16]);

    let total = model.tokenEmbedding.length + model.positionEmbedding.length;
    for (const b of model.blocks) {
      total += b.attentionNorm.gain.length + b.attentionNorm.bias.length + b.mlpNorm.gain.length + b.mlpNorm.bias.length;
      total += countLinear(b.queryKeyValue) + countLinear(b.attentionOutput) + countLinear(b.mlpUp) + countLinear(b.mlpDown);
    }
    total += model.finalNorm.gain.length + model.finalNorm.bias.length + countLinear(model.outputProjection);
    expect(countParameters(config)).toBe(total);
  });

  it("builds the same weights from the same seed and different ones from another", () => {
    const a = createModel(config);
    const b = createModel(config);
    const c = createModel({ ...config, seed: 4 });
    expect(a.tokenEmbedding).toEqual(b.tokenEmbedding);
    expect(a.blocks[1]!.mlpDown).toEqual(b.blocks[1]!.mlpDown);
    expect(a.tokenEmbedding).not.toEqual(c.tokenEmbedding);
  });

  it("scales linear weights by 1/√fan_in so activations keep unit scale", () => {
    const model = createModel({ ...config, width: 256, heads: 4, layers: 1, vocab: 2 });
    const up = model.blocks[0]!.mlpUp;
    if (up.kind !== "f32") throw new Error("expected float weights");
    const variance = up.weights.reduce((sum, w) => sum + w * w, 0) / up.weights.length;
    expect(Math.sqrt(variance) * Math.sqrt(256)).toBeCloseTo(1, 1);
  });

  it("keeps the other tensors when only the context grows", () => {
    const short = createModel(config);
    const long = createModel({ ...config, contextLength: 20 });
    expect(long.blocks[0]!.queryKeyValue).toEqual(short.blocks[0]!.queryKeyValue);
    expect(long.positionEmbedding.subarray(0, short.positionEmbedding.length)).toEqual(short.positionEmbedding);
  });

  it("stores int8 weights with one scale per output row when asked", () => {
    const model = createModel({ ...config, int8: true });
    const qkv = model.blocks[0]!.queryKeyValue;
    expect(qkv.kind).toBe("int8");
    if (qkv.kind === "int8") expect(qkv.scales).toHaveLength(48);
  });
});

describe("validateModelConfig", () => {
  it("names the field that cannot describe a model", () => {
    expect(() => validateModelConfig({ ...config, width: 18 })).toThrow(/width \(18\) must be a multiple of heads \(4\)/);
    expect(() => validateModelConfig({ ...config, layers: 0 })).toThrow(/layers must be a positive integer/);
    expect(() => validateModelConfig({ ...config, vocab: 1 })).toThrow(/vocab must be at least 2/);
  });
});
