import { computeMedian, computeRequiredPairs, parseConfig } from "../../packages/core/dist/index.js";
import { formatFixed, formatSignedPct, renderTable } from "./format.mjs";

/** The defaults a user gets without writing them: read from the schema, so the advice tracks it. */
export function readGateDefaults() {
  const parsed = parseConfig("version: 1\nscenarios:\n  - { name: s, run: x, unit: token }\n", "defaults.yml");
  if (!parsed.ok) throw new Error("the minimal config no longer parses");
  const scenario = parsed.value.scenarios[0];
  return { runs: scenario.runs, warmup: scenario.warmup, order: parsed.value.compare.order, minPairs: parsed.value.compare.minPairs };
}

export function renderNoiseTable(designs) {
  const label = { interleaved: "interleaved (B H, H B …)", blocks: "two blocks (B B … H H …)" };
  const rows = designs.map((d) => [
    d.model,
    formatFixed(d.meanDurationS, 2),
    label[d.design],
    String(d.pairs),
    d.energy.pct ? `${formatSignedPct(d.energy.pct.estimate)} (${formatSignedPct(d.energy.pct.lower)} … ${formatSignedPct(d.energy.pct.upper)})` : "n/a",
    formatFixed(d.energy.sd, 4),
    formatFixed(d.processCpu.sd, 4),
  ]);
  return renderTable(
    ["model", "mean run (s)", "order", "pairs", "A/A change (95 % CI)", "σ energy/token", "σ process CPU/token"],
    ["l", "r", "l", "r", "l", "r", "r"],
    rows,
  );
}

const find = (designs, model, design) => designs.find((d) => d.model === model && d.design === design);

/**
 * What the noise figures say about the gate's defaults, worded from the figures themselves:
 * whether interleaving and longer runs lowered σ, whether a cold first run stands out of the
 * noise, and how many pairs the measured σ needs to catch a +10 % change against a 5 % budget.
 */
export function writeNoiseAdvice(noise, defaults = readGateDefaults()) {
  const lines = [];
  const fewest = Math.min(...noise.designs.map((d) => d.pairs));
  // The standard error of a sample sd from normal data is about σ/√(2(n−1)), so the log of a
  // ratio of two independent σ estimates has a standard error of about 1/√(n−1).
  const resolvable = (factor) => Math.abs(Math.log(factor)) > 2 / Math.sqrt(fewest - 1);
  const band = `×${Math.exp(-2 / Math.sqrt(fewest - 1)).toFixed(2)} … ×${Math.exp(2 / Math.sqrt(fewest - 1)).toFixed(2)}`;
  lines.push(
    `- Precision: a σ from ${fewest} pairs is itself uncertain by about ±${(100 / Math.sqrt(2 * (fewest - 1))).toFixed(0)} % (one standard error); a ratio of two such σ inside ${band} is within ±2 standard errors of 1.`,
  );
  const interval = (d) => (d.energy.pct ? `${formatSignedPct(d.energy.pct.estimate)} (${formatSignedPct(d.energy.pct.lower)} … ${formatSignedPct(d.energy.pct.upper)})` : "n/a");
  const biased = (d) => d.energy.lower !== null && (d.energy.lower > 0 || d.energy.upper < 0);
  let favoursInterleaving = false;
  for (const model of [...new Set(noise.designs.map((d) => d.model))]) {
    const a = find(noise.designs, model, "interleaved");
    const b = find(noise.designs, model, "blocks");
    if (!a?.energy.sd || !b?.energy.sd) continue;
    const factor = b.energy.sd / a.energy.sd;
    const spread = resolvable(factor) ? (factor > 1 ? "interleaving is quieter" : "blocks were quieter in this run") : "no difference these pairs can resolve";
    const drift = biased(b) && !biased(a) ? "; the blocks report a change where there is none (drift between the two blocks), interleaving does not" : "";
    if ((resolvable(factor) && factor > 1) || drift) favoursInterleaving = true;
    lines.push(
      `- Interleaving, ${model} model: σ in blocks / σ interleaved = **${factor.toFixed(2)}×** (${spread}); A/A change in blocks ${interval(b)}, interleaved ${interval(a)}${drift}.`,
    );
  }
  lines.push(
    favoursInterleaving
      ? `- So keep \`compare.order: ${defaults.order}\` (the default): base and head side by side.`
      : `- These figures do not settle the order; \`compare.order: ${defaults.order}\` still cancels a linear drift by design.`,
  );
  // Shortest and longest runs of the interleaved designs: the run-length comparison.
  const interleaved = noise.designs.filter((d) => d.design === "interleaved").sort((x, y) => x.meanDurationS - y.meanDurationS);
  const shortest = interleaved[0];
  const longest = interleaved.length > 1 ? interleaved[interleaved.length - 1] : undefined;
  if (shortest?.energy.sd && longest?.energy.sd) {
    const factor = longest.energy.sd / shortest.energy.sd;
    const verdict = !resolvable(factor)
      ? "no difference these pairs can resolve"
      : factor < 1
        ? "longer runs are quieter; size a scenario to seconds rather than adding pairs of very short runs"
        : "longer runs were noisier in this run";
    lines.push(`- Run length: σ at ${longest.meanDurationS.toFixed(2)} s per run / σ at ${shortest.meanDurationS.toFixed(2)} s = **${factor.toFixed(2)}×** (${verdict}).`);
  }
  if (noise.coldExcess.length > 0 && shortest?.energy.sd) {
    const median = computeMedian(noise.coldExcess);
    // A pair's log ratio holds two runs' noise: one run's is σ/√2.
    const noiseLevel = Math.expm1(shortest.energy.sd / Math.SQRT2) * 100;
    lines.push(
      `- Warm-up: the first (cold) run of a suite took ${formatSignedPct(median * 100)} (median of ${noise.coldExcess.length}; ${formatSignedPct(Math.min(...noise.coldExcess) * 100)} … ${formatSignedPct(Math.max(...noise.coldExcess) * 100)}) against the suite's median run, beside a single-run noise (σ/√2) of ${noiseLevel.toFixed(1)} %` +
        (Math.abs(median * 100) > noiseLevel ? ` — above the noise, so keep \`warmup: ${defaults.warmup}\` (the default).` : ` — within the noise here; \`warmup: ${defaults.warmup}\` still guards fresh CI runners at the cost of one run per revision.`),
    );
  }
  for (const design of interleaved) {
    if (!design?.energy.sd) continue;
    const need = computeRequiredPairs({ sdLogRatio: design.energy.sd, budgetIncrease: 0.05, trueIncrease: 0.1, power: 0.9 });
    const verdict = need.ok
      ? `${need.pairs} pairs` + (need.pairs <= defaults.runs ? ` — within the default \`runs: ${defaults.runs}\`.` : ` — more than the default \`runs: ${defaults.runs}\`: on a machine this noisy, raise runs or measure on a dedicated runner.`)
      : "more than 1,000 pairs: this machine is too noisy for a 5 % budget.";
    lines.push(`- Runs (${design.model} model, σ ${design.energy.sd.toFixed(4)}): catching +10 % against a 5 % budget 90 % of the time needs ${verdict}`);
  }
  return lines.join("\n");
}
