/**
 * Percent text inside verdict reasons and rule changes, formatted exactly as the report package
 * prints its figures (packages/report/src/format-number.ts): a true minus sign (U+2212), one
 * decimal below 100 %, none from 100 %, and an unsigned "0.0" for what rounds to zero. A reason
 * then reads "the interval (−2.5 % … +16.9 %)" like the table beside it.
 */
const minus = "\u2212";

/** The signed number alone: "+9.2", "−0.4", "+120", "0.0"; "n/a" when not finite. */
export function formatChangePctNumber(pct: number): string {
  if (!Number.isFinite(pct)) return "n/a";
  const magnitude = Math.abs(pct);
  const oneDecimal = magnitude.toFixed(1);
  const text = Number(oneDecimal) >= 100 ? magnitude.toFixed(0) : oneDecimal;
  if (Number(text) === 0) return "0.0";
  return `${pct > 0 ? "+" : minus}${text}`;
}

/** "+9.2 %", "−0.4 %", "+120 %", "0.0 %". */
export function formatChangePct(pct: number): string {
  return Number.isFinite(pct) ? `${formatChangePctNumber(pct)} %` : "n/a";
}

/** "−22.2 % … +75.8 %". */
export function formatChangeRange(lowerPct: number, upperPct: number): string {
  return `${formatChangePct(lowerPct)} … ${formatChangePct(upperPct)}`;
}

/** A threshold people wrote, as they wrote it: 5 → "5 %", 2.5 → "2.5 %", −3 → "−3 %". */
export function formatThresholdPct(pct: number): string {
  const text = String(Number(pct.toPrecision(6)));
  return `${text.startsWith("-") ? `${minus}${text.slice(1)}` : text} %`;
}

const massUnits = [
  { unit: "g", factor: 1 },
  { unit: "mg", factor: 1e-3 },
  { unit: "µg", factor: 1e-6 },
  { unit: "ng", factor: 1e-9 },
] as const;

/** Grams with the prefix that keeps 1–999 before the point, three significant figures: "5 µg", "0.4 g" → "400 mg". */
export function formatMassG(grams: number): string {
  if (!Number.isFinite(grams)) return "n/a";
  if (grams === 0) return "0 g";
  const magnitude = Math.abs(grams);
  const scale = massUnits.find((candidate) => magnitude >= candidate.factor) ?? massUnits[3];
  const text = String(Number((magnitude / scale.factor).toPrecision(3)));
  return `${grams < 0 ? minus : ""}${text} ${scale.unit}`;
}
