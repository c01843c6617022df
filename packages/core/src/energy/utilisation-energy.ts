/**
 * One utilisation sample: `util` is the busy fraction (0..1) over the interval that ENDS at
 * `tS`, which is what a difference of two /proc/stat readings gives.
 */
export interface UtilisationSample {
  readonly tS: number;
  readonly util: number;
}

export interface UtilisationEnergy {
  readonly energyJ: number;
  /** Time from the first to the last usable sample. */
  readonly durationS: number;
  /** `energyJ / durationS`, or null over a zero duration. */
  readonly meanPowerW: number | null;
  /** Samples with a non-finite time or utilisation, left out (their interval joins the next one). */
  readonly droppedSamples: number;
}

/**
 * Energy of a power model driven by utilisation: Σ dt · P(util). The first sample only marks
 * the start; each later sample's utilisation applies to the interval before it, because that
 * is the interval it was measured over (averaging neighbours would smear a burst into idle
 * time). The model is a parameter: the curves (SPECpower table, CCF min/max, Teads) live with
 * the power models. Utilisation is clamped to [0, 1] before it reaches the model, since tick
 * counters read at slightly different moments can overshoot by a tick.
 */
export function energyFromUtilisation(
  samples: readonly UtilisationSample[],
  powerAtUtilW: (util: number) => number,
): UtilisationEnergy {
  const usable = samples.filter((s) => Number.isFinite(s.tS) && Number.isFinite(s.util));
  const sorted = [...usable].sort((a, b) => a.tS - b.tS);
  let energyJ = 0;
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const next = sorted[i]!;
    energyJ += (next.tS - prev.tS) * powerAtUtilW(Math.min(1, Math.max(0, next.util)));
  }
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  const durationS = first !== undefined && last !== undefined ? last.tS - first.tS : 0;
  return {
    energyJ,
    durationS,
    meanPowerW: durationS > 0 ? energyJ / durationS : null,
    droppedSamples: samples.length - usable.length,
  };
}
