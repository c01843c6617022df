/**
 * Cumulative energy counters (RAPL `energy_uj`, NVML total energy) wrap at a known maximum.
 * A difference is only trustworthy when it can be explained by counting forward, at most one
 * wrap, at a plausible power; anything else is returned as a typed problem so a caller can
 * fall back to a model instead of presenting a wrong number as measured.
 */

export type CounterProblemCode =
  /** A reading that is not a finite, non-negative safe integer count. */
  | "invalid-reading"
  /** The counter went down and no wrap point is known, so the difference cannot be explained. */
  | "backwards-without-range"
  /** A reading above the wrap point: no difference of such readings fits inside one range. */
  | "exceeds-range"
  /** The difference implies more power than the hardware can draw (a reset looks like a wrap). */
  | "implausible-power";

export interface CounterProblem {
  readonly code: CounterProblemCode;
  readonly message: string;
}

export type CounterDelta =
  | { readonly ok: true; readonly deltaUj: number; readonly wrapped: boolean }
  | { readonly ok: false; readonly problem: CounterProblem };

export interface CounterDeltaOptions {
  /** A difference above this is implausible (e.g. max power × elapsed time); unchecked when absent. */
  readonly maxPlausibleDeltaUj?: number;
}

function isCount(value: number | null | undefined): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

function fail(code: CounterProblemCode, message: string): CounterDelta {
  return { ok: false, problem: { code, message } };
}

/**
 * Energy counted between two readings of a cumulative counter, in µJ. When `nextUj < prevUj`
 * the counter wrapped once: delta = next + max − prev. `maxEnergyRangeUj` is null when the
 * platform does not say where it wraps; then a backwards step is a problem, not a wrap.
 */
export function counterDeltaUj(
  prevUj: number,
  nextUj: number,
  maxEnergyRangeUj: number | null,
  opts: CounterDeltaOptions = {},
): CounterDelta {
  if (!isCount(prevUj) || !isCount(nextUj)) {
    return fail("invalid-reading", `counter readings must be non-negative integers, got ${prevUj} then ${nextUj}`);
  }
  const range = isCount(maxEnergyRangeUj) && maxEnergyRangeUj > 0 ? maxEnergyRangeUj : null;
  // With both readings inside [0, range], every difference (wrapped or not) is at most one range.
  if (range !== null && (prevUj > range || nextUj > range)) {
    return fail("exceeds-range", `reading ${Math.max(prevUj, nextUj)} µJ is above the wrap point ${range} µJ`);
  }
  let deltaUj: number;
  let wrapped = false;
  if (nextUj >= prevUj) {
    deltaUj = nextUj - prevUj;
  } else if (range === null) {
    return fail(
      "backwards-without-range",
      `counter went back from ${prevUj} to ${nextUj} µJ and its wrap point is unknown`,
    );
  } else {
    deltaUj = nextUj + range - prevUj;
    wrapped = true;
  }
  if (opts.maxPlausibleDeltaUj !== undefined && deltaUj > opts.maxPlausibleDeltaUj) {
    return fail(
      "implausible-power",
      `difference ${deltaUj} µJ${wrapped ? " (after assuming a wrap)" : ""} exceeds the plausible ${Math.round(opts.maxPlausibleDeltaUj)} µJ; the counter was probably reset`,
    );
  }
  return { ok: true, deltaUj, wrapped };
}

/** One timestamped reading of a cumulative counter. */
export interface CounterReading {
  readonly tS: number;
  readonly energyUj: number;
}

export interface SumCounterOptions {
  /** Readings that imply more than this power between them are rejected. Unchecked when absent. */
  readonly maxPlausiblePowerW?: number;
  /**
   * Shortest window the power check assumes, in seconds: counters update in steps (RAPL about
   * every millisecond), so two reads very close together can show a burst. Default 0.05.
   */
  readonly minPlausibilityWindowS?: number;
}

export type CounterSum =
  | { readonly ok: true; readonly energyUj: number; readonly wraps: number }
  | { readonly ok: false; readonly problem: CounterProblem; /** index of the reading that failed */ readonly atIndex: number };

const DEFAULT_MIN_PLAUSIBILITY_WINDOW_S = 0.05;

/** The largest difference a counter can plausibly show over `dtS` at `maxPlausiblePowerW`. */
export function computeMaxPlausibleDeltaUj(
  dtS: number,
  maxPlausiblePowerW: number,
  minWindowS: number = DEFAULT_MIN_PLAUSIBILITY_WINDOW_S,
): number {
  return maxPlausiblePowerW * Math.max(dtS, minWindowS) * 1e6;
}

/**
 * Total energy over a series of readings of one counter, in order. One bad step invalidates
 * the sum: a partial figure would be silently low, and a low figure reads as an improvement.
 */
export function sumCounterReadingsUj(
  readings: readonly CounterReading[],
  maxEnergyRangeUj: number | null,
  opts: SumCounterOptions = {},
): CounterSum {
  let energyUj = 0;
  let wraps = 0;
  for (let i = 1; i < readings.length; i++) {
    const prev = readings[i - 1]!;
    const next = readings[i]!;
    const maxPlausibleDeltaUj =
      opts.maxPlausiblePowerW === undefined
        ? undefined
        : computeMaxPlausibleDeltaUj(next.tS - prev.tS, opts.maxPlausiblePowerW, opts.minPlausibilityWindowS);
    const step = counterDeltaUj(
      prev.energyUj,
      next.energyUj,
      maxEnergyRangeUj,
      maxPlausibleDeltaUj === undefined ? {} : { maxPlausibleDeltaUj },
    );
    if (!step.ok) return { ok: false, problem: step.problem, atIndex: i };
    energyUj += step.deltaUj;
    if (step.wrapped) wraps++;
  }
  return { ok: true, energyUj, wraps };
}
