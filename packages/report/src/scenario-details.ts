import type { Assumptions, LogInterval, Machine, ScenarioDiff, SideSummary, SourceTag } from "@sci-gate/core";
import { describeEmbodiedItems, describeIntensitySource, describePue, formatIntensity } from "./assumption-text.js";
import {
  formatCompactCount,
  formatGroupedSignificant,
  formatConfidence,
  formatPct,
  formatPctInterval,
  formatQuantity,
  formatShort,
  formatSignedPct,
  formatSignificant,
} from "./format-number.js";
import { describePerUnits, formatEnergyJ, formatInScale, formatMassG, formatSciMass, pluraliseUnit, type SciScale, selectEnergyScale, selectMassScale } from "./scale.js";
import { formatChange, missingFigure, selectRowScale } from "./scenario-figures.js";
import { projectYearlyG, type Volume } from "./volume.js";

/**
 * Where each figure of a scenario came from, as labelled facts in raw text. The markdown
 * renderer puts them in a collapsible section and the console prints them indented, so both
 * say the same thing.
 */
export interface DetailFact {
  label: string;
  text: string;
}

export interface ComponentRow {
  component: string;
  /** Mean energy per run, base and head, in one scale per row. */
  base: string;
  head: string;
  source: string;
}

export interface ScenarioDetails {
  components: ComponentRow[];
  facts: DetailFact[];
  warnings: string[];
}

export interface DetailContext {
  assumptions: Assumptions;
  machine: Machine | null;
  volume: Volume | null;
  /** Whether the config subtracts an idle baseline (hardware.idleBaseline), which changes what E covers. */
  idleSubtracted: boolean;
}

const components = ["cpu", "gpu", "memory"] as const;
const componentNames: Record<(typeof components)[number], string> = { cpu: "CPU", gpu: "GPU", memory: "Memory" };

function describeSources(base: SourceTag | undefined, head: SourceTag | undefined): string {
  if (base === undefined || head === undefined || base === head) return base ?? head ?? "none";
  return `base ${base}, head ${head}`;
}

function describeComponents(base: SideSummary | null, head: SideSummary | null): ComponentRow[] {
  const rows: ComponentRow[] = [];
  const pair = (b: number | undefined, h: number | undefined) => {
    const scale = selectEnergyScale(b ?? h ?? 0);
    const show = (j: number | undefined) => (j === undefined ? missingFigure : `${formatGroupedSignificant(j / scale.factor)} ${scale.symbol}`);
    return { base: show(b), head: show(h) };
  };
  for (const component of components) {
    rows.push({
      component: componentNames[component],
      ...pair(base?.energyJ[component], head?.energyJ[component]),
      source: describeSources(base?.sources[component], head?.sources[component]),
    });
  }
  rows.push({ component: "Total", ...pair(base?.energyJ.total, head?.energyJ.total), source: "" });
  return rows;
}

/** Components whose energy comes from a model rather than a counter, said next to the figures. */
function describeModelled(diff: ScenarioDiff): string | null {
  const modelled = new Set<string>();
  for (const side of [diff.base, diff.head]) {
    if (side === null) continue;
    for (const component of components) {
      if (side.sources[component].startsWith("modelled:")) modelled.add(`${componentNames[component]} (${side.sources[component]})`);
    }
  }
  return modelled.size === 0 ? null : `${[...modelled].join(", ")}: estimated from utilisation, not read from an energy counter`;
}

function describeIntensity(assumptions: Assumptions): string {
  const label = assumptions.intensitySource.description === null ? "" : ` ${assumptions.intensitySource.description}`;
  return `${formatIntensity(assumptions.intensityGPerKwh)}, location-based,${label} (${describeIntensitySource(assumptions.intensitySource)})`;
}

function pair(base: string | null, head: string | null): string {
  return `${base ?? missingFigure} → ${head ?? missingFigure}`;
}

function describeEmbodied(diff: ScenarioDiff, scale: SciScale | null, assumptions: Assumptions): string {
  const perUnit = (side: SideSummary | null) => (side === null || scale === null ? null : formatSciMass(side.embodiedGPerUnit, scale));
  const perUnitText = scale === null ? "" : ` CO2e ${describePerUnits(scale, diff.unit)}`;
  const share = diff.head !== null && diff.head.sciGPerUnit > 0 ? ` (${formatPct((diff.head.embodiedGPerUnit / diff.head.sciGPerUnit) * 100)} of the head's SCI)` : "";
  return `${pair(perUnit(diff.base), perUnit(diff.head))}${perUnitText}${share}; from ${describeEmbodiedItems(assumptions.embodied)}`;
}

function describeSide(side: SideSummary | null): string {
  if (side === null) return "no runs that count";
  const failed = side.failedRuns > 0 ? `, ${side.failedRuns} failed` : "";
  return `${side.okRuns} of ${side.runs} ok${failed}`;
}

function describeRuns(diff: ScenarioDiff): string {
  const parts = [`base ${describeSide(diff.base)}`, `head ${describeSide(diff.head)}`];
  if (diff.sci !== null) {
    const method = diff.sci.method === "paired-t" ? "paired t interval" : "Welch t interval";
    parts.push(`${diff.pairing}, ${diff.sci.n} ${diff.pairing === "paired" ? "pairs" : "runs on the smaller side"}, ${method}`);
  } else parts.push(diff.pairing);
  const cv = (side: SideSummary | null) => (side === null || side.cv === null ? null : formatPct(side.cv * 100));
  parts.push(`CV of SCI per run ${pair(cv(diff.base), cv(diff.head))}`);
  return parts.join("; ");
}

const toPct = (interval: LogInterval) => ({ lower: Math.expm1(interval.lower) * 100, upper: Math.expm1(interval.upper) * 100 });

function describeMovement(diff: ScenarioDiff, scale: SciScale | null): string | null {
  const d = diff.decomposition;
  if (d === null) return null;
  const plural = pluraliseUnit(diff.unit);
  const moves = `energy per ${diff.unit} ${formatSignedPct(d.energyPerUnitPct)}, ${plural} per run ${formatSignedPct(d.unitsPerRunPct)}, run time ${formatSignedPct(d.durationPct)}`;
  if (scale === null) return moves;
  const mass = (g: number) => formatSciMass(g, scale, true);
  return `${moves}; SCI ${mass(d.deltaSciGPerUnit)} ${describePerUnits(scale, diff.unit)} = operational ${mass(d.deltaOperationalGPerUnit)} + embodied ${mass(d.deltaEmbodiedGPerUnit)}`;
}

function describeMachine(machine: Machine | null, diff: ScenarioDiff): string {
  const fingerprints = diff.base !== null && diff.head !== null && diff.base.machineFingerprint !== diff.head.machineFingerprint
    ? `different machines: base ${diff.base.machineFingerprint}, head ${diff.head.machineFingerprint}`
    : `fingerprint ${(diff.head ?? diff.base)?.machineFingerprint ?? "unknown"}`;
  if (machine === null) return fingerprints;
  const gpus = machine.gpus.length === 0 ? "no GPU" : machine.gpus.map((gpu) => gpu.model).join(", ");
  const hosting = machine.githubHosted ? ", GitHub-hosted" : "";
  return `${machine.cpuModel}, ${machine.vcpus} vCPUs, ${formatShort(machine.memoryGiB)} GiB; ${gpus}; ${machine.os} ${machine.arch}${hosting}; ${fingerprints}`;
}

/**
 * "at 2 billion tokens per day: 13.0 t → 14.2 t CO2e per year (+1.22 t/yr)". The difference is
 * said on its own scale: both totals can round to the same "13.0 t" while the year differs by
 * hundreds of kilograms.
 */
export function describeVolume(volume: Volume, diff: ScenarioDiff): string {
  const yearly = (side: SideSummary | null) => (side === null ? null : projectYearlyG(volume, side.sciGPerUnit));
  const base = yearly(diff.base);
  const head = yearly(diff.head);
  const show = (grams: number | null) => (grams === null ? null : formatMassG(grams));
  const delta = base === null || head === null ? "" : ` (${formatInScale(head - base, selectMassScale(head - base), true)}/yr)`;
  return `at ${formatCompactCount(volume.units)} ${pluraliseUnit(diff.unit)} per ${volume.per}: ${pair(show(base), show(head))} CO2e per year${delta}`;
}

export function describeScenarioDetails(diff: ScenarioDiff, context: DetailContext): ScenarioDetails {
  const scale = selectRowScale(diff);
  const facts: DetailFact[] = [{ label: "Decided by", text: diff.decidedBy }];
  const energy = (side: SideSummary | null) => (side === null ? null : formatEnergyJ(side.energyJPerUnit));
  const energyChange = diff.energyPerUnit === null ? "" : `, ${formatChange(diff.energyPerUnit)}`;
  const scope = context.idleSubtracted ? " (above the idle baseline: hardware.idleBaseline is on)" : " (whole machine)";
  facts.push({ label: `E per ${diff.unit}`, text: `${pair(energy(diff.base), energy(diff.head))}${energyChange}${scope}` });
  const modelled = describeModelled(diff);
  if (modelled !== null) facts.push({ label: "Modelled energy", text: modelled });
  facts.push({ label: "I", text: describeIntensity(context.assumptions) });
  facts.push({ label: "PUE", text: describePue(context.assumptions) });
  facts.push({ label: "M", text: describeEmbodied(diff, scale, context.assumptions) });
  const units = (side: SideSummary | null) => (side === null ? null : formatQuantity(side.unitsPerRun));
  const seconds = (side: SideSummary | null) => (side === null ? null : `${formatSignificant(side.durationS)} s`);
  facts.push({
    label: "R",
    text: `${pair(units(diff.base), units(diff.head))} ${pluraliseUnit(diff.unit)} per run (run time ${pair(seconds(diff.base), seconds(diff.head))})`,
  });
  facts.push({ label: "Runs", text: describeRuns(diff) });
  if (diff.sci?.robust) {
    const robust = diff.sci.robust;
    facts.push({
      label: "Robust check",
      text: `Hodges–Lehmann ${formatSignedPct(robust.pct.estimate)}, exact Wilcoxon ${formatConfidence(robust.achievedConfidence)} interval ${formatPctInterval(robust.pct.lower, robust.pct.upper)}`,
    });
  }
  if (diff.sci?.bootstrap) {
    const bootstrap = toPct(diff.sci.bootstrap);
    facts.push({ label: "Bootstrap", text: `${formatConfidence(diff.sci.bootstrap.confidence)} percentile interval ${formatPctInterval(bootstrap.lower, bootstrap.upper)}` });
  }
  const movement = describeMovement(diff, scale);
  if (movement !== null) facts.push({ label: "What moved", text: movement });
  facts.push({ label: "Machine", text: describeMachine(context.machine, diff) });
  if (context.volume !== null) facts.push({ label: "Production volume", text: describeVolume(context.volume, diff) });
  return { components: describeComponents(diff.base, diff.head), facts, warnings: diff.warnings };
}
