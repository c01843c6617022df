/** Reports and configs for the renderer's tests: the machine, meter and runs a comparison was made from. */
import { type Config, configSchema, type Report, type RunMeasurement, type ScenarioDiff } from "@sci-gate/core";
import { franceAssumptions, gpuMachine, runnerMachine } from "./fixtures.test-helper.js";

export function buildConfig(volumes: Record<string, { units: number; per: "day" | "week" | "month" | "year" }> = {}, names: string[] = []): Config {
  return configSchema.parse({
    version: 1,
    location: { country: "FR" },
    scenarios: names.map((name) => ({
      name,
      run: `python bench.py --scenario ${name}`,
      unit: name === "embed" || name === "batch-score" ? "request" : name === "image-gen" ? "image" : "token",
      ...(volumes[name] ? { volume: volumes[name] } : {}),
    })),
    budgets: [{ scenario: "*", maxIncreasePct: { warn: 2, fail: 5 } }],
  });
}

export function buildRun(revision: "base" | "head", index: number, spec: { energyJ: number; units: number | null; durationS: number }, extra: Partial<RunMeasurement> = {}): RunMeasurement {
  return {
    revision,
    index,
    order: index * 2 + (revision === "head" ? 1 : 0),
    pair: index,
    durationS: spec.durationS,
    units: spec.units,
    energyJ: { cpu: spec.energyJ * 0.94, gpu: 0, memory: spec.energyJ * 0.06, total: spec.energyJ },
    activeEnergyJ: null,
    processEnergyJ: null,
    sources: { cpu: "measured:rapl", gpu: "none", memory: "measured:rapl-dram" },
    embodiedG: 0,
    cpuUtilisation: 0.97,
    processCpuS: spec.durationS * 3.9,
    gpuEnergyJ: [],
    exitCode: 0,
    signal: null,
    timedOut: false,
    partial: false,
    warnings: [],
    ...extra,
  };
}

export function buildReport(scenarios: Report["scenarios"] = [], overrides: Partial<Report> = {}): Report {
  return {
    schema: "sci-gate/report@1",
    tool: { name: "sci-gate", version: "0.1.0" },
    createdAt: "2025-06-02T09:14:00.000Z",
    revisions: { base: { sha: "4e1c2a9", ref: "main", configHash: "c0ffee" }, head: { sha: "9b7f3d1", ref: "feat/kv-cache", configHash: "c0ffee" } },
    machine: runnerMachine,
    assumptions: franceAssumptions,
    configs: {},
    scenarios,
    meter: { cpuS: 4.2, sampleHz: 10, energyJ: 612 },
    status: { interrupted: false, errors: [] },
    ...overrides,
  };
}

/** A report whose scenarios carry only what the renderer looks up (machine), no runs. */
export function buildReportFor(diffs: readonly ScenarioDiff[], overrides: Partial<Report> = {}): Report {
  return buildReport(
    diffs.map((diff) => ({
      name: diff.name.slice(0, 64) || "unnamed",
      unit: diff.unit.slice(0, 32) || "unit",
      command: `python bench.py --scenario ${diff.name}`,
      ...(diff.name === "image-gen" ? { machine: gpuMachine } : {}),
      runs: [],
      warnings: [],
    })),
    overrides,
  );
}
