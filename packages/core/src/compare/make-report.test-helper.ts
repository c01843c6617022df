import { parseConfig } from "../config/parse-config.js";
import type { Config } from "../schema/config.js";
import type { Assumptions, Machine, Report, RunMeasurement, ScenarioReport } from "../schema/report.js";

export const testMachine: Machine = {
  cpuModel: "AMD EPYC 7763 64-Core Processor",
  vcpus: 4,
  memoryGiB: 16,
  gpus: [],
  os: "linux",
  arch: "x64",
  githubHosted: true,
  virtualised: true,
  fingerprint: "epyc-7763/4/16",
};

/** Assumptions chosen so that SCI per unit = energy J × 1e-7 / units ... see below. */
export const testAssumptions: Assumptions = {
  // 360 g/kWh = 1e-4 g per J, so a run's operational grams are energyJ × 1e-4 (PUE 1).
  intensityGPerKwh: 360,
  intensitySource: { dataset: "test", packageName: null, packageVersion: null, zone: null, year: null, description: null },
  pue: 1,
  pueSource: "test",
  embodied: [],
  powerModel: null,
  memoryWPerGb: 0,
  warnings: [],
};

export function makeConfig(budgets: string, extra = ""): Config {
  const result = parseConfig(`version: 1\nscenarios:\n  - { name: chat, run: x, unit: token }\n  - { name: long, run: y, unit: token }\n${budgets}\n${extra}`);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

export function makeRun(revision: "base" | "head", index: number, pair: number | null, energyJ: number, overrides: Partial<RunMeasurement> = {}): RunMeasurement {
  return {
    revision,
    index,
    order: 0,
    pair,
    durationS: 10,
    units: 1000,
    energyJ: { cpu: energyJ, gpu: 0, memory: 0, total: energyJ },
    activeEnergyJ: null,
    processEnergyJ: null,
    sources: { cpu: "measured:rapl", gpu: "none", memory: "none" },
    embodiedG: 0,
    cpuUtilisation: 0.5,
    processCpuS: null,
    gpuEnergyJ: [],
    exitCode: 0,
    signal: null,
    timedOut: false,
    partial: false,
    warnings: [],
    ...overrides,
  };
}

/** One report with both revisions, paired run by run: energies in joules per run of 1,000 units. */
export function makePairedReport(scenarios: Record<string, { base: number[]; head: number[]; unit?: string }>, config: Config): Report {
  const list: ScenarioReport[] = Object.entries(scenarios).map(([name, { base, head, unit }]) => ({
    name,
    unit: unit ?? "token",
    command: null,
    runs: [...base.map((e, i) => makeRun("base", i, i, e)), ...head.map((e, i) => makeRun("head", i, i, e))],
    warnings: [],
  }));
  return {
    schema: "sci-gate/report@1",
    tool: { name: "sci-gate", version: "0.0.0-test" },
    createdAt: "2026-11-28T00:00:00.000Z",
    revisions: {},
    machine: testMachine,
    assumptions: testAssumptions,
    configs: { base: config, head: config },
    scenarios: list,
    meter: { cpuS: 0, sampleHz: 10, energyJ: null },
    status: { interrupted: false, errors: [] },
  };
}
