import { describeEnergySource } from "./render-energy-source.mjs";
import { renderActionSection, renderOverheadSection, renderScaleSection } from "./render-costs.mjs";
import { renderNoiseTable, writeNoiseAdvice } from "./render-noise.mjs";
import { renderSensitivitySection } from "./render-sensitivity.mjs";

/** The generated part of BENCHMARKS.md for one mode: provenance first, then the five measurements. */
export function renderBenchSection(results) {
  const m = results.machine;
  return [
    `### ${results.mode === "quick" ? "Quick" : "Full"} run`,
    "",
    `\`${results.command}\` on ${results.date} — ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}; took ${results.elapsedS.toFixed(0)} s. Raw figures: \`bench/results/${results.mode}.json\`.`,
    "",
    describeEnergySource(results.sensitivity.dataset),
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
