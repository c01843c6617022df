import { parseConfig } from "../../packages/core/dist/index.js";

/**
 * The config the resampled reports are judged under: one scenario, a relative fail budget and
 * nothing else, so the verdict is the budget rule alone. minPairs is lowered to the smallest
 * number of pairs the bench resamples: with the default (5), three pairs could only ever warn,
 * which would hide the statistics behind a policy.
 */
export function buildGateConfig(budgetPct, minPairs) {
  const text = `version: 1\nlocation: { country: FR }\nscenarios:\n  - { name: chat, run: "node dist/bench.js", unit: token }\nbudgets:\n  - { scenario: "*", maxIncreasePct: { fail: ${budgetPct} } }\ncompare: { confidence: 0.95, minPairs: ${minPairs} }\n`;
  const parsed = parseConfig(text, "bench-gate.yml");
  if (!parsed.ok) throw new Error(`bench gate config is invalid: ${JSON.stringify(parsed.errors)}`);
  return parsed.value;
}

function toRunMeasurement(revision, pairIndex, order, recorded, sources) {
  return {
    revision,
    index: pairIndex,
    order,
    pair: pairIndex,
    durationS: recorded.durationS,
    units: recorded.units,
    energyJ: { cpu: recorded.energyJ, gpu: 0, memory: 0, total: recorded.energyJ },
    activeEnergyJ: null,
    processEnergyJ: null,
    sources,
    embodiedG: 0,
    cpuUtilisation: recorded.cpuUtilisation,
    processCpuS: recorded.processCpuS,
    gpuEnergyJ: [],
    exitCode: 0,
    signal: null,
    timedOut: false,
    partial: false,
    warnings: [],
  };
}

/**
 * A paired report holding the given pairs, renumbered 0…n−1 (a resample may draw a pair twice),
 * with the measured machine and assumptions, so compareReports scores it as it would the
 * original measurement. Only the total energy matters to the gate, so it is put on one component.
 */
export function buildPairedReport(pairs, { config, assumptions, machine, sources }, name = "chat") {
  const runs = [];
  pairs.forEach((p, i) => {
    const base = toRunMeasurement("base", i, 2 * i + (p.baseFirst ? 0 : 1), p.base, sources);
    const head = toRunMeasurement("head", i, 2 * i + (p.baseFirst ? 1 : 0), p.head, sources);
    runs.push(base, head);
  });
  return {
    schema: "sci-gate/report@1",
    tool: { name: "sci-gate", version: "bench" },
    createdAt: "1970-01-01T00:00:00.000Z",
    revisions: {},
    machine,
    assumptions,
    configs: { base: config, head: config },
    scenarios: [{ name, unit: "token", command: null, runs, warnings: [] }],
    meter: { cpuS: 0, sampleHz: 10, energyJ: null },
    status: { interrupted: false, errors: [] },
  };
}
