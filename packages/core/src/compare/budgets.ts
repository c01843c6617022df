import type { BudgetConfig, Config } from "../schema/config.js";
import { formatMassG, formatThresholdPct } from "./format-change.js";

/** The budget that applies to one scenario: a named entry overrides "*" key by key. */
export interface EffectiveBudget {
  maxIncreasePct: { warn: number | null; fail: number | null; budgetIndex: number } | null;
  maxSciGPerUnit: { warn: number | null; fail: number | null; budgetIndex: number } | null;
  enforce: boolean;
}

export function resolveBudget(budgets: readonly BudgetConfig[], scenario: string): EffectiveBudget {
  let relative: EffectiveBudget["maxIncreasePct"] = null;
  let absolute: EffectiveBudget["maxSciGPerUnit"] = null;
  let enforce = true;
  // "*" first, then the named entries, so the more specific one wins for each key it sets.
  const ordered = [
    ...budgets.map((b, i) => [b, i] as const).filter(([b]) => b.scenario === "*"),
    ...budgets.map((b, i) => [b, i] as const).filter(([b]) => b.scenario === scenario),
  ];
  for (const [budget, index] of ordered) {
    if (budget.maxIncreasePct) {
      relative = { warn: budget.maxIncreasePct.warn ?? null, fail: budget.maxIncreasePct.fail ?? null, budgetIndex: index };
    }
    if (budget.maxSciGPerUnit) {
      absolute = { warn: budget.maxSciGPerUnit.warn ?? null, fail: budget.maxSciGPerUnit.fail ?? null, budgetIndex: index };
    }
    if (budget.enforce !== undefined) enforce = budget.enforce;
  }
  return { maxIncreasePct: relative, maxSciGPerUnit: absolute, enforce };
}

type Levels = { warn: number | null; fail: number | null } | null;

const none = "none";
const describePct = (value: number | null) => (value === null ? none : `${value > 0 ? "+" : ""}${formatThresholdPct(value)}`);

/** "fail +5 % → +15 %" for each level that differs; nothing when both agree. */
function describeLevelChanges(before: Levels, after: Levels, show: (value: number | null) => string, prefix: string): string[] {
  const changes: string[] = [];
  for (const level of ["fail", "warn"] as const) {
    const from = before?.[level] ?? null;
    const to = after?.[level] ?? null;
    if (from !== to) changes.push(`${prefix}${level} ${show(from)} → ${show(to)}`);
  }
  return changes;
}

/** One scenario's budget change in a reviewer's words: "chat: fail +5 % → +15 %, warn +2 % → +3 %". */
function describeBudgetChange(name: string, unit: string, before: EffectiveBudget, after: EffectiveBudget): string | null {
  const perUnit = (grams: number | null) => (grams === null ? none : `${formatMassG(grams)} per ${unit}`);
  const parts = [
    ...describeLevelChanges(before.maxIncreasePct, after.maxIncreasePct, describePct, ""),
    ...describeLevelChanges(before.maxSciGPerUnit, after.maxSciGPerUnit, perUnit, "ceiling "),
  ];
  if (before.enforce !== after.enforce) parts.push(after.enforce ? "enforced again (enforce: true)" : "no longer enforced (enforce: false)");
  return parts.length === 0 ? null : `${name}: ${parts.join(", ")}`;
}

/** Where the grid intensity comes from, as configured: "country FR", "zone DE (2023)", "320 gCO2e/kWh (my utility 2025)". */
function describeLocation(location: Config["location"]): string {
  if (location === undefined) return "not set (the world average)";
  if (location.country !== undefined) return `country ${location.country}`;
  if (location.zone !== undefined) return `zone ${location.zone}${location.year === undefined ? "" : ` (${location.year})`}`;
  return `${location.intensityGPerKwh} gCO2e/kWh (${location.source ?? "no source"})`;
}

type Hardware = NonNullable<Config["hardware"]>;

function describeEmbodied(embodied: Hardware["embodied"]): string {
  if (embodied === undefined) return "the default";
  return `${embodied.totalKg} kg over ${embodied.lifetimeYears} years, ${embodied.resourcesReserved} of ${embodied.resourcesTotal} reserved`;
}

function describeGpus(gpus: Hardware["gpus"]): string {
  return gpus === undefined || gpus.length === 0 ? none : gpus.map((gpu) => `${gpu.model} ${gpu.embodiedKg} kg`).join(", ");
}

function describeCpu(cpu: Hardware["cpu"]): string {
  if (cpu === undefined) return "detected";
  const parts = [
    cpu.model === undefined ? null : `model "${cpu.model}"`,
    cpu.vcpus === undefined ? null : `${cpu.vcpus} vCPUs`,
    cpu.tdpW === undefined ? null : `TDP ${cpu.tdpW} W`,
    cpu.powerModel === undefined ? null : `power model ${cpu.powerModel}`,
  ].filter((part) => part !== null);
  return parts.length === 0 ? "detected" : parts.join(", ");
}

/** The hardware lines that differ, each in words. */
function describeHardwareChanges(base: Hardware | undefined, head: Hardware | undefined): string[] {
  const changes: string[] = [];
  const compareBy = <T>(label: string, pick: (h: Hardware | undefined) => T, show: (value: T) => string) => {
    const from = show(pick(base));
    const to = show(pick(head));
    if (from !== to) changes.push(`${label}: ${from} → ${to}`);
  };
  compareBy("embodied carbon", (h) => h?.embodied, describeEmbodied);
  compareBy("GPU boards", (h) => h?.gpus, describeGpus);
  compareBy("CPU", (h) => h?.cpu, describeCpu);
  compareBy("memory", (h) => h?.memory?.gib, (gib) => (gib === undefined ? "detected" : `${gib} GiB`));
  compareBy("idle baseline", (h) => h?.idleBaseline ?? false, (on) => (on ? "subtracted" : "not subtracted"));
  return changes;
}

function describeCompareChanges(base: Config["compare"], head: Config["compare"]): string[] {
  const changes: string[] = [];
  const line = (label: string, from: string, to: string) => {
    if (from !== to) changes.push(`${label}: ${from} → ${to}`);
  };
  line("confidence", `${Number((base.confidence * 100).toPrecision(6))} %`, `${Number((head.confidence * 100).toPrecision(6))} %`);
  line("minPairs", String(base.minPairs), String(head.minPairs));
  line("run order", base.order, head.order);
  line("seed", String(base.seed ?? none), String(head.seed ?? none));
  line("headline scenario", base.headline ?? "the first", head.headline ?? "the first");
  return changes;
}

/**
 * What the head's config would change about the budgets and the assumptions, one line per
 * change in a reviewer's words ("chat: fail +5 % → +15 %", "PUE: 1.185 → 1.0"), so a pull
 * request that loosens its own gate is seen at a glance. The base's rules decide regardless.
 */
export function describeRuleChanges(base: Config, head: Config): string[] {
  const changes: string[] = [];
  const units = new Map([...head.scenarios, ...base.scenarios].map((s) => [s.name, s.unit]));
  for (const [name, unit] of units) {
    const line = describeBudgetChange(name, unit, resolveBudget(base.budgets, name), resolveBudget(head.budgets, name));
    if (line !== null) changes.push(line);
  }
  const location = [describeLocation(base.location), describeLocation(head.location)];
  if (location[0] !== location[1]) changes.push(`grid location: ${location[0]} → ${location[1]}`);
  if ((base.pue ?? null) !== (head.pue ?? null)) changes.push(`PUE: ${base.pue ?? "the default"} → ${head.pue ?? "the default"}`);
  changes.push(...describeHardwareChanges(base.hardware, head.hardware), ...describeCompareChanges(base.compare, head.compare));
  return changes;
}
