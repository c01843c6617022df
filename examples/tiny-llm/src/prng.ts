/**
 * Seeded pseudo-random numbers for weight and prompt generation.
 *
 * The model is never trained, so its weights are a pure function of the seed: two runs (or a
 * base and a head revision) with the same seed compute exactly the same thing. mulberry32 is
 * used because it is tiny and fast in JS (32-bit integer ops only). Normals come from the
 * Marsaglia–Tsang ziggurat, because initialising tens of millions of weights with Box–Muller
 * (a log, a square root and two trig calls per pair) would take longer than decoding.
 */

export interface Rng {
  /** Uniform 32-bit signed integer. */
  nextInt32(): number;
  /** Uniform in [0, 1). */
  nextUniform(): number;
  /** Uniform integer in [0, bound). */
  nextInt(bound: number): number;
  /** Standard normal (mean 0, standard deviation 1). */
  nextNormal(): number;
  /** The ziggurat's slow path, for a draw that missed the fast path. */
  sampleNormalTail(magnitude: number, layer: number): number;
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

const ZIGGURAT_LAYERS = 128;
/** Start of the tail, for 128 layers (Marsaglia & Tsang 2000). */
const ZIGGURAT_TAIL = 3.442619855899;
/** Area of each layer, for 128 layers. */
const ZIGGURAT_AREA = 9.91256303526217e-3;
/** The magnitude part of a draw: 25 signed bits, after 7 bits went to the layer index. */
const MAGNITUDE_SCALE = 2 ** 24;

interface ZigguratTables {
  /** Accept threshold on |magnitude| per layer (inside the rectangle under the curve). */
  readonly accept: Float64Array;
  /** Magnitude → x per layer. */
  readonly width: Float64Array;
  /** Density at each layer's edge. */
  readonly density: Float64Array;
}

function buildZigguratTables(): ZigguratTables {
  const accept = new Float64Array(ZIGGURAT_LAYERS);
  const width = new Float64Array(ZIGGURAT_LAYERS);
  const density = new Float64Array(ZIGGURAT_LAYERS);
  let edge = ZIGGURAT_TAIL;
  let previousEdge = edge;
  const base = ZIGGURAT_AREA / Math.exp(-0.5 * edge * edge);
  accept[0] = (edge / base) * MAGNITUDE_SCALE;
  accept[1] = 0;
  width[0] = base / MAGNITUDE_SCALE;
  width[ZIGGURAT_LAYERS - 1] = edge / MAGNITUDE_SCALE;
  density[0] = 1;
  density[ZIGGURAT_LAYERS - 1] = Math.exp(-0.5 * edge * edge);
  for (let i = ZIGGURAT_LAYERS - 2; i >= 1; i--) {
    edge = Math.sqrt(-2 * Math.log(ZIGGURAT_AREA / edge + Math.exp(-0.5 * edge * edge)));
    accept[i + 1] = (edge / previousEdge) * MAGNITUDE_SCALE;
    previousEdge = edge;
    density[i] = Math.exp(-0.5 * edge * edge);
    width[i] = edge / MAGNITUDE_SCALE;
  }
  return { accept, width, density };
}

const TABLES = buildZigguratTables();

export function createRng(seed: number): Rng {
  let state = seed >>> 0;

  const nextInt32 = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return t ^ (t >>> 14);
  };
  const nextUniform = (): number => (nextInt32() >>> 0) / 4294967296;

  // Rare slow path (~2.5% of draws): the wedge between rectangles, or the tail.
  const sampleNormalSlowly = (magnitude: number, layer: number): number => {
    const { accept, width, density } = TABLES;
    for (;;) {
      const x = magnitude * width[layer]!;
      if (layer === 0) {
        let tailX: number;
        let tailY: number;
        do {
          tailX = -Math.log(1 - nextUniform()) / ZIGGURAT_TAIL;
          tailY = -Math.log(1 - nextUniform());
        } while (tailY + tailY < tailX * tailX);
        return magnitude > 0 ? ZIGGURAT_TAIL + tailX : -ZIGGURAT_TAIL - tailX;
      }
      if (density[layer]! + nextUniform() * (density[layer - 1]! - density[layer]!) < Math.exp(-0.5 * x * x)) return x;
      const bits = nextInt32();
      layer = bits & (ZIGGURAT_LAYERS - 1);
      magnitude = bits >> 7;
      if (Math.abs(magnitude) < accept[layer]!) return magnitude * width[layer]!;
    }
  };

  return {
    nextInt32,
    nextUniform,
    sampleNormalTail: sampleNormalSlowly,
    nextInt(bound: number): number {
      return Math.floor(nextUniform() * bound);
    },
    nextNormal(): number {
      // Independent bits for the layer and the magnitude avoid the correlation Doornik (2005)
      // found in the original, which reused the low bits for both.
      const bits = nextInt32();
      const layer = bits & (ZIGGURAT_LAYERS - 1);
      const magnitude = bits >> 7;
      if (Math.abs(magnitude) < TABLES.accept[layer]!) return magnitude * TABLES.width[layer]!;
      return sampleNormalSlowly(magnitude, layer);
    },
  };
}

/**
 * Fills a new array with normal samples of the given standard deviation, from its own stream.
 *
 * The generator and the ziggurat's fast path are inlined here (rather than calling
 * `Rng.nextNormal`) because this loop runs once per weight and dominates start-up time.
 */
export function createNormalArray(length: number, std: number, seed: number): Float32Array {
  const values = new Float32Array(length);
  const { accept, width } = TABLES;
  let state = seed | 0;
  let slowRng: Rng | undefined;
  for (let i = 0; i < length; i++) {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const bits = t ^ (t >>> 14);
    const layer = bits & (ZIGGURAT_LAYERS - 1);
    const magnitude = bits >> 7;
    if (Math.abs(magnitude) < accept[layer]!) {
      values[i] = magnitude * width[layer]! * std;
    } else {
      // The slow path needs more draws; a side stream derived from the seed keeps it deterministic.
      slowRng ??= createRng(seed ^ 0x5bd1e995);
      values[i] = slowRng.sampleNormalTail(magnitude, layer) * std;
    }
  }
  return values;
}
