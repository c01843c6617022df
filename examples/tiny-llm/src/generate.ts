/**
 * Greedy decoding of a batch of seeded prompts, with or without the KV cache, with optional
 * extra work, counting every multiply-add.
 */

import { computeExtraMultiplyAdds, createExtraWorkScratch, performExtraWork } from "./extra-work.js";
import { createDecodeState, type MultiplyAddCounter, runForward } from "./forward.js";
import type { Model } from "./model.js";
import { createRng, deriveSeed } from "./prng.js";

export interface GenerationOptions {
  readonly promptTokens: number;
  readonly newTokens: number;
  /** Sequences decoded together. */
  readonly batch: number;
  /** Off: every step recomputes the whole prefix instead of reusing cached keys/values. */
  readonly kvCache: boolean;
  /** Extra compute per forward pass, as a percentage of that pass's multiply-adds. */
  readonly extraWorkPct: number;
  /** Seed for the prompts (the model has its own). */
  readonly seed: number;
}

export interface GenerationResult {
  readonly prompts: Int32Array[];
  /** newTokens generated ids per sequence. */
  readonly generated: Int32Array[];
  /** Counts every sequence: batch × newTokens. */
  readonly tokensGenerated: number;
  readonly modelMultiplyAdds: number;
  readonly extraMultiplyAdds: number;
  readonly multiplyAdds: number;
  /** Sum of the extra-work dot products (0 without extra work). */
  readonly extraWorkSum: number;
}

/** Seeded prompts; sequence b's prompt does not depend on the batch size. */
export function createPrompts(vocab: number, promptTokens: number, batch: number, seed: number): Int32Array[] {
  return Array.from({ length: batch }, (_, b) => {
    const rng = createRng(deriveSeed(seed, `prompt${b}`));
    return Int32Array.from({ length: promptTokens }, () => rng.nextInt(vocab));
  });
}

export function validateGenerationOptions(model: Model, options: GenerationOptions): void {
  const { promptTokens, newTokens, batch, extraWorkPct } = options;
  for (const [name, value] of [
    ["promptTokens", promptTokens],
    ["newTokens", newTokens],
    ["batch", batch],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
  if (!Number.isFinite(extraWorkPct) || extraWorkPct < 0) {
    throw new RangeError(`extraWorkPct must be a non-negative number, got ${extraWorkPct}`);
  }
  // The last generated token is never fed back, so the context needs prompt + new - 1.
  if (promptTokens + newTokens - 1 > model.config.contextLength) {
    throw new RangeError(
      `promptTokens + newTokens - 1 = ${promptTokens + newTokens - 1} exceeds the model context of ${model.config.contextLength}`,
    );
  }
}

export function generateTokens(model: Model, options: GenerationOptions): GenerationResult {
  validateGenerationOptions(model, options);
  const { promptTokens, newTokens, batch, kvCache, extraWorkPct } = options;
  const prompts = createPrompts(model.config.vocab, promptTokens, batch, options.seed);
  const sequences = prompts.map((prompt) => {
    const sequence = new Int32Array(promptTokens + newTokens);
    sequence.set(prompt);
    return sequence;
  });
  const state = createDecodeState(model, batch);
  const counter: MultiplyAddCounter = { modelMultiplyAdds: 0, extraMultiplyAdds: 0 };
  // The extra work repeats part of the last block's MLP up-projection, on the same rows.
  const extraWorkWeights = model.blocks[model.blocks.length - 1]!.mlpUp;
  const extraWorkScratch =
    extraWorkPct > 0 ? createExtraWorkScratch(extraWorkWeights, batch * model.config.contextLength) : undefined;
  let extraWorkSum = 0;

  let length = promptTokens;
  for (let step = 0; step < newTokens; step++) {
    const before = counter.modelMultiplyAdds;
    // Step 0 is the prefill. With the cache, later steps feed only the newest token; without
    // it they feed the whole sequence again from position 0.
    const start = step === 0 || !kvCache ? 0 : length - 1;
    const { logits, rows, mlpInput } = runForward(model, state, sequences, start, length - start, counter);
    for (let b = 0; b < batch; b++) {
      sequences[b]![length] = selectGreedyToken(logits, b * model.config.vocab, model.config.vocab);
    }
    const extra = computeExtraMultiplyAdds(counter.modelMultiplyAdds - before, extraWorkPct);
    if (extra > 0 && extraWorkScratch !== undefined) {
      extraWorkSum += performExtraWork(extraWorkWeights, mlpInput, rows, extra, extraWorkScratch);
      counter.extraMultiplyAdds += extra;
    }
    length++;
  }

  return {
    prompts,
    generated: sequences.map((sequence) => sequence.slice(promptTokens)),
    tokensGenerated: batch * newTokens,
    modelMultiplyAdds: counter.modelMultiplyAdds,
    extraMultiplyAdds: counter.extraMultiplyAdds,
    multiplyAdds: counter.modelMultiplyAdds + counter.extraMultiplyAdds,
    extraWorkSum,
  };
}

/** Index of the largest logit; the lowest index wins a tie so the choice is deterministic. */
export function selectGreedyToken(logits: Float32Array, offset: number, vocab: number): number {
  let best = 0;
  let bestValue = logits[offset]!;
  for (let i = 1; i < vocab; i++) {
    const value = logits[offset + i]!;
    if (value > bestValue) {
      bestValue = value;
      best = i;
    }
  }
  return best;
}

/**
 * FNV-1a over the generated ids and, when extra work ran, the bits of its sum, as 8 hex
 * digits. Equal outputs give equal checksums, and the extra work's result is observable, so
 * the JIT cannot skip it.
 */
export function computeChecksum(generated: readonly Int32Array[], extraWorkSum = 0): string {
  let hash = 0x811c9dc5;
  const mix = (word: number): void => {
    for (let shift = 0; shift < 32; shift += 8) {
      hash ^= (word >>> shift) & 0xff;
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
  };
  for (const sequence of generated) {
    for (const token of sequence) mix(token);
  }
  if (extraWorkSum !== 0) {
    const bits = new Uint32Array(new Float64Array([extraWorkSum]).buffer);
    mix(bits[0]!);
    mix(bits[1]!);
  }
  return hash.toString(16).padStart(8, "0");
}
