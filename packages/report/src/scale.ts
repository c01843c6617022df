import { formatGroupedSignificant, formatSignedSignificant, roundSignificant } from "./format-number.js";

/**
 * Readable scales. Figures are grams and joules inside; a reviewer reads "12.0 mg per 1k
 * tokens", not "1.2e-5 g per token". The rule everywhere: pick the largest prefix whose
 * mantissa, rounded to three significant figures, is at least 1, so mantissas land in [1, 1000).
 */
export interface Scale {
  symbol: string;
  /** How many base units (g or J) one of this scale is. */
  factor: number;
}

export const massScales: readonly Scale[] = [
  { symbol: "µg", factor: 1e-6 },
  { symbol: "mg", factor: 1e-3 },
  { symbol: "g", factor: 1 },
  { symbol: "kg", factor: 1e3 },
  { symbol: "t", factor: 1e6 },
  { symbol: "kt", factor: 1e9 },
];

export const energyScales: readonly Scale[] = [
  { symbol: "µJ", factor: 1e-6 },
  { symbol: "mJ", factor: 1e-3 },
  { symbol: "J", factor: 1 },
  { symbol: "kJ", factor: 1e3 },
  { symbol: "MJ", factor: 1e6 },
  { symbol: "GJ", factor: 1e9 },
];

const gramScale: Scale = { symbol: "g", factor: 1 };
const jouleScale: Scale = { symbol: "J", factor: 1 };

/** The largest scale with a mantissa ≥ 1 after rounding; the smallest for tiny values; `fallback` for 0 and non-finite. */
export function selectScale(value: number, scales: readonly Scale[], fallback: Scale): Scale {
  const magnitude = Math.abs(value);
  if (!(magnitude > 0) || !Number.isFinite(magnitude)) return fallback;
  for (let i = scales.length - 1; i >= 0; i--) {
    const scale = scales[i]!;
    if (roundSignificant(magnitude / scale.factor, 3) >= 1) return scale;
  }
  return scales[0] ?? fallback;
}

/** "12.0 mg"; with `signed`, "+1.10 mg" / "−420 µg". */
export function formatInScale(value: number, scale: Scale, signed = false): string {
  if (!Number.isFinite(value)) return "n/a";
  const mantissa = value / scale.factor;
  if (signed) return `${formatSignedSignificant(mantissa)} ${scale.symbol}`;
  // A shared column scale can put a mantissa past 1000: group it so "2,570 mg" reads at a glance.
  return `${formatGroupedSignificant(mantissa)} ${scale.symbol}`;
}

/** A mass in grams at its own readable scale: 8.76e6 → "8.76 t". */
export function formatMassG(grams: number): string {
  return formatInScale(grams, selectScale(grams, massScales, gramScale));
}

/** An energy in joules at its own readable scale: 0.9 → "900 mJ", 12_300 → "12.3 kJ". */
export function formatEnergyJ(joules: number): string {
  return formatInScale(joules, selectScale(joules, energyScales, jouleScale));
}

export function selectEnergyScale(joules: number): Scale {
  return selectScale(joules, energyScales, jouleScale);
}

export function selectMassScale(grams: number): Scale {
  return selectScale(grams, massScales, gramScale);
}

/** How SCI per unit is shown: grams per `perUnits` units, in `mass`. */
export interface SciScale {
  perUnits: 1 | 1e3 | 1e6;
  mass: Scale;
}

const perUnitSteps = [1, 1e3, 1e6] as const;
const milligram = 1e-3;

/**
 * The scale for an SCI per unit: the smallest count (1, 1k, 1M units) whose total reaches
 * 1 mg, so numbers stay in milligrams and grams people can picture; then the mass prefix that
 * puts the mantissa in [1, 1000). Below 1 mg per 1M units, micrograms per 1M units.
 */
export function selectSciScale(gPerUnit: number): SciScale {
  if (!(gPerUnit > 0) || !Number.isFinite(gPerUnit)) return { perUnits: 1, mass: gramScale };
  for (const perUnits of perUnitSteps) {
    const grams = gPerUnit * perUnits;
    if (roundSignificant(grams / milligram, 3) >= 1) return { perUnits, mass: selectScale(grams, massScales.slice(1), gramScale) };
  }
  return { perUnits: 1e6, mass: massScales[0]! };
}

/** "12.0 mg": the mass of `perUnits` units at the scale (the unit words are said separately). */
export function formatSciMass(gPerUnit: number, scale: SciScale, signed = false): string {
  return formatInScale(gPerUnit * scale.perUnits, scale.mass, signed);
}

/** English plural of a functional unit name: token → tokens, query → queries, batch → batches. */
export function pluraliseUnit(unit: string): string {
  if (/[^aeiou]y$/i.test(unit)) return `${unit.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/i.test(unit)) return `${unit}es`;
  return `${unit}s`;
}

/** "token", "1k tokens", "1M tokens": how many units each figure of a row is for. */
export function describeUnitCount(scale: SciScale, unit: string): string {
  if (scale.perUnits === 1) return unit;
  return `${scale.perUnits === 1e3 ? "1k" : "1M"} ${pluraliseUnit(unit)}`;
}

/** "per token", "per 1k tokens", "per 1M tokens". */
export function describePerUnits(scale: SciScale, unit: string): string {
  return `per ${describeUnitCount(scale, unit)}`;
}

/**
 * The scale a whole column shares, so a reviewer compares figures without converting
 * ("31.0 mg" above "2480 mg", never above "2.48 g"): the one that puts the smallest positive
 * value's mantissa in [1, 1000), so no figure in the column reads below 1. `fallback` when the
 * column has no positive figure.
 */
export function selectColumnScale(values: readonly number[], scales: readonly Scale[], fallback: Scale): Scale {
  const positive = values.filter((value) => value > 0 && Number.isFinite(value));
  if (positive.length === 0) return fallback;
  return selectScale(Math.min(...positive), scales, fallback);
}

export function selectMassColumnScale(grams: readonly number[]): Scale {
  return selectColumnScale(grams, massScales, gramScale);
}

export function selectEnergyColumnScale(joules: readonly number[]): Scale {
  return selectColumnScale(joules, energyScales, jouleScale);
}
