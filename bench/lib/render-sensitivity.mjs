import { formatFixed, formatRate, formatSignedPct, renderTable } from "./format.mjs";
import { readGateDefaults } from "./render-noise.mjs";

const gateLabel = (gate) =>
  gate.kind === "sci-gate" ? `sci-gate, ${gate.budgetPct} % budget` : `ratio > ${Math.round(gate.threshold * 100)} % (1 run)`;

/** A rate, named by what it means: a fail of a change above the budget detects it, any other fail is false. */
export function renderRateCell(cell) {
  return `${formatRate(cell.rate)} ${cell.shouldFail ? "detected" : "false fail"}`;
}

/** The regression × pairs table: one row per level and number of pairs, one column per gate. */
export function renderSensitivityTable(analysis) {
  const header = [
    "added work per token",
    "measured change (95 % CI, all pairs)",
    "pairs",
    ...analysis.gates.map(gateLabel),
    `theory, ${analysis.predictedBudgetPct} % budget (measured change, pooled σ)`,
  ];
  const rows = analysis.levels.flatMap((level) =>
    level.rows.map((row, i) => {
      const m = level.measured.pct;
      const measured = i > 0 ? "" : m ? `${formatSignedPct(m.estimate)} (${formatSignedPct(m.lower)} … ${formatSignedPct(m.upper)})` : "n/a";
      const predicted = row.predicted === null ? "n/a" : formatRate(row.predicted);
      return [i > 0 ? "" : `+${level.extraWorkPct} %`, measured, String(row.pairs), ...analysis.gates.map((g) => renderRateCell(row.cells[g.id])), predicted];
    }),
  );
  return renderTable(header, ["r", "l", "r", ...analysis.gates.map(() => "r"), "r"], rows);
}

/** The measured σ beside the smallest increase any paired test could catch at that σ. */
export function renderLimitsTable(limits) {
  const rows = limits.rows.map((r) => [
    String(r.pairs),
    `±${formatFixed(r.halfWidthPct, 1)} %`,
    formatSignedPct(r.zDetectablePct),
    formatSignedPct(r.tDetectablePct),
  ]);
  return renderTable(
    ["pairs n", "95 % interval half-width", `detectable, σ known: exp(ln(1 + ${limits.budgetPct} %) + ${limits.zSum.toFixed(3)}·σ/√n) − 1`, "detectable, gate's t rule (power 0.95)"],
    ["r", "r", "r", "r"],
    rows,
  );
}

/** How the sci-gate cells drew their samples, from the cells themselves. */
function describeDraws(analysis) {
  const cells = analysis.levels.flatMap((l) => l.rows.flatMap((r) => Object.values(r.cells).filter((c) => c.withReplacement !== undefined)));
  const replaced = cells.some((c) => c.withReplacement);
  return replaced ? "drawn without replacement where n ≤ the recorded pairs, with replacement beyond" : "drawn without replacement";
}

/** Why compare.minPairs was set as it was, against the default a user gets. */
function describeMinPairs(minPairs, defaultMinPairs) {
  if (minPairs < defaultMinPairs) return `\`compare.minPairs: ${minPairs}\` so that ${minPairs} pairs can fail at all (the default ${defaultMinPairs} turns a fail on fewer pairs into a warning)`;
  return `\`compare.minPairs: ${minPairs}\`${minPairs === defaultMinPairs ? " (the default)" : ""}`;
}

export function renderSensitivitySection(analysis, dataset, defaults = readGateDefaults()) {
  const pairsFor = analysis.limits?.pairsFor;
  const ratioGates = analysis.gates.filter((g) => g.kind === "ratio");
  const policies = [...new Set(ratioGates.map((g) => g.budgetPct))];
  const budgetPct = analysis.limits?.budgetPct ?? analysis.predictedBudgetPct;
  return [
    `Model \`${dataset.model}\`; ${analysis.levels.map((l) => l.recordedPairs).join("/")} recorded pairs per level (+${analysis.levels.map((l) => l.extraWorkPct).join(" / +")} %), interleaved by the meter (B H, H B …). Each sci-gate cell: ${analysis.resamples} seeded samples of n recorded pairs (${describeDraws(analysis)}), judged by \`compareReports\` on operational SCI per token, i.e. energy per token × the shared I and PUE (embodied carbon set aside: under the measured assumptions it is ${(analysis.embodiedShare * 100).toFixed(0)} % of these runs' SCI, and it grows with wall time, not with the work done), with a fail budget only and ${describeMinPairs(analysis.minPairs, defaults.minPairs)}.` +
      (ratioGates.length > 0
        ? ` Ratio gates: every base run against every head run (github-action-benchmark's single-run rule), judged against a ${policies.join(" / ")} % policy (the budget the tightest threshold encodes); they do not depend on n.`
        : "") +
      ` Last column: the probability that the gate's rule fails, from the noncentral t for normal log ratios at the level's measured change and the pooled σ below.`,
    "",
    renderSensitivityTable(analysis),
    "",
    analysis.sigma
      ? `Measured paired noise: σ = sd of ln(head/base) per pair, pooled within levels = **${analysis.sigma.sd.toFixed(4)}** (${analysis.sigma.df} degrees of freedom). Smallest increase a paired test can fail with 95 % detection and a 2.5 % one-sided false-fail rate, for a ${budgetPct} % budget:`
      : "Too few pairs to estimate σ.",
    "",
    analysis.limits ? renderLimitsTable(analysis.limits) : "",
    "",
    pairsFor
      ? `Pairs needed to fail a +${pairsFor.trueIncreasePct} % change against the ${budgetPct} % budget 95 % of the time at this σ: ${pairsFor.pairs ?? `not within 1,000 (${pairsFor.reason})`}.`
      : "",
  ].join("\n");
}
