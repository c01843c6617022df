/** What a power model estimates: the share of one component that the run reserved. */
export type PowerComponent = "cpu" | "memory" | "gpu";

/**
 * A named, versioned estimate of power from utilisation. `version` changes whenever a constant
 * or the formula changes, so that a comparison can tell that base and head used the same
 * methodology (SCI requires it). `parameters` records what the instance was built with
 * (vCPUs, TDP, GB …) so a report can recompute every figure.
 */
export interface PowerModel {
  readonly name: string;
  readonly version: string;
  readonly component: PowerComponent;
  readonly source: string;
  readonly parameters: Readonly<Record<string, number>>;
  /** Watts at `utilisation` (0..1 of the reserved share; values outside are clamped). */
  powerW(utilisation: number): number;
}

/**
 * Clamp to 0..1: /proc/stat deltas can overshoot by a tick. NaN stays NaN on purpose, so a
 * sampler bug shows up as an invalid figure instead of being read as an idle machine.
 */
export function clampUtilisation(utilisation: number): number {
  if (Number.isNaN(utilisation)) return utilisation;
  return Math.min(1, Math.max(0, utilisation));
}
