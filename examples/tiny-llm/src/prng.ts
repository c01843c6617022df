/**
 * Seeded pseudo-random numbers for weight and prompt generation.
 *
 * The model is never trained, so its weights are a pure function of the seed: two runs (or a
 * base and a head revision) with the same seed compute exactly the same thing. mulberry32 is
 * used because it is tiny, fast in JS (32-bit integer ops only) and good enough for init.
 */

export interface Rng {
  /** Uniform in [0, 1). */
  nextUniform(): number;
  /** Uniform integer in [0, bound). */
  nextInt(bound: number): number;
  /** Standard normal (mean 0, standard deviation 1). */
  nextNormal(): number;
}

/** Mixes a seed with a stream label so every tensor draws from its own independent stream. */
export function deriveSeed(seed: number, label: string): number {
  // FNV-1a over the label, started from the seed: changing one tensor's shape (e.g. the
  // positional table when the context grows) then leaves every other tensor untouched.
  let hash = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  for (let i = 0; i < label.length; i++) {
    hash ^= label.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  // Box-Muller yields normals in pairs; keeping the spare halves the cost of initialisation.
  let spare: number | undefined;

  const nextUniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  return {
    nextUniform,
    nextInt(bound: number): number {
      return Math.floor(nextUniform() * bound);
    },
    nextNormal(): number {
      if (spare !== undefined) {
        const value = spare;
        spare = undefined;
        return value;
      }
      // 1 - u keeps the argument of log strictly positive.
      const radius = Math.sqrt(-2 * Math.log(1 - nextUniform()));
      const angle = 2 * Math.PI * nextUniform();
      spare = radius * Math.sin(angle);
      return radius * Math.cos(angle);
    },
  };
}

/** Fills a new array with normal samples of the given standard deviation. */
export function createNormalArray(length: number, std: number, rng: Rng): Float32Array {
  const values = new Float32Array(length);
  for (let i = 0; i < length; i++) values[i] = rng.nextNormal() * std;
  return values;
}
