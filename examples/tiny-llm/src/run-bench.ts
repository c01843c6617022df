/**
 * One benchmark run: build the model for the settings, decode, and summarise. Kept apart from
 * the CLI so the tests can call it in-process.
 */

import { computeChecksum, generateTokens } from "./generate.js";
import { createModel } from "./model.js";
import type { BenchSettings } from "./scenarios.js";

export interface BenchResult {
  readonly settings: BenchSettings;
  /** Tokens generated, all sequences together: the functional unit. */
  readonly tokens: number;
  readonly multiplyAdds: number;
  readonly extraMultiplyAdds: number;
  /** Building the model: allocating and initialising the weights (the "load" of a real model). */
  readonly setupS: number;
  /** Prefill and decoding: the per-token part. */
  readonly decodeS: number;
  readonly tokensPerSecond: number;
  readonly checksum: string;
}

/** The output file that sci-gate reads through SCI_GATE_OUTPUT. */
export interface SciGateOutput {
  readonly units: number;
  readonly unit: "token";
  readonly scenario: string;
  readonly multiplyAdds: number;
  readonly durationS: number;
  readonly checksum: string;
}

export function runBench(settings: BenchSettings, now: () => number = () => performance.now()): BenchResult {
  const started = now();
  const model = createModel({
    vocab: settings.vocab,
    width: settings.width,
    layers: settings.layers,
    heads: settings.heads,
    contextLength: settings.promptTokens + settings.newTokens,
    int8: settings.int8,
    seed: settings.seed,
  });
  const built = now();
  const result = generateTokens(model, {
    promptTokens: settings.promptTokens,
    newTokens: settings.newTokens,
    batch: settings.batch,
    kvCache: settings.kvCache,
    extraWorkPct: settings.extraWorkPct,
    seed: settings.seed,
  });
  const finished = now();
  const decodeS = (finished - built) / 1000;
  return {
    settings,
    tokens: result.tokensGenerated,
    multiplyAdds: result.multiplyAdds,
    extraMultiplyAdds: result.extraMultiplyAdds,
    setupS: (built - started) / 1000,
    decodeS,
    tokensPerSecond: decodeS > 0 ? result.tokensGenerated / decodeS : 0,
    checksum: computeChecksum(result.generated, result.extraWorkSum),
  };
}

export function toSciGateOutput(result: BenchResult): SciGateOutput {
  return {
    units: result.tokens,
    unit: "token",
    scenario: result.settings.scenario,
    multiplyAdds: result.multiplyAdds,
    durationS: roundTo(result.setupS + result.decodeS, 6),
    checksum: result.checksum,
  };
}

/** The one-line stdout summary. */
export function formatSummary(result: BenchResult): string {
  return JSON.stringify({
    scenario: result.settings.scenario,
    tokens: result.tokens,
    tokensPerSecond: roundTo(result.tokensPerSecond, 3),
    setupS: roundTo(result.setupS, 6),
    decodeS: roundTo(result.decodeS, 6),
    multiplyAdds: result.multiplyAdds,
    extraMultiplyAdds: result.extraMultiplyAdds,
    checksum: result.checksum,
    settings: result.settings,
  });
}

function roundTo(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
