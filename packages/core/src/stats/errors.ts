/**
 * Input errors of the statistics module. They signal a caller's bug (an empty array, a NaN, a
 * confidence of 95 instead of 0.95), never a property of the measurements: measurements that
 * are merely too few get a typed `{ ok: false }` result instead, so a verdict can say so.
 */
export type StatsInputErrorCode = "empty-sample" | "non-finite-value" | "invalid-argument";

export class StatsInputError extends RangeError {
  readonly code: StatsInputErrorCode;

  constructor(code: StatsInputErrorCode, message: string) {
    super(message);
    this.name = "StatsInputError";
    this.code = code;
  }
}

/** Throws unless every value is a finite number: one NaN would silently poison every figure. */
export function assertFiniteValues(values: readonly number[], name: string): void {
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (!Number.isFinite(value)) {
      throw new StatsInputError("non-finite-value", `${name}[${i}] is ${value}; expected a finite number`);
    }
  }
}

/** Throws unless the sample has at least one value. */
export function assertNonEmpty(values: readonly number[], name: string): void {
  if (values.length === 0) {
    throw new StatsInputError("empty-sample", `${name} is empty; expected at least one value`);
  }
}

/** Throws unless 0 < level < 1 (a confidence or a power, given as a fraction, not a percent). */
export function assertOpenUnitInterval(level: number, name: string): void {
  if (!(level > 0 && level < 1)) {
    throw new StatsInputError("invalid-argument", `${name} is ${level}; expected a fraction strictly between 0 and 1 (e.g. 0.95)`);
  }
}

/** Throws unless 0 ≤ p ≤ 1. */
export function assertProbability(p: number, name: string): void {
  if (!(p >= 0 && p <= 1)) {
    throw new StatsInputError("invalid-argument", `${name} is ${p}; expected a probability between 0 and 1`);
  }
}
