import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { computeMaxPlausibleDeltaUj, counterDeltaUj } from "@sci-gate/core";
import { parseCount, readText } from "./read-text.js";

/**
 * What a zone measures, from its `name` file. Package includes core and uncore, so only
 * package (+ dram, which is outside it) is ever summed; psys spans the whole platform and
 * overlaps package.
 */
export type RaplZoneKind = "package" | "core" | "uncore" | "dram" | "psys" | "other";

export interface RaplZone {
  /** Directory name, e.g. `intel-rapl:0` or `intel-rapl:0:2`. */
  readonly id: string;
  readonly path: string;
  /** Content of `name`: `package-0`, `core`, `uncore`, `dram`, `psys` … */
  readonly name: string;
  readonly kind: RaplZoneKind;
  /** `intel-rapl:0` for `intel-rapl:0:1`; null for a top-level zone. */
  readonly parentId: string | null;
  /** Wrap point of `energy_uj`; null when unreadable (then a backwards step cannot be explained). */
  readonly maxEnergyRangeUj: number | null;
}

export type RaplZoneValue =
  | { readonly zoneId: string; readonly ok: true; readonly energyUj: number }
  | { readonly zoneId: string; readonly ok: false; readonly code: string; readonly reason: string };

export interface RaplReading {
  /** Monotonic seconds when the reads started. */
  readonly tS: number;
  readonly values: readonly RaplZoneValue[];
}

export type RaplSource =
  | {
      readonly available: true;
      /** Every zone found, for the machine fingerprint. */
      readonly zones: readonly RaplZone[];
      /** The zones `read()` reads: packages and dram. */
      readonly measuredZones: readonly RaplZone[];
      /** Read every measured zone's counter once; never throws (failures are per-zone values). */
      read(): Promise<RaplReading>;
    }
  | { readonly available: false; readonly reason: string; readonly zones: readonly RaplZone[] };

export interface OpenRaplOptions {
  /** Monotonic clock in seconds; injected so tests control time. */
  readonly nowS?: () => number;
}

const ZONE_ID = /^intel-rapl:(\d+)(?::(\d+))?$/;

function classifyZone(name: string): RaplZoneKind {
  if (/^package-\d+$/.test(name)) return "package";
  if (name === "core" || name === "uncore" || name === "dram" || name === "psys") return name;
  return "other";
}

async function listDir(path: string): Promise<string[] | null> {
  try {
    return await readdir(path);
  } catch {
    return null;
  }
}

async function readZone(id: string, path: string): Promise<RaplZone | null> {
  const name = await readText(join(path, "name"));
  if (!name.ok) return null;
  const range = await readText(join(path, "max_energy_range_uj"));
  const match = ZONE_ID.exec(id);
  return {
    id,
    path,
    name: name.text.trim(),
    kind: classifyZone(name.text.trim()),
    parentId: match?.[2] !== undefined ? `intel-rapl:${match[1]}` : null,
    maxEnergyRangeUj: range.ok ? parseCount(range.text) : null,
  };
}

/**
 * Find RAPL zones under a powercap root. /sys/class/powercap lists subzones flat beside their
 * package; under /sys/devices/virtual/powercap/intel-rapl they are nested, so both are looked
 * at. `intel-rapl-mmio:*` is skipped: it reports the same package energy through MMIO, and
 * adding it would count the package twice.
 */
export async function discoverRaplZones(powercapRoot: string): Promise<RaplZone[]> {
  const entries = (await listDir(powercapRoot)) ?? [];
  const found = new Map<string, string>();
  for (const entry of entries) if (ZONE_ID.test(entry)) found.set(entry, join(powercapRoot, entry));
  for (const [id, path] of [...found]) {
    if (id.split(":").length !== 2) continue;
    for (const nested of (await listDir(path)) ?? []) {
      if (ZONE_ID.test(nested) && !found.has(nested)) found.set(nested, join(path, nested));
    }
  }
  const zones: RaplZone[] = [];
  for (const [id, path] of found) {
    const zone = await readZone(id, path);
    if (zone !== null) zones.push(zone);
  }
  return zones.sort((a, b) => a.id.localeCompare(b.id, "en", { numeric: true }));
}

function isMeasured(zone: RaplZone): boolean {
  return (zone.kind === "package" && zone.parentId === null) || zone.kind === "dram";
}

async function readZoneValue(zone: RaplZone): Promise<RaplZoneValue> {
  const path = join(zone.path, "energy_uj");
  const read = await readText(path);
  if (!read.ok) {
    const reason =
      read.code === "EACCES" || read.code === "EPERM"
        ? `${read.reason} (root-only since CVE-2020-8694)`
        : read.code === "ENOENT"
          ? `${path} disappeared`
          : read.reason;
    return { zoneId: zone.id, ok: false, code: read.code, reason };
  }
  const energyUj = parseCount(read.text);
  if (energyUj === null) {
    return { zoneId: zone.id, ok: false, code: "EFORMAT", reason: `${path} does not hold a whole number of µJ` };
  }
  return { zoneId: zone.id, ok: true, energyUj };
}

/**
 * Open RAPL energy counters under `powercapRoot` (default /sys/class/powercap). Every
 * measured counter is read once here, so an unreadable one (usually permission: root-only
 * since CVE-2020-8694; VMs usually expose no zones) makes the source unavailable up front,
 * with the reason, instead of failing mid-run.
 */
export async function openRapl(
  powercapRoot = "/sys/class/powercap",
  options: OpenRaplOptions = {},
): Promise<RaplSource> {
  const nowS = options.nowS ?? (() => performance.now() / 1000);
  if ((await listDir(powercapRoot)) === null) {
    return {
      available: false,
      reason: `${powercapRoot} does not exist (no powercap: not Linux, a VM, or the RAPL driver is not loaded)`,
      zones: [],
    };
  }
  const zones = await discoverRaplZones(powercapRoot);
  const measuredZones = zones.filter(isMeasured);
  if (!measuredZones.some((zone) => zone.kind === "package")) {
    return { available: false, reason: `no powercap zones: no RAPL package zone under ${powercapRoot}`, zones };
  }
  for (const zone of measuredZones) {
    const value = await readZoneValue(zone);
    if (!value.ok) return { available: false, reason: value.reason, zones };
  }
  return {
    available: true,
    zones,
    measuredZones,
    async read(): Promise<RaplReading> {
      const tS = nowS();
      // In parallel, so the zones of one reading are as close in time as the event loop allows.
      return { tS, values: await Promise.all(measuredZones.map(readZoneValue)) };
    },
  };
}

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
  const measured = zones.filter(isMeasured);
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
