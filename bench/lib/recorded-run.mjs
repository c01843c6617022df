/**
 * The few figures of a measured run the harness keeps: enough to rebuild a Report the gate
 * scores exactly as it scored the original (energy, units, duration for embodied carbon), plus
 * the process-attributed CPU time and the machine's utilisation for the noise analysis, and the
 * run's source tags, so the tables say where every run's energy came from.
 */
export function recordRun(run) {
  return {
    energyJ: run.energyJ.total,
    units: run.units,
    durationS: run.durationS,
    processCpuS: run.processCpuS,
    cpuUtilisation: run.cpuUtilisation,
    sources: run.sources,
  };
}

/** Base and head runs of one report joined by their pair number, in the order they ran. */
export function extractPairs(report, scenario = report.scenarios[0]?.name) {
  const runs = report.scenarios.find((s) => s.name === scenario)?.runs ?? [];
  const byPair = new Map();
  for (const run of runs) {
    if (run.pair === null || run.units === null) continue;
    const entry = byPair.get(run.pair) ?? { pair: run.pair };
    entry[run.revision] = run;
    byPair.set(run.pair, entry);
  }
  return [...byPair.values()]
    .filter((p) => p.base && p.head)
    .sort((a, b) => a.pair - b.pair)
    .map((p) => ({ pair: p.pair, baseFirst: p.base.order < p.head.order, base: recordRun(p.base), head: recordRun(p.head) }));
}

/** Runs measured in two separate blocks (all base, then all head), paired by index as a block design would. */
export function pairBlocks(baseReport, headReport) {
  const counted = (report) => (report.scenarios[0]?.runs ?? []).filter((r) => r.units !== null).sort((a, b) => a.index - b.index);
  const base = counted(baseReport);
  const head = counted(headReport);
  const n = Math.min(base.length, head.length);
  return Array.from({ length: n }, (_, i) => ({ pair: i, baseFirst: true, base: recordRun(base[i]), head: recordRun(head[i]) }));
}
