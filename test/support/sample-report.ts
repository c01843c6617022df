import type { Report } from "@sci-gate/core";

/**
 * A small but complete sci-gate report (schema sci-gate/report@1): two scenarios, base and
 * head interleaved, figures in the ranges a 4-vCPU GitHub-hosted runner produces for the
 * tiny-llm example. It is built by hand until the meter writes real ones; the tests parse it
 * with core's parseReport, so it cannot drift from the schema unnoticed.
 */
export function buildSampleReport(overrides: Partial<Report> = {}): Report {
  const run = (revision: "base" | "head", index: number, order: number, cpuJ: number) => ({
    revision,
    index,
    order,
    pair: index,
    durationS: 12.5 + index * 0.1,
    units: 256,
    energyJ: { cpu: cpuJ, gpu: 0, memory: cpuJ * 0.08, total: cpuJ * 1.08 },
    activeEnergyJ: cpuJ * 0.7,
    processEnergyJ: cpuJ * 0.6,
    sources: { cpu: "modelled:eco-ci-epyc-7763", gpu: "none", memory: "modelled:ccf-memory" },
    embodiedG: 0.0036,
    cpuUtilisation: 0.62,
    processCpuS: 28.1,
    gpuEnergyJ: [],
    exitCode: 0,
    signal: null,
    timedOut: false,
    partial: false,
    warnings: [],
  });
  const machine = {
    cpuModel: "AMD EPYC 7763 64-Core Processor",
    vcpus: 4,
    memoryGiB: 15.6,
    gpus: [],
    os: "linux 6.8.0-1021-azure",
    arch: "x64",
    githubHosted: true,
    virtualised: true,
    fingerprint: "epyc-7763-4vcpu-16gb",
  };
  return {
    schema: "sci-gate/report@1",
    tool: { name: "sci-gate", version: "0.1.0" },
    createdAt: "2024-05-01T12:00:00Z",
    revisions: {
      base: { sha: "f95f852bd8fca8fcc58a9a2d6c842781e32a215e", ref: "main", configHash: null },
      head: { sha: "ec26c3e57ca3a959ca5aad62de7213c562f8c821", ref: "faster-decoding", configHash: null },
    },
    machine,
    assumptions: {
      intensityGPerKwh: 368.89,
      intensitySource: { dataset: "ember-annual", packageName: "@tgwf/co2", packageVersion: "0.19.0", zone: "US", year: 2023, description: "Ember annual average, United States, 2023" },
      pue: 1.185,
      pueSource: "Cloud Carbon Footprint, Azure",
      embodied: [
        {
          name: "GitHub-hosted runner share",
          totalG: 35_990.625,
          lifetimeS: 126_144_000,
          resourcesReserved: 4,
          resourcesTotal: 128,
          source: "Eco-CI",
        },
      ],
      powerModel: { name: "eco-ci-epyc-7763", version: "1", source: "Eco-CI machine-power-data" },
      memoryWPerGb: 0.392,
      warnings: [],
    },
    configs: {},
    scenarios: [
      {
        name: "chat",
        unit: "token",
        command: "python bench.py --scenario chat",
        runs: [run("base", 0, 0, 61.2), run("head", 0, 1, 58.9), run("base", 1, 2, 60.7), run("head", 1, 3, 59.3)],
        warnings: [],
      },
      {
        name: "summarise",
        unit: "request",
        command: "python bench.py --scenario summarise",
        runs: [run("base", 0, 4, 80.1), run("head", 0, 5, 81.0)],
        warnings: [],
      },
    ],
    meter: { cpuS: 0.8, sampleHz: 10, energyJ: null },
    pullRequest: { number: 2, repo: "octo-org/octo-repo", headSha: "ec26c3e57ca3a959ca5aad62de7213c562f8c821", baseSha: "f95f852bd8fca8fcc58a9a2d6c842781e32a215e" },
    status: { interrupted: false, errors: [] },
    ...overrides,
  };
}
