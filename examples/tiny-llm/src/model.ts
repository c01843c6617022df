/**
 * A GPT-2-shaped decoder: token + learned positional embeddings, `layers` pre-norm blocks of
 * multi-head causal self-attention and a GELU MLP (hidden = 4 × width), a final LayerNorm and
 * an output projection to the vocabulary. Untrained: the weights come from a seeded PRNG.
 */

import { createFloat32Linear, type Linear, quantizeLinear } from "./linear.js";
import { createNormalArray, deriveSeed } from "./prng.js";

export interface ModelConfig {
  /** Vocabulary size (token ids are 0 … vocab-1). */
  readonly vocab: number;
  /** d_model, the width of the residual stream. */
  readonly width: number;
  readonly layers: number;
  /** Attention heads; must divide width. */
  readonly heads: number;
  /** Positions the learned positional table covers (prompt + generated tokens). */
  readonly contextLength: number;
  /** Store matmul weights as int8 with one scale per output row. */
  readonly int8: boolean;
  readonly seed: number;
}

export interface LayerNormWeights {
  readonly gain: Float32Array;
  readonly bias: Float32Array;
}

export interface LayerWeights {
  readonly attentionNorm: LayerNormWeights;
  /** Fused query, key and value projection: rows 0…w-1 are Q, w…2w-1 K, 2w…3w-1 V. */
  readonly queryKeyValue: Linear;
  readonly attentionOutput: Linear;
  readonly mlpNorm: LayerNormWeights;
  readonly mlpUp: Linear;
  readonly mlpDown: Linear;
}

export interface Model {
  readonly config: ModelConfig;
  /** vocab × width. */
  readonly tokenEmbedding: Float32Array;
  /** contextLength × width. */
  readonly positionEmbedding: Float32Array;
  readonly blocks: readonly LayerWeights[];
  readonly finalNorm: LayerNormWeights;
  /** vocab × width: maps the final hidden state to logits. */
  readonly outputProjection: Linear;
}

export const MLP_EXPANSION = 4;

/** Throws a RangeError naming the first field that cannot describe a model. */
export function validateModelConfig(config: ModelConfig): void {
  const positive: (keyof ModelConfig)[] = ["vocab", "width", "layers", "heads", "contextLength"];
  for (const field of positive) {
    const value = config[field];
    if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
      throw new RangeError(`${field} must be a positive integer, got ${String(value)}`);
    }
  }
  if (config.vocab < 2) throw new RangeError(`vocab must be at least 2, got ${config.vocab}`);
  if (config.width % config.heads !== 0) {
    throw new RangeError(`width (${config.width}) must be a multiple of heads (${config.heads})`);
  }
  if (!Number.isInteger(config.seed)) throw new RangeError(`seed must be an integer, got ${config.seed}`);
}

export function countParameters(config: ModelConfig): number {
  const { vocab, width, layers, contextLength } = config;
  const perLayer = 4 * width + (3 + 1 + 2 * MLP_EXPANSION) * width * width;
  return vocab * width * 2 + contextLength * width + layers * perLayer + 2 * width;
}

/**
 * Builds the model deterministically from `config.seed`. Linear layers use a normal init
 * scaled by 1/√fan_in so activations keep unit scale through the stack; the two projections
 * that write into the residual stream are further scaled by 1/√(2·layers) (as in GPT-2) so the
 * stream does not grow with depth.
 */
export function createModel(config: ModelConfig): Model {
  validateModelConfig(config);
  const { vocab, width, layers, seed } = config;
  const hidden = MLP_EXPANSION * width;
  const residualScale = 1 / Math.sqrt(2 * layers);

  const createLinear = (label: string, rows: number, cols: number, extraScale = 1): Linear => {
    const weights = createNormalArray(rows * cols, extraScale / Math.sqrt(cols), deriveSeed(seed, label));
    const linear = createFloat32Linear(rows, cols, weights);
    return config.int8 ? quantizeLinear(linear) : linear;
  };
  const createLayerNorm = (): LayerNormWeights => ({
    gain: new Float32Array(width).fill(1),
    bias: new Float32Array(width),
  });

  const blocks: LayerWeights[] = [];
  for (let layer = 0; layer < layers; layer++) {
    blocks.push({
      attentionNorm: createLayerNorm(),
      queryKeyValue: createLinear(`layer${layer}.qkv`, 3 * width, width),
      attentionOutput: createLinear(`layer${layer}.attn_out`, width, width, residualScale),
      mlpNorm: createLayerNorm(),
      mlpUp: createLinear(`layer${layer}.mlp_up`, hidden, width),
      mlpDown: createLinear(`layer${layer}.mlp_down`, width, hidden, residualScale),
    });
  }

  return {
    config,
    tokenEmbedding: createNormalArray(vocab * width, 1, deriveSeed(seed, "token_embedding")),
    // Row-by-row draws from its own stream: growing the context only appends rows.
    positionEmbedding: createNormalArray(config.contextLength * width, 0.5, deriveSeed(seed, "position_embedding")),
    blocks,
    finalNorm: createLayerNorm(),
    outputProjection: createLinear("output_projection", vocab, width),
  };
}
