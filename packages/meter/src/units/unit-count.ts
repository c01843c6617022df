import { describeValue } from "@sci-gate/core";

/**
 * Above this a count is a bug (bytes instead of tokens, nanoseconds instead of requests), not a
 * workload: 1e15 tokens is more than every deployed model generates in a year. It also keeps
 * every accepted count below 2^53, where JSON numbers stop being exact integers.
 */
export const MAX_UNITS = 1e15;

export const UNIT_COUNT_EXPECTED = "expected a number of units ≥ 0";

export type UnitCountCheck = { readonly ok: true; readonly units: number } | { readonly ok: false; readonly problem: string };

/**
 * Accept a JSON value as a count of units. Text that looks like a number is refused, not coerced:
 * a suite that writes "12" has a bug worth seeing, and a lenient reader would also accept "12k"
 * or "1,200" differently on every platform.
 */
export function checkUnitCount(value: unknown): UnitCountCheck {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    return { ok: false, problem: `${UNIT_COUNT_EXPECTED}, got ${describeValue(value)}` };
  }
  if (value > MAX_UNITS) {
    return { ok: false, problem: `${UNIT_COUNT_EXPECTED} and at most 1e15, got ${describeValue(value)} (is it a count of units, not bytes or nanoseconds?)` };
  }
  // -0 is a valid JSON number; report it as 0 so "-0 tokens" never reaches a comment.
  return { ok: true, units: value === 0 ? 0 : value };
}

/** Token and request counts inside a tool's output: whole, non-negative and exact as doubles. */
export function isWholeCount(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}
