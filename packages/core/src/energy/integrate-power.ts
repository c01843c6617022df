/** One power reading: `tS` on any monotonic clock in seconds, `powerW` the reading at that time. */
export interface PowerSample {
  readonly tS: number;
  readonly powerW: number;
}

/** An interval between two consecutive samples that was longer than the gap threshold. */
export interface PowerGap {
  readonly fromS: number;
  readonly toS: number;
  readonly durationS: number;
  /** Energy the trapezoid put into this interval: included in `energyJ`, reported so it can be judged. */
  readonly bridgedEnergyJ: number;
}

export interface IntegratePowerOptions {
  /** An interval longer than this many times the median interval is a gap. Default 5. */
  readonly gapFactor?: number;
  /** Absolute gap threshold in seconds; overrides `gapFactor` when given. */
  readonly gapThresholdS?: number;
}

export interface PowerIntegral {
  /** Trapezoid energy over the whole span, gaps bridged (linearly interpolated) and included. */
  readonly energyJ: number;
  /** Time covered by ordinary intervals (not gaps). */
  readonly coveredS: number;
  /** Time spent in gaps; `coveredS + gapS` is the span from first to last sample. */
  readonly gapS: number;
  readonly gaps: readonly PowerGap[];
  /** The threshold actually used, so a report can say what counted as a gap; null below 2 intervals. */
  readonly gapThresholdS: number | null;
  /** Samples used after dropping unusable ones. */
  readonly sampleCount: number;
  /** Samples with a non-finite time or a non-finite/negative power, left out rather than guessed. */
  readonly droppedSamples: number;
}

const DEFAULT_GAP_FACTOR = 5;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Energy from power samples at irregular times, by the trapezoid rule. Polled sources
 * (nvidia-smi, a model fed by /proc/stat) miss beats when the machine is busy, so long
 * intervals are bridged rather than dropped — dropping would bias energy low — but each one is
 * reported, so a caller can warn or reject a run whose coverage is poor.
 */
export function integratePowerJ(
  samples: readonly PowerSample[],
  opts: IntegratePowerOptions = {},
): PowerIntegral {
  const usable = samples.filter((s) => Number.isFinite(s.tS) && Number.isFinite(s.powerW) && s.powerW >= 0);
  const droppedSamples = samples.length - usable.length;
  // Sorting a copy costs little and makes the result independent of arrival order.
  const sorted = [...usable].sort((a, b) => a.tS - b.tS);
  const intervals: number[] = [];
  for (let i = 1; i < sorted.length; i++) intervals.push(sorted[i]!.tS - sorted[i - 1]!.tS);

  const positive = intervals.filter((dt) => dt > 0);
  const gapThresholdS =
    opts.gapThresholdS ?? (positive.length >= 2 ? (opts.gapFactor ?? DEFAULT_GAP_FACTOR) * median(positive) : null);

  let energyJ = 0;
  let coveredS = 0;
  let gapS = 0;
  const gaps: PowerGap[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    const dtS = b.tS - a.tS;
    const stepJ = ((a.powerW + b.powerW) / 2) * dtS;
    energyJ += stepJ;
    if (gapThresholdS !== null && dtS > gapThresholdS) {
      gapS += dtS;
      gaps.push({ fromS: a.tS, toS: b.tS, durationS: dtS, bridgedEnergyJ: stepJ });
    } else {
      coveredS += dtS;
    }
  }
  return { energyJ, coveredS, gapS, gaps, gapThresholdS, sampleCount: sorted.length, droppedSamples };
}
