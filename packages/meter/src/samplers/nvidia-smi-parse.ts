/**
 * Parsers for nvidia-smi `--format=csv,noheader,nounits` lines. Values are separated by ", ";
 * a field the GPU or driver cannot report prints as a bracketed word (`[N/A]`,
 * `[Not Supported]`, `[Unknown Error]` …) even with nounits, and becomes null here.
 */

/** The streaming query; its field order is what parseNvidiaSmiPowerLine expects. */
export const POWER_QUERY_FIELDS = ["index", "name", "power.draw", "utilization.gpu", "memory.used"] as const;
/** The one-shot fingerprint query; its field order is what parseNvidiaSmiInfoLine expects. */
export const INFO_QUERY_FIELDS = ["index", "name", "uuid", "driver_version", "power.limit", "memory.total"] as const;

/** A field nvidia-smi printed as `[…]` instead of a value. */
export interface MissingField {
  readonly field: string;
  /** As printed, e.g. `[N/A]`. */
  readonly value: string;
}

export interface GpuPowerReading {
  readonly index: number;
  readonly name: string;
  readonly powerW: number | null;
  readonly utilPercent: number | null;
  readonly memoryUsedMiB: number | null;
}

export type ParsedLine<T> =
  | { readonly ok: true; readonly value: T; readonly missing: readonly MissingField[] }
  | { readonly ok: false; readonly reason: string };

const BRACKETED = /^\[.*\]$/;

/**
 * Split a CSV line into exactly `count` fields. GPU names contain no ", " today, but if one
 * ever did, the surplus is folded back into the name (field 1) rather than shifting the
 * numbers after it.
 */
function splitFields(line: string, count: number): string[] | null {
  const parts = line.split(",").map((part) => part.trim());
  if (parts.length < count) return null;
  const surplus = parts.length - count;
  return [parts[0]!, parts.slice(1, 2 + surplus).join(", "), ...parts.slice(2 + surplus)];
}

type NumberField = { ok: true; value: number | null } | { ok: false };

function readNumber(raw: string, field: string, missing: MissingField[]): NumberField {
  if (BRACKETED.test(raw)) {
    missing.push({ field, value: raw });
    return { ok: true, value: null };
  }
  const value = Number(raw);
  return raw !== "" && Number.isFinite(value) ? { ok: true, value } : { ok: false };
}

function readIndex(raw: string): number | null {
  return /^\d+$/.test(raw) ? Number(raw) : null;
}

/** Parse one line of `--query-gpu=index,name,power.draw,utilization.gpu,memory.used`. */
export function parseNvidiaSmiPowerLine(line: string): ParsedLine<GpuPowerReading> {
  const fields = splitFields(line, POWER_QUERY_FIELDS.length);
  if (fields === null) return { ok: false, reason: `expected ${POWER_QUERY_FIELDS.length} fields` };
  const [rawIndex, name, rawPower, rawUtil, rawMemory] = fields as [string, string, string, string, string];
  const index = readIndex(rawIndex);
  if (index === null) return { ok: false, reason: `GPU index "${rawIndex}" is not a number` };
  const missing: MissingField[] = [];
  const powerW = readNumber(rawPower, "power.draw", missing);
  const utilPercent = readNumber(rawUtil, "utilization.gpu", missing);
  const memoryUsedMiB = readNumber(rawMemory, "memory.used", missing);
  if (!powerW.ok || !utilPercent.ok || !memoryUsedMiB.ok) {
    return { ok: false, reason: "a numeric field holds neither a number nor a bracketed placeholder" };
  }
  if (powerW.value !== null && powerW.value < 0) return { ok: false, reason: `negative power ${powerW.value} W` };
  return {
    ok: true,
    value: { index, name, powerW: powerW.value, utilPercent: utilPercent.value, memoryUsedMiB: memoryUsedMiB.value },
    missing,
  };
}

export interface GpuInfo {
  readonly index: number;
  readonly name: string;
  readonly uuid: string;
  readonly driverVersion: string;
  /** Board power limit; null where the board does not report it. */
  readonly powerLimitW: number | null;
  readonly memoryTotalMiB: number | null;
}

/** Parse one line of `--query-gpu=index,name,uuid,driver_version,power.limit,memory.total`. */
export function parseNvidiaSmiInfoLine(line: string): ParsedLine<GpuInfo> {
  const fields = splitFields(line, INFO_QUERY_FIELDS.length);
  if (fields === null) return { ok: false, reason: `expected ${INFO_QUERY_FIELDS.length} fields` };
  const [rawIndex, name, uuid, driverVersion, rawLimit, rawMemory] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const index = readIndex(rawIndex);
  if (index === null) return { ok: false, reason: `GPU index "${rawIndex}" is not a number` };
  const missing: MissingField[] = [];
  const powerLimitW = readNumber(rawLimit, "power.limit", missing);
  const memoryTotalMiB = readNumber(rawMemory, "memory.total", missing);
  if (!powerLimitW.ok || !memoryTotalMiB.ok) {
    return { ok: false, reason: "a numeric field holds neither a number nor a bracketed placeholder" };
  }
  return {
    ok: true,
    value: { index, name, uuid, driverVersion, powerLimitW: powerLimitW.value, memoryTotalMiB: memoryTotalMiB.value },
    missing,
  };
}
