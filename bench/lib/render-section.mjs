import { renderActionSection, renderOverheadSection, renderScaleSection } from "./render-costs.mjs";
import { renderNoiseTable, writeNoiseAdvice } from "./render-noise.mjs";
import { renderSensitivitySection } from "./render-sensitivity.mjs";

function describeEnergySource(results) {
  const runs = results.sensitivity.dataset.levels.flatMap((l) => l.pairs.flatMap((p) => [p.base, p.head]));
  const util = runs.reduce((a, r) => a + (r.cpuUtilisation ?? 0), 0) / runs.length;
  const { sources, assumptions } = results.sensitivity.dataset;
  const model = assumptions.powerModel?.name ?? "a power model";
  return (
    `Energy source of every run: CPU \`${sources.cpu}\`, memory \`${sources.memory}\`. No RAPL counter is readable here, so CPU energy is modelled: ` +
    `/proc/stat utilisation of the whole machine sampled at 10 Hz × the ${model} per-vCPU power curve, plus memory power × wall time. ` +
    `Energy is therefore proportional to the machine's busy CPU time plus a fixed power × wall time — not a hardware counter. ` +
    `The machine was ${(util * 100).toFixed(0)} % busy on average during the runs (neighbours' load included), so here a run's energy tracks its wall time.`
  );
}

/** The generated part of BENCHMARKS.md for one mode: provenance first, then the five measurements. */
export function renderBenchSection(results) {
  const m = results.machine;
  return [
    `### ${results.mode === "quick" ? "Quick" : "Full"} run`,
    "",
    `\`${results.command}\` on ${results.date} — ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}; took ${results.elapsedS.toFixed(0)} s. Raw figures: \`bench/results/${results.mode}.json\`.`,
    "",
    describeEnergySource(results),
    "",
    "#### 1. Sensitivity and false alarms",
    "",
    renderSensitivitySection(results.sensitivity.analysis, results.sensitivity.dataset),
    "",
    "#### 2. Noise: interleaving and run length",
    "",
    `A/A comparisons (the same command as base and head), so any change is noise or drift. Models: ${results.models.map((m) => `${m.label} = \`${m.args}\``).join("; ")}. σ = sample sd of ln(head/base) per pair; the last column is the same on the suite's own process-tree CPU seconds (10 ms ticks), the attribution view that ignores neighbours.`,
    "",
    renderNoiseTable(results.noise.designs),
    "",
    writeNoiseAdvice(results.noise),
    "",
    "#### 3. Meter overhead",
    "",
    renderOverheadSection(results.overhead),
    "",
    "#### 4. Cost of the action",
    "",
    renderActionSection(results.action),
    "",
    "#### 5. Scale",
    "",
    renderScaleSection(results.scale),
  ].join("\n");
}
