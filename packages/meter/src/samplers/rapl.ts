import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { parseCount, type ReadTextResult, readText, readTextSync } from "./read-text.js";

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
  /**
   * Reads one counter file; injected so tests can produce what a fixture tree cannot (EACCES
   * when the tests run as root). Default: read the file.
   */
  readonly readCounterFile?: (path: string) => Promise<ReadTextResult>;
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

/** Zones whose energy is summed: packages (core and uncore are inside them) and dram. */
export function isMeasuredZone(zone: RaplZone): boolean {
  return (zone.kind === "package" && zone.parentId === null) || zone.kind === "dram";
}

async function readZoneValue(
  zone: RaplZone,
  readCounterFile: (path: string) => Promise<ReadTextResult>,
): Promise<RaplZoneValue> {
  const path = join(zone.path, "energy_uj");
  const read = await readCounterFile(path);
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
  // Synchronous by default: a sysfs counter read costs ~15 µs that way against ~200 µs through
  // the promise API, and the loop reads every zone at the sampling rate.
  const readCounterFile = options.readCounterFile ?? ((path: string) => Promise.resolve(readTextSync(path)));
  if ((await listDir(powercapRoot)) === null) {
    return {
      available: false,
      reason: `${powercapRoot} does not exist (no powercap: not Linux, a VM, or the RAPL driver is not loaded)`,
      zones: [],
    };
  }
  const zones = await discoverRaplZones(powercapRoot);
  const measuredZones = zones.filter(isMeasuredZone);
  if (!measuredZones.some((zone) => zone.kind === "package")) {
    return { available: false, reason: `no powercap zones: no RAPL package zone under ${powercapRoot}`, zones };
  }
  for (const zone of measuredZones) {
    const value = await readZoneValue(zone, readCounterFile);
    if (!value.ok) return { available: false, reason: value.reason, zones };
  }
  return {
    available: true,
    zones,
    measuredZones,
    async read(): Promise<RaplReading> {
      const tS = nowS();
      // In parallel, so the zones of one reading are as close in time as the event loop allows.
      return { tS, values: await Promise.all(measuredZones.map((zone) => readZoneValue(zone, readCounterFile))) };
    },
  };
}
