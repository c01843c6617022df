/**
 * Parses budget ceilings written the way people say them: "0.4 mg per 1k tokens",
 * "2 g/request", "350 µg per 1M tokens". Returns grams per single unit, or null when the
 * text is not of that shape (the caller turns null into an input error).
 */
const massToG: Record<string, number> = { ug: 1e-6, "µg": 1e-6, mg: 1e-3, g: 1, kg: 1e3, t: 1e6 };
const scaleWords: Record<string, number> = { "": 1, k: 1e3, m: 1e6, b: 1e9 };

const shape =
  /^\s*(\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*(µg|ug|mg|kg|g|t)\s*(?:co2e?\s*)?(?:per|\/)\s*(\d+(?:\.\d+)?)?\s*([kmb])?\s*([a-z][a-z0-9-]*)?\s*$/i;

export function parseMassPerUnitG(textValue: string): number | null {
  const match = shape.exec(textValue);
  if (!match) return null;
  const [, amount, massUnit, count, scale, word] = match;
  // "per 1M" without a unit word is ambiguous with "per m(etre)"; require a count or a word.
  if (count === undefined && scale === undefined && word === undefined) return null;
  const grams = Number(amount) * massToG[massUnit!.toLowerCase()]!;
  const perUnits = (count === undefined ? 1 : Number(count)) * scaleWords[(scale ?? "").toLowerCase()]!;
  if (!Number.isFinite(grams) || !(perUnits > 0)) return null;
  return grams / perUnits;
}
