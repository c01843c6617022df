import type { InputIssue } from "../config/issues.js";
import { ccfServerEmbodiedG } from "../embodied/ccf-server-embodied.js";
import { SECONDS_PER_YEAR, SERVER_LIFETIME_S } from "../embodied/expected-lifetime.js";
import { githubRunnerEmbodied } from "../embodied/github-runner-embodied.js";
import { gpuBoardEmbodied, lookupGpuEmbodied } from "../embodied/gpu-embodied.js";
import { defaultPue } from "../grid/pue.js";
import { resolveIntensity, type GridLocation } from "../grid/resolve-intensity.js";
import { CCF_MEMORY_W_PER_GB } from "../power-models/ccf-memory.js";
import { ECO_CI_MODEL_NAME } from "../power-models/eco-ci.js";
import { identifyCpu } from "../power-models/identify-cpu.js";
import type { PowerModel } from "../power-models/power-model.js";
import { selectCpuPowerModel } from "../power-models/select-cpu-model.js";
import { TEADS_MODEL_NAME } from "../power-models/teads.js";
import type { Config } from "../schema/config.js";
import type { Assumptions, EmbodiedItem, Machine } from "../schema/report.js";

/** Threads of the host a VM is assumed to share: the GitHub runner's EPYC 7763 (64 cores, 128 threads; Eco-CI). */
const assumedHostThreads = 128;

/**
 * The runner Eco-CI's embodied share describes: GitHub-hosted, Linux on x64, an AMD EPYC 7763
 * (its server is the one the 1,151.7 kg figure is for). macOS (Apple silicon or Intel), ARM64
 * and other x64 runners sit on other hardware.
 */
function isGithubEpycRunner(machine: Machine, cpuModel: string): boolean {
  const cpu = identifyCpu(cpuModel);
  return machine.githubHosted && /^linux$/i.test(machine.os) && /^(x64|amd64|x86_64)$/i.test(machine.arch) && cpu.recognised && cpu.isEpyc7763;
}

export interface BuiltAssumptions {
  assumptions: Assumptions;
  /** The CPU model used when no energy counter is readable. */
  cpuModel: PowerModel;
  /** Watts per GB of memory when the CPU model leaves memory out; 0 when it includes it. */
  memoryWPerGb: number;
}

export type BuildAssumptionsResult = { ok: true; value: BuiltAssumptions } | { ok: false; errors: InputIssue[] };

/**
 * Turns the config and the machine into the figures SCI needs (I, PUE, M, the power model),
 * each with its source, so the report can be recomputed and a comparison can hold both sides
 * to one methodology.
 */
export function buildAssumptions(config: Config, machine: Machine, file = "sci-gate.yml"): BuildAssumptionsResult {
  const errors: InputIssue[] = [];
  const warnings: string[] = [];
  const fail = (path: string, message: string) => errors.push({ file, line: null, column: null, path, message });

  const intensity = resolveIntensity(config.location as GridLocation | undefined);
  let intensitySource: Assumptions["intensitySource"] = {
    dataset: "none",
    packageName: null,
    packageVersion: null,
    zone: null,
    year: null,
    description: null,
  };
  let intensityGPerKwh = 0;
  if (!intensity.ok) {
    // The grid module's message already names the close matches.
    fail("location", intensity.error.message);
  } else {
    intensityGPerKwh = intensity.intensityGPerKwh;
    warnings.push(...intensity.warnings);
    const source = intensity.source;
    intensitySource =
      source.dataset === "explicit"
        ? { dataset: "explicit", packageName: null, packageVersion: null, zone: null, year: null, description: source.description }
        : source.dataset === "ember-annual-average"
          ? { dataset: source.dataset, packageName: source.packageName, packageVersion: source.packageVersion, zone: source.key, year: source.year, description: source.label }
          : { dataset: source.dataset, packageName: source.packageName, packageVersion: source.packageVersion, zone: source.zone, year: source.year, description: source.label };
  }

  const cpu = config.hardware?.cpu;
  const pueDefault = defaultPue({ provider: cpu?.provider, githubHosted: machine.githubHosted });
  const pue = config.pue ?? pueDefault.pue;
  const pueSource = config.pue !== undefined ? `pue in ${file}` : `${pueDefault.source} (${pueDefault.reason})`;

  const cpuModel = cpu?.model ?? machine.cpuModel;
  const selection = selectCpuPowerModel({
    cpuModel,
    vcpus: cpu?.vcpus ?? machine.vcpus,
    tdpW: cpu?.tdpW,
    threadsPerChip: cpu?.threadsPerChip,
    provider: cpu?.provider,
    runner: { githubHosted: machine.githubHosted, os: machine.os, arch: machine.arch },
    override: cpu?.powerModel,
  });
  if (!selection.ok) {
    fail("hardware.cpu.powerModel", selection.error.message);
    return { ok: false, errors };
  }
  warnings.push(...selection.warnings);
  if (cpu?.tdpW !== undefined && selection.model.name !== TEADS_MODEL_NAME) {
    // A TDP the user took the trouble to give must not vanish silently.
    warnings.push(
      `hardware.cpu.tdpW (${cpu.tdpW} W) is not used: ${selection.reason} Set hardware.cpu.powerModel: ${TEADS_MODEL_NAME} to use the TDP instead.`,
    );
  }
  // Eco-CI's curve is of the whole runner share, RAM and PSU included: adding memory would count it twice.
  const memoryWPerGb = selection.model.name === ECO_CI_MODEL_NAME ? 0 : CCF_MEMORY_W_PER_GB;

  const embodied: EmbodiedItem[] = [];
  const configured = config.hardware?.embodied;
  if (configured) {
    embodied.push({
      name: "machine (configured)",
      totalG: configured.totalKg * 1000,
      lifetimeS: configured.lifetimeYears * SECONDS_PER_YEAR,
      resourcesReserved: configured.resourcesReserved,
      resourcesTotal: configured.resourcesTotal,
      source: configured.source,
    });
  } else if (isGithubEpycRunner(machine, cpuModel)) {
    const share = githubRunnerEmbodied(machine.vcpus);
    embodied.push({
      name: `GitHub-hosted runner share (${machine.vcpus} vCPU)`,
      totalG: share.totalEmbodiedG,
      lifetimeS: share.lifetimeS,
      resourcesReserved: share.resourcesReserved,
      resourcesTotal: share.resourcesTotal,
      source: share.source,
    });
  } else {
    const memoryGb = Math.round(machine.memoryGiB);
    const server = ccfServerEmbodiedG({ cpus: 1, memoryGb, ssds: 1, hdds: 0, gpus: 0 });
    if (server.ok) {
      // Every GitHub-hosted runner is a VM, whatever /proc/cpuinfo shows (macOS has none).
      const virtualised = machine.virtualised || machine.githubHosted;
      // A VM reserves a share of a host we cannot see: take the GitHub reference host's 128
      // threads as the total (Eco-CI's figure), rather than charging the whole server to it.
      const reserved = virtualised ? machine.vcpus : 1;
      const total = virtualised ? assumedHostThreads : 1;
      if (machine.githubHosted) {
        warnings.push(
          `GitHub-hosted runner that is not the Linux x64 AMD EPYC 7763 one (${machine.os}/${machine.arch}, CPU "${cpuModel}"): Eco-CI's runner share does not apply, so embodied carbon is CCF's server formula shared as ${machine.vcpus} of ${assumedHostThreads} host threads (an assumption); set hardware.embodied for your runner`,
        );
      } else if (virtualised) {
        warnings.push(
          `virtual machine: embodied carbon is CCF's server formula shared as ${machine.vcpus} of ${assumedHostThreads} host threads (an assumption); set hardware.embodied for your host`,
        );
      }
      embodied.push({
        name: virtualised
          ? `server share (${machine.vcpus} of ${assumedHostThreads} host threads; host 1 CPU, ${memoryGb} GB, 1 SSD)`
          : `server (1 CPU, ${memoryGb} GB, 1 SSD), whole machine reserved`,
        totalG: server.totalEmbodiedG,
        lifetimeS: server.lifetimeS,
        resourcesReserved: reserved,
        resourcesTotal: total,
        source: server.source,
      });
    }
  }
  const configuredGpus = config.hardware?.gpus;
  if (configuredGpus) {
    for (const gpu of configuredGpus) {
      // A board is reserved whole (RR/ToR = 1); its life is the server's 4 years unless given.
      const lifetimeS = gpu.lifetimeYears === undefined ? SERVER_LIFETIME_S : gpu.lifetimeYears * SECONDS_PER_YEAR;
      embodied.push({ name: `GPU ${gpu.model} (configured)`, totalG: gpu.embodiedKg * 1000, lifetimeS, resourcesReserved: 1, resourcesTotal: 1, source: gpu.source });
    }
  } else {
    for (const gpu of machine.gpus) {
      const board = lookupGpuEmbodied(gpu.model);
      if (!board.ok) {
        warnings.push(`GPU ${gpu.index} (${gpu.model}): ${board.error.message}; set hardware.gpus to count its embodied carbon`);
        continue;
      }
      warnings.push(...board.warnings);
      const item = gpuBoardEmbodied(board.board);
      embodied.push({
        name: `GPU ${gpu.index} ${board.board.label}`,
        totalG: item.totalEmbodiedG,
        lifetimeS: item.lifetimeS,
        resourcesReserved: item.resourcesReserved,
        resourcesTotal: item.resourcesTotal,
        source: item.source,
      });
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      assumptions: {
        intensityGPerKwh,
        intensitySource,
        pue,
        pueSource,
        embodied,
        powerModel: { name: selection.model.name, version: selection.model.version, source: `${selection.model.source}; ${selection.reason}` },
        memoryWPerGb,
        warnings,
      },
      cpuModel: selection.model,
      memoryWPerGb,
    },
  };
}
