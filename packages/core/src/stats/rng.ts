import { StatsInputError } from "./errors.js";

/**
 * Seeded pseudo-random numbers for everything that must be reproducible: bootstrap resamples,
 * the seeded base/head run order. xoshiro128** (Blackman & Vigna) is built from 32-bit integer
 * operations only (Math.imul, shifts), so a seed yields the same stream on every platform and
 * in every language that implements it; its state is filled by splitmix32.
 */
export interface Rng {
  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number;
  /** A uniform float in [0, 1) with 53 random bits. */
  nextFloat(): number;
  /** A standard normal deviate (Marsaglia's polar method). */
  nextNormal(): number;
  /** A uniform integer in [min, max], both ends included, without modulo bias. */
  nextInt(min: number, max: number): number;
  /** A shuffled copy of items (Fisher–Yates); the input is left untouched. */
  shuffle<T>(items: readonly T[]): T[];
}

const TWO_POW_32 = 4294967296;

/** splitmix32 step (Ettinger's constants): a cheap, well-mixed stream for seeding. */
function createSplitMix32(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state ^ (state >>> 16);
    z = Math.imul(z, 0x21f0aaad);
    z ^= z >>> 15;
    z = Math.imul(z, 0x735a2d97);
    z ^= z >>> 15;
    return z >>> 0;
  };
}

/** FNV-1a over the string's UTF-16 code units: turns a commit SHA or a scenario name into a seed. */
function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Folds an integer seed (up to ±2^53) into 32 bits so seeds that differ only above bit 32 still differ. */
function foldIntegerSeed(seed: number): number {
  if (!Number.isSafeInteger(seed)) {
    throw new StatsInputError("invalid-argument", `seed is ${seed}; expected a safe integer or a string`);
  }
  const low = seed >>> 0;
  const high = Math.floor(seed / TWO_POW_32) >>> 0;
  return (low ^ createSplitMix32(high)()) >>> 0;
}

function rotateLeft(x: number, bits: number): number {
  return (x << bits) | (x >>> (32 - bits));
}

/** Creates a seeded generator; the same seed always gives the same sequence. */
export function createRng(seed: number | string): Rng {
  const seedWord = typeof seed === "string" ? hashString(seed) : foldIntegerSeed(seed);
  const next = createSplitMix32(seedWord);
  let s0 = next();
  let s1 = next();
  let s2 = next();
  let s3 = next();
  // xoshiro's only forbidden state is all zeros.
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;
  let spareNormal: number | undefined;

  const nextUint32 = (): number => {
    const result = Math.imul(rotateLeft(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotateLeft(s3, 11);
    return result;
  };

  const nextFloat = (): number => {
    const high = nextUint32() >>> 5; // 27 bits
    const low = nextUint32() >>> 6; // 26 bits
    return (high * 67108864 + low) / 9007199254740992;
  };

  const nextNormal = (): number => {
    if (spareNormal !== undefined) {
      const spare = spareNormal;
      spareNormal = undefined;
      return spare;
    }
    // Polar rather than Box–Muller: it needs no sin/cos, only log and sqrt.
    for (;;) {
      const u = 2 * nextFloat() - 1;
      const v = 2 * nextFloat() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const factor = Math.sqrt((-2 * Math.log(s)) / s);
        spareNormal = v * factor;
        return u * factor;
      }
    }
  };

  const nextInt = (min: number, max: number): number => {
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || max < min || max - min >= TWO_POW_32) {
      throw new StatsInputError("invalid-argument", `nextInt(${min}, ${max}) needs integers min ≤ max spanning at most 2^32 values`);
    }
    const span = max - min + 1;
    // Reject the top sliver of the 32-bit range that would make some results more likely.
    const limit = TWO_POW_32 - (TWO_POW_32 % span);
    for (;;) {
      const u = nextUint32();
      if (u < limit) return min + (u % span);
    }
  };

  const shuffle = <T>(items: readonly T[]): T[] => {
    const result = [...items];
    for (let i = result.length - 1; i > 0; i--) {
      const j = nextInt(0, i);
      const held = result[i]!;
      result[i] = result[j]!;
      result[j] = held;
    }
    return result;
  };

  return { nextUint32, nextFloat, nextNormal, nextInt, shuffle };
}
