/**
 * Parses budget ceilings written the way people say them: "0.4 mg per 1k tokens",
 * "2 g/request", "350 µg per 1M tokens", "1 mg per 1,000 tokens". Returns grams per single
 * unit and the unit word as written, or null when the text is not of that shape (the caller
 * turns null into an input error).
 */
const massToG: Record<string, number> = { ug: 1e-6, "µg": 1e-6, "μg": 1e-6, mg: 1e-3, g: 1, kg: 1e3, t: 1e6 };
/** A scale letter counts only right after a count ("1k", "1M"), never as the start of a word. */
const scaleToCount: Record<string, number> = { "": 1, k: 1e3, m: 1e6, b: 1e9 };

const shape =
  /^\s*(\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*(µg|μg|ug|mg|kg|g|t)\s*(?:co2e?\s*)?(?:per|\/)\s*(?:(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)([kmb])?(?=\s|$))?\s*([a-z][a-z0-9-]*)?\s*$/i;

export interface MassPerUnit {
  gramsPerUnit: number;
  /** The functional unit as written ("tokens", "request"), or null when only a count is given ("per 1k"). */
  unitWord: string | null;
}

export function parseMassPerUnit(textValue: string): MassPerUnit | null {
  const match = shape.exec(textValue);
  if (!match) return null;
  const [, amount, massUnit, count, scale, word] = match;
  // "2 g per" says nothing per what: require a count or a word.
  if (count === undefined && word === undefined) return null;
  const grams = Number(amount) * massToG[massUnit!.toLowerCase()]!;
  const perUnits = (count === undefined ? 1 : Number(count.replaceAll(",", ""))) * scaleToCount[(scale ?? "").toLowerCase()]!;
  if (!Number.isFinite(grams) || !(perUnits > 0) || !Number.isFinite(perUnits)) return null;
  return { gramsPerUnit: grams / perUnits, unitWord: word ?? null };
}

/** Grams per single unit, or null; see parseMassPerUnit. */
export function parseMassPerUnitG(textValue: string): number | null {
  return parseMassPerUnit(textValue)?.gramsPerUnit ?? null;
}

/**
 * Whether a unit word names the scenario's functional unit, singular or plural, in any case:
 * "token"/"tokens", "batch"/"batches", "query"/"queries".
 */
export function matchesUnit(word: string, unit: string): boolean {
  const w = word.toLowerCase();
  const u = unit.toLowerCase();
  if (w === u || w === `${u}s` || w === `${u}es`) return true;
  return u.endsWith("y") && w === `${u.slice(0, -1)}ies`;
}
