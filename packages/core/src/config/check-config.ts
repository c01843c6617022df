import type { GridErrorCode } from "../grid/grid-input-error.js";
import { type GridLocationFields, resolveIntensity } from "../grid/resolve-intensity.js";
import { selectCpuPowerModel } from "../power-models/select-cpu-model.js";
import type { Config } from "../schema/config.js";
import { matchesUnit, parseMassPerUnit } from "../schema/mass-per-unit.js";
import { quoteText } from "./issues.js";

/** A problem the schema cannot see, at a path of the document (located by the caller). */
export interface ConfigFinding {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

export interface ConfigCheck {
  readonly errors: ConfigFinding[];
  readonly warnings: ConfigFinding[];
}

/**
 * What a parsed config refers to that only the data can confirm: the grid location (country,
 * zone, year), the named power model, and that a ceiling's unit word is the scenario's unit.
 * All of it is pure lookups, so it is checked at parse time, where the error can name the
 * line, instead of when the suite starts. `raw` is the document as written (the ceiling texts).
 */
export function checkConfig(config: Config, raw: unknown): ConfigCheck {
  const errors: ConfigFinding[] = [];
  const warnings: ConfigFinding[] = [];
  checkLocation(config, errors, warnings);
  checkPowerModel(config, errors);
  checkCeilingUnits(config, raw, errors);
  return { errors, warnings };
}

/** Where in `location` each kind of grid error lies. */
const locationField: Readonly<Record<GridErrorCode, string | null>> = {
  "unknown-country": "country",
  "no-country-figure": "country",
  "unknown-zone": "zone",
  "year-unavailable": "year",
  "invalid-intensity": "intensityGPerKwh",
  "invalid-location": null,
};

function checkLocation(config: Config, errors: ConfigFinding[], warnings: ConfigFinding[]): void {
  const location = config.location;
  if (location === undefined) return;
  const resolved = resolveIntensity(location as GridLocationFields);
  if (!resolved.ok) {
    const field = locationField[resolved.error.code];
    errors.push({ path: field === null ? ["location"] : ["location", field], message: resolved.error.message });
    return;
  }
  const field = location.intensityGPerKwh !== undefined ? "intensityGPerKwh" : location.zone !== undefined ? "zone" : "country";
  for (const warning of resolved.warnings) warnings.push({ path: ["location", field], message: warning });
}

function checkPowerModel(config: Config, errors: ConfigFinding[]): void {
  const cpu = config.hardware?.cpu;
  if (cpu?.powerModel === undefined) return;
  // The vCPUs come from the machine at run time; any positive count tells whether the name and
  // the TDP a model needs are there.
  const selection = selectCpuPowerModel({
    cpuModel: cpu.model,
    vcpus: cpu.vcpus ?? 1,
    tdpW: cpu.tdpW,
    threadsPerChip: cpu.threadsPerChip,
    provider: cpu.provider,
    override: cpu.powerModel,
  });
  if (!selection.ok) errors.push({ path: ["hardware", "cpu", "powerModel"], message: selection.error.message });
}

/**
 * Whether the "*" budget at `index` is the one whose ceilings a scenario gets: a later "*" entry
 * or a named entry with ceilings of its own replaces them (as compare's resolveBudget reads them).
 */
function decidesCeiling(config: Config, index: number, scenario: string): boolean {
  return !config.budgets.some(
    (other, i) => other.maxSciGPerUnit !== undefined && ((other.scenario === "*" && i > index) || other.scenario === scenario),
  );
}

function rawCeiling(raw: unknown, index: number, level: "warn" | "fail"): unknown {
  const budgets = (raw as { budgets?: unknown } | null)?.budgets;
  if (!Array.isArray(budgets)) return undefined;
  const ceilings = (budgets[index] as { maxSciGPerUnit?: unknown } | null)?.maxSciGPerUnit;
  return ceilings !== null && typeof ceilings === "object" ? (ceilings as Record<string, unknown>)[level] : undefined;
}

/**
 * "0.4 mg per 1k requests" on a scenario that counts tokens is a ceiling a thousand times off
 * or meaningless: the unit word, when given, must be the unit of every scenario the ceiling
 * applies to (a named one, or every scenario "*" still decides for).
 */
function checkCeilingUnits(config: Config, raw: unknown, errors: ConfigFinding[]): void {
  config.budgets.forEach((budget, index) => {
    if (budget.maxSciGPerUnit === undefined) return;
    const applies =
      budget.scenario === "*"
        ? config.scenarios.filter((scenario) => decidesCeiling(config, index, scenario.name))
        : config.scenarios.filter((scenario) => scenario.name === budget.scenario);
    for (const level of ["warn", "fail"] as const) {
      const text = rawCeiling(raw, index, level);
      if (typeof text !== "string") continue;
      const word = parseMassPerUnit(text)?.unitWord ?? null;
      if (word === null) continue;
      const others = applies.filter((scenario) => !matchesUnit(word, scenario.unit));
      if (others.length === 0) continue;
      const shown = quoteText(text);
      if (budget.scenario !== "*") {
        errors.push({ path: ["budgets", index, "maxSciGPerUnit", level], message: `expected a ceiling per ${others[0]!.unit} (the unit of scenario "${budget.scenario}"), got ${shown}, which is per ${word}` });
        continue;
      }
      const listed = others
        .slice(0, 4)
        .map((scenario) => `scenario "${scenario.name}" counts ${scenario.unit}`)
        .join(", ");
      const more = others.length > 4 ? ` and ${others.length - 4} more` : "";
      const own = others.length === 1 ? "that scenario a budget of its own" : "those scenarios budgets of their own";
      errors.push({
        path: ["budgets", index, "maxSciGPerUnit", level],
        message: `expected a ceiling per the unit of every scenario it applies to, but ${shown} is per ${word} and ${listed}${more}; give ${own}`,
      });
    }
  });
}
