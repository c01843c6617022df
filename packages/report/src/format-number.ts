/**
 * Number formatting for reviewers: significant figures rather than fixed decimals (a change of
 * 0.4 mg and one of 400 mg deserve the same precision), never exponent notation, a true minus
 * sign for negative changes. Independent of the runtime's locale, so output is reproducible.
 */

import { formatChangePct, formatChangePctNumber } from "@sci-gate/core";

const minus = "\u2212";

/** Rounds to `digits` significant figures; zero and non-finite values come back unchanged. */
export function roundSignificant(value: number, digits = 3): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  return Number(value.toPrecision(digits));
}

/** The power of ten of a non-zero finite number's leading digit (1234 → 3, 0.012 → −2). */
function decimalExponent(value: number): number {
  return Number(value.toExponential().split("e")[1]);
}

/**
 * Fixed-point text with `digits` significant figures: 12.0, 0.000123, 1230. Trailing zeros are
 * kept because they say how precise the figure is. ASCII minus, so the text is also a valid
 * number for machine-read places (Mermaid charts); non-finite values give "n/a".
 */
export function formatSignificant(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return "n/a";
  if (value === 0) return "0";
  const rounded = roundSignificant(value, digits);
  const decimals = Math.min(100, Math.max(0, digits - 1 - decimalExponent(rounded)));
  return rounded.toFixed(decimals);
}

/**
 * formatSignificant for reading rather than machines: the whole part grouped by thousands
 * ("2,570", "200,000", for figures a column keeps in one prefix so they can pass 1000) and a
 * true minus sign, like every other figure a reviewer reads.
 */
export function formatGroupedSignificant(value: number, digits = 3): string {
  const text = formatSignificant(Math.abs(value), digits);
  const [whole = "", fraction] = text.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const sign = value < 0 && text !== "0" ? minus : "";
  return `${sign}${fraction === undefined ? grouped : `${grouped}.${fraction}`}`;
}

/** A threshold people wrote, trailing zeros dropped, with a true minus when negative: "5", "2.5", "−3". */
export function formatThreshold(value: number): string {
  const text = formatShort(Math.abs(value));
  return value < 0 && text !== "0" ? `${minus}${text}` : text;
}

/** Like formatSignificant, with trailing zeros dropped: for thresholds people wrote (5 %, 2.5 %). */
export function formatShort(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return "n/a";
  const text = formatSignificant(value, digits);
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}

/**
 * A signed percentage, "+9.2 %", "−0.4 %", "+120 %", "0.0 %" (and without the unit, "+9.2"): core's
 * formatting, so a verdict's reason and the table beside it print a change alike.
 */
export { formatChangePct as formatSignedPct, formatChangePctNumber as formatSignedPctNumber };

/** An unsigned percentage for shares and spreads: "2.1 %", "0.0 %", "140 %". */
export function formatPct(pct: number): string {
  if (!Number.isFinite(pct)) return "n/a";
  const oneDecimal = pct.toFixed(1);
  return `${Number(oneDecimal) >= 100 ? pct.toFixed(0) : oneDecimal} %`;
}

/** An interval of percentages: "+6.1 … +12.4 %". */
export function formatPctInterval(lowerPct: number, upperPct: number): string {
  return `${formatChangePctNumber(lowerPct)} … ${formatChangePctNumber(upperPct)} %`;
}

/** A confidence level as people say it: 0.95 → "95%", 0.975 → "97.5%". */
export function formatConfidence(confidence: number): string {
  return `${formatShort(confidence * 100, 4)}%`;
}

/** Counts and other quantities: "512", "12.5", "12,800" (grouped, rounded to a whole number from 1000). */
export function formatQuantity(value: number): string {
  if (!Number.isFinite(value)) return "n/a";
  if (Math.abs(value) < 1000) return formatShort(value, 3);
  const whole = Math.round(Math.abs(value))
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return value < 0 ? `${minus}${whole}` : whole;
}

const countWords = [
  { word: "trillion", factor: 1e12 },
  { word: "billion", factor: 1e9 },
  { word: "million", factor: 1e6 },
] as const;

/** Large counts in words, for production volumes: 2e9 → "2 billion", 7.3e11 → "730 billion". */
export function formatCompactCount(value: number): string {
  if (!Number.isFinite(value)) return "n/a";
  for (const { word, factor } of countWords) {
    if (Math.abs(roundSignificant(value, 3)) >= factor) return `${formatShort(value / factor, 3)} ${word}`;
  }
  return formatQuantity(value);
}

/** A signed number with the true minus sign, for deltas ("+1.10", "−0.420"). */
export function formatSignedSignificant(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return "n/a";
  if (value === 0) return "0";
  const text = formatSignificant(Math.abs(value), digits);
  return `${value > 0 ? "+" : minus}${text}`;
}
