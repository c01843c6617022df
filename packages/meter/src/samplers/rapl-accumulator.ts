import { computeMaxPlausibleDeltaUj, counterDeltaUj } from "@sci-gate/core";
import { isMeasuredZone, type RaplReading, type RaplZone, type RaplZoneKind } from "./rapl.js";

export interface RaplZoneEnergy {
  readonly zoneId: string;
  readonly name: string;
  readonly kind: RaplZoneKind;
  readonly energyJ: number;
  readonly wraps: number;
}

export type RaplEnergy =
  | {
      readonly valid: true;
      /** Sum over package zones; core and uncore are inside it and never added. */
      readonly packageEnergyJ: number;
      /** Sum over dram zones; null when the machine has none. */
      readonly dramEnergyJ: number | null;
      readonly zones: readonly RaplZoneEnergy[];
      /** From the first reading to the last. */
      readonly durationS: number;
      readonly readings: number;
    }
  | {
      readonly valid: false;
      /** Why the figure cannot be trusted; the caller falls back to a model and reports this. */
      readonly reason: string;
      readonly durationS: number;
      readonly readings: number;
    };

export interface RaplAccumulator {
  /** Feed the next reading (in time order); returns the running total. */
  add(reading: RaplReading): RaplEnergy;
  result(): RaplEnergy;
}

export interface RaplAccumulatorOptions {
  /**
   * Power above which a step is treated as a counter reset rather than a wrap, per zone.
   * Default 1000 W: today's largest server packages are rated around 500 W.
   */
  readonly maxPlausiblePowerW?: number;
}

const DEFAULT_MAX_PLAUSIBLE_POWER_W = 1000;
/** Over this long with a package counter that never moved, the counter is not real (some VMs fake it). */
const STUCK_COUNTER_AFTER_S = 1;

/**
 * Accumulate successive readings into package and dram energy, handling wrap-around. Any
 * step it cannot explain — a counter file gone, an unparseable value, a backwards jump with no
 * known range, or a "wrap" implying more than `maxPlausiblePowerW` — makes the whole figure
 * invalid for good: a partial sum would be a wrong number presented as measured. Sample at
 * least every few minutes: two wraps between readings (≈44 min at 100 W for a 262 kJ range)
 * cannot be told from one.
 */
export function createRaplAccumulator(
  zones: readonly RaplZone[],
  options: RaplAccumulatorOptions = {},
): RaplAccumulator {
  const measured = zones.filter(isMeasuredZone);
  const maxPlausiblePowerW = options.maxPlausiblePowerW ?? DEFAULT_MAX_PLAUSIBLE_POWER_W;
  const totals = new Map(measured.map((zone) => [zone.id, { energyUj: 0, wraps: 0 }]));
  let previous: RaplReading | null = null;
  let firstS: number | null = null;
  let lastS: number | null = null;
  let readings = 0;
  let invalidReason: string | null = null;

  const label = (zone: RaplZone) => `RAPL zone ${zone.name} (${zone.id})`;

  function check(reading: RaplReading): string | null {
    for (const zone of measured) {
      const value = reading.values.find((v) => v.zoneId === zone.id);
      if (value === undefined) return `${label(zone)} missing from a reading`;
      if (!value.ok) return `${label(zone)}: ${value.reason} mid-run`;
    }
    return null;
  }

  function step(prev: RaplReading, next: RaplReading): string | null {
    const maxPlausibleDeltaUj = computeMaxPlausibleDeltaUj(next.tS - prev.tS, maxPlausiblePowerW);
    for (const zone of measured) {
      const a = prev.values.find((v) => v.zoneId === zone.id);
      const b = next.values.find((v) => v.zoneId === zone.id);
      if (a?.ok !== true || b?.ok !== true) continue; // already rejected by check()
      const delta = counterDeltaUj(a.energyUj, b.energyUj, zone.maxEnergyRangeUj, { maxPlausibleDeltaUj });
      if (!delta.ok) return `${label(zone)}: ${delta.problem.message}`;
      const total = totals.get(zone.id)!;
      total.energyUj += delta.deltaUj;
      if (delta.wrapped) total.wraps++;
    }
    return null;
  }

  function result(): RaplEnergy {
    const durationS = firstS !== null && lastS !== null ? lastS - firstS : 0;
    if (invalidReason !== null) return { valid: false, reason: invalidReason, durationS, readings };
    const perZone = measured.map((zone) => {
      const total = totals.get(zone.id)!;
      return { zoneId: zone.id, name: zone.name, kind: zone.kind, energyJ: total.energyUj / 1e6, wraps: total.wraps };
    });
    const sum = (kind: RaplZoneKind) =>
      perZone.filter((z) => z.kind === kind).reduce((acc, z) => acc + z.energyJ, 0);
    const packageEnergyJ = sum("package");
    if (durationS >= STUCK_COUNTER_AFTER_S && packageEnergyJ === 0) {
      return {
        valid: false,
        reason: `RAPL package counters did not advance in ${durationS.toFixed(1)} s: not a real counter (virtualised?)`,
        durationS,
        readings,
      };
    }
    return {
      valid: true,
      packageEnergyJ,
      dramEnergyJ: perZone.some((z) => z.kind === "dram") ? sum("dram") : null,
      zones: perZone,
      durationS,
      readings,
    };
  }

  return {
    add(reading: RaplReading): RaplEnergy {
      readings++;
      firstS ??= reading.tS;
      lastS = reading.tS;
      if (invalidReason === null) {
        invalidReason = check(reading);
        if (invalidReason === null && previous !== null) invalidReason = step(previous, reading);
        previous = reading;
      }
      return result();
    },
    result,
  };
}
