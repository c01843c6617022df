/**
 * Where the recorded runs' energy came from, worded from their own source tags
 * (`measured:<source>` or `modelled:<model>`), so the text follows the machine the bench ran on:
 * a RAPL counter where one was read, the utilisation model where none was.
 */

const components = ["cpu", "memory", "gpu"];

/**
 * Every component's source tags over the recorded runs, with how many runs carried each. A
 * dataset recorded before runs kept their own tags has only the first run's: it stands for all.
 */
export function countSourceTags(dataset) {
  const runs = dataset.levels.flatMap((l) => l.pairs.flatMap((p) => [p.base, p.head]));
  const counts = Object.fromEntries(components.map((c) => [c, {}]));
  for (const run of runs) {
    const sources = run.sources ?? dataset.sources;
    for (const c of components) counts[c][sources[c]] = (counts[c][sources[c]] ?? 0) + 1;
  }
  return { runs: runs.length, perRun: runs.every((r) => r.sources !== undefined), counts };
}

const listTags = (tags, runs) =>
  Object.entries(tags)
    .map(([tag, n]) => (n === runs ? `\`${tag}\`` : `\`${tag}\` (${n} of ${runs} runs)`))
    .join(", ");

/** The meter's sentence on RAPL (why it was not used, or why it was dropped), when it left one. */
const findRaplWarning = (assumptions) => assumptions.warnings?.find((w) => w.startsWith("RAPL not used") || w.startsWith("RAPL dropped")) ?? null;

function explainCpu(tags, dataset, meanUtil) {
  const modelled = Object.keys(tags).filter((t) => t.startsWith("modelled:"));
  const measured = Object.keys(tags).filter((t) => t.startsWith("measured:"));
  const rate = dataset.sampleHz === undefined ? "" : ` sampled at ${dataset.sampleHz} Hz`;
  const lines = [];
  if (measured.length > 0) {
    lines.push(
      `CPU energy ${modelled.length > 0 ? "of the runs tagged `measured:` " : ""}is read from a hardware counter (${measured.map((t) => `\`${t}\``).join(", ")}): the whole package's energy, neighbours' load included.`,
    );
  }
  if (modelled.length > 0) {
    const rapl = findRaplWarning(dataset.assumptions);
    const model = dataset.assumptions.powerModel?.name ?? modelled[0].slice("modelled:".length);
    lines.push(
      `CPU energy ${measured.length > 0 ? "of the runs tagged `modelled:` " : ""}is modelled: /proc/stat utilisation of the whole machine${rate} × the ${model} per-vCPU power curve${rapl ? ` (the meter: "${rapl}")` : ""}. ` +
        "It is therefore proportional to the machine's busy CPU time plus a fixed power × wall time — not a hardware counter. " +
        `The machine was ${(meanUtil * 100).toFixed(0)} % busy on average during the runs (neighbours' load included), so here a run's energy tracks its wall time.`,
    );
  }
  return lines.join(" ");
}

function explainMemory(tags) {
  const parts = Object.keys(tags).map((tag) => {
    if (tag === "measured:rapl-dram") return "the RAPL DRAM counter";
    if (tag === "modelled:ccf-memory") return "modelled as memory power per GB × installed memory × wall time";
    if (tag.startsWith("modelled:")) return `included in the ${tag.slice("modelled:".length)} figure`;
    return `\`${tag}\``;
  });
  return `Memory energy: ${parts.join("; ")}.`;
}

export function describeEnergySource(dataset) {
  const { runs, perRun, counts } = countSourceTags(dataset);
  const all = dataset.levels.flatMap((l) => l.pairs.flatMap((p) => [p.base, p.head]));
  const meanUtil = all.reduce((a, r) => a + (r.cpuUtilisation ?? 0), 0) / all.length;
  const gpu = Object.keys(counts.gpu).filter((t) => t !== "none");
  return [
    `Energy sources of the ${runs} recorded runs${perRun ? "" : " (the dataset kept the first run's tags only)"}: CPU ${listTags(counts.cpu, runs)}, memory ${listTags(counts.memory, runs)}, GPU ${listTags(counts.gpu, runs)}.`,
    explainCpu(counts.cpu, dataset, meanUtil),
    explainMemory(counts.memory),
    gpu.length > 0 ? `GPU energy: ${gpu.map((t) => `\`${t}\``).join(", ")}.` : "No GPU was measured or modelled.",
  ].join(" ");
}
