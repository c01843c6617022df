export interface SubtractIdleInput {
  /** Energy measured over the run, idle included. */
  readonly energyJ: number;
  readonly durationS: number;
  /** Baseline power of the same component at rest (measured before the run, or a model's 0% point). */
  readonly idlePowerW: number;
}

export interface IdleSplit {
  /** The measured total, unchanged: SCI counts the whole reserved machine, so this stays the headline. */
  readonly totalEnergyJ: number;
  /** Energy above the idle baseline: `totalEnergyJ − idleEnergyJ`, never negative. */
  readonly activeEnergyJ: number;
  /** Baseline energy over the duration, capped at the total. */
  readonly idleEnergyJ: number;
  /**
   * True when the baseline exceeded the measured total and was capped. The baseline was then
   * wrong for this run (measured on a busier moment, or a model set too high): worth a warning.
   */
  readonly idleExceededTotal: boolean;
}

function requireNonNegative(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`subtractIdle: ${name} must be a finite number ≥ 0, got ${value}`);
  }
}

/**
 * Split a measured energy into idle and active parts. Kept as a separate split rather than
 * replacing the total: an idle-subtracted figure is a secondary view (what the code itself
 * added), and a reviewer must be able to see both. Invalid arguments are programming errors
 * (energies and durations cannot be negative) and throw a RangeError.
 */
export function subtractIdle(input: SubtractIdleInput): IdleSplit {
  requireNonNegative("energyJ", input.energyJ);
  requireNonNegative("durationS", input.durationS);
  requireNonNegative("idlePowerW", input.idlePowerW);
  const baselineJ = input.idlePowerW * input.durationS;
  const idleEnergyJ = Math.min(baselineJ, input.energyJ);
  return {
    totalEnergyJ: input.energyJ,
    activeEnergyJ: input.energyJ - idleEnergyJ,
    idleEnergyJ,
    idleExceededTotal: baselineJ > input.energyJ,
  };
}
