import { createRng } from "../stats/rng.js";

export type Revision = "base" | "head";

export interface PlannedRun {
  revision: Revision;
  /** Index of this run within its revision (0-based). */
  index: number;
  /** Pair number linking a base run to its head run; null when only one revision is measured. */
  pair: number | null;
}

/**
 * The order of counted runs. With two revisions, each pair is run back to back so both see the
 * same machine state; which goes first alternates (ABBA: B H, H B, B H …) or is drawn from a
 * seeded generator, so a drift or an order effect (a warmer cache for the second) cancels
 * instead of biasing one side.
 */
export function planRunOrder(options: {
  runs: number;
  revisions: readonly Revision[];
  order: "abba" | "random";
  seed?: number | string;
}): PlannedRun[] {
  const { runs, revisions } = options;
  if (revisions.length === 1) {
    return Array.from({ length: runs }, (_, index) => ({ revision: revisions[0]!, index, pair: null }));
  }
  const rng = createRng(options.seed ?? "sci-gate/run-order");
  const planned: PlannedRun[] = [];
  for (let pair = 0; pair < runs; pair++) {
    const baseFirst = options.order === "abba" ? pair % 2 === 0 : rng.nextFloat() < 0.5;
    const sides: Revision[] = baseFirst ? ["base", "head"] : ["head", "base"];
    for (const revision of sides) planned.push({ revision, index: pair, pair });
  }
  return planned;
}
