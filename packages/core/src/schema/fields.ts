import { z } from "zod";

/**
 * Field builders that carry the human wording of what is expected, so every validation
 * message reads "expected a number of percent between 0 and 1000" rather than a zod dump.
 */
export const numberBetween = (min: number, max: number, what = "a number") =>
  z
    .number({ error: `expected ${what} between ${min} and ${max}` })
    .min(min, { error: `expected ${what} between ${min} and ${max}` })
    .max(max, { error: `expected ${what} between ${min} and ${max}` });

export const intBetween = (min: number, max: number, what = "a whole number") =>
  z
    .number({ error: `expected ${what} between ${min} and ${max}` })
    .int({ error: `expected ${what} between ${min} and ${max}` })
    .min(min, { error: `expected ${what} between ${min} and ${max}` })
    .max(max, { error: `expected ${what} between ${min} and ${max}` });

export const positiveNumber = (what: string) =>
  z
    .number({ error: `expected ${what} (a number above 0)` })
    .positive({ error: `expected ${what} (a number above 0)` })
    .refine(Number.isFinite, { error: `expected ${what} (a finite number)` });

export const nonNegativeNumber = (what: string) =>
  z
    .number({ error: `expected ${what} (a number ≥ 0)` })
    .min(0, { error: `expected ${what} (a number ≥ 0)` })
    .refine(Number.isFinite, { error: `expected ${what} (a finite number)` });

export const text = (what: string, maxLength = 10_000) =>
  z
    .string({ error: `expected ${what} (text)` })
    .min(1, { error: `expected ${what} (non-empty text)` })
    .max(maxLength, { error: `expected ${what} of at most ${maxLength} characters` });
