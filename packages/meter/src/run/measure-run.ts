import { randomBytes } from "node:crypto";
import { join } from "node:path";
import {
  type Assumptions,
  computeEmbodiedItemsG,
  energyFromUtilisation,
  type PowerModel,
  type RunMeasurement,
  type SourceTag,
  type UnitsSource,
  type UtilisationSample,
} from "@sci-gate/core";
import type { GpuEnergySource } from "../samplers/gpu-energy-source.js";
import { modelGpuEnergy } from "../samplers/gpu-model-fallback.js";
import { findMarkedProcesses, formatRunMarker, RUN_MARKER_ENV } from "../samplers/marked-processes.js";
import { computeCpuUtilisation, openProcStatReader, type ProcStatReading } from "../samplers/proc-stat.js";
import { createProcessTreeSampler, type ProcessTreeSampler, readReapedChildrenCpuS } from "../samplers/process-tree.js";
import type { RaplSource } from "../samplers/rapl.js";
import { createRaplAccumulator } from "../samplers/rapl-accumulator.js";
import { extractUnits } from "../units/index.js";
import { describeOutputTail } from "./output-tail.js";
import { spawnScenario } from "./spawn-scenario.js";

/** 1 GiB = 2^30 bytes = 1.073741824 GB; CCF's memory figure is per GB. */
const gbPerGiB = 1.073741824;

/** What stays the same for every run of a suite: the machine's sources and the models. */
export interface MeterProbe {
  procRoot: string;
  rapl: RaplSource;
  createGpuSource: (() => GpuEnergySource) | null;
  /** The GPUs found on the machine, for the model when they cannot be measured. */
  gpus?: readonly { index: number; model: string }[];
  /**
   * Set when nvidia-smi could not start on a run (it hung or failed): later runs do not wait
   * for it again, and model the GPUs instead.
   */
  gpuGaveUp?: string | null;
  cpuModel: PowerModel;
  memoryWPerGb: number;
  memoryGiB: number;
  vcpus: number;
  sampleHz: number;
  assumptions: Assumptions;
}

export interface RunSpec {
  scenario: string;
  unit: string;
  command: string;
  cwd: string;
  env: Record<string, string | undefined>;
  timeoutS: number;
  units: UnitsSource;
  revision: "base" | "head";
  index: number;
  order: number;
  pair: number | null;
  outputDir: string;
  signal?: AbortSignal;
  /** Warm-up runs are measured the same way but their units are not required. */
  warmup?: boolean;
}

export interface MeasuredRun {
  run: RunMeasurement;
  meterCpuS: number;
  /** A human sentence when the run failed, for the console. */
  failure: string | null;
}

/** Seconds between process-tree samples, whatever the utilisation sampling rate. */
const treeIntervalS = 1;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const nowS = () => performance.now() / 1000;

/**
 * One run of a scenario, measured: spawns the command, samples /proc, RAPL and the GPUs while it
 * runs, and turns the samples into energy per component with the best source available
 * (counter over model), each figure tagged with where it came from.
 */
export async function measureRun(probe: MeterProbe, spec: RunSpec): Promise<MeasuredRun> {
  const meterCpuStart = process.cpuUsage();
  const warnings: string[] = [];
  const runId = randomBytes(6).toString("hex");
  const marker = formatRunMarker(runId);
  const outputFile = join(spec.outputDir, `${spec.scenario}.${spec.revision}.${spec.order}.${runId}.json`);

  const gpuSource = probe.gpuGaveUp ? null : (probe.createGpuSource?.() ?? null);
  const gpuStart = gpuSource ? await gpuSource.start() : null;
  if (gpuStart && !gpuStart.available) {
    warnings.push(`GPU energy not measured: ${gpuStart.reason}`);
    probe.gpuGaveUp = gpuStart.reason;
  }

  const rapl = probe.rapl.available ? createRaplAccumulator(probe.rapl.zones) : null;
  const readRapl = async () => {
    if (rapl && probe.rapl.available) rapl.add(await probe.rapl.read());
  };
  const utilisation: UtilisationSample[] = [];
  let lastStat: ProcStatReading | null = null;
  const statReader = openProcStatReader(probe.procRoot);
  if ("available" in statReader) warnings.push(`no CPU utilisation: ${statReader.reason}`);
  const sampleStat = async () => {
    const reading = "available" in statReader ? null : statReader.read();
    if (reading === null) return;
    const t = nowS();
    if (lastStat === null) {
      utilisation.push({ tS: t, util: 0 });
      lastStat = reading;
      return;
    }
    const util = computeCpuUtilisation(lastStat, reading);
    // No tick elapsed yet: keep the older reading so the next interval covers this one too.
    if (util === null) return;
    utilisation.push({ tS: t, util });
    lastStat = reading;
  };
  const reapedBefore = await readReapedChildrenCpuS(probe.procRoot, "self");
  await sampleStat();
  await readRapl();

  const treeRef: { sampler: ProcessTreeSampler | null } = { sampler: null };
  let treeCpuS = 0;
  let sampling = true;
  const intervalMs = 1000 / probe.sampleHz;
  const loop = (async () => {
    let lastTreeS = Number.NEGATIVE_INFINITY;
    while (sampling) {
      await sleep(intervalMs);
      if (!sampling) break;
      await sampleStat();
      await readRapl();
      // The process tree is the secondary figure and the costly read (a /proc scan where the kernel
      // has no children files): once a second is enough, the reaped children's time covers the rest.
      if (treeRef.sampler && nowS() - lastTreeS >= treeIntervalS) {
        lastTreeS = nowS();
        treeCpuS = Math.max(treeCpuS, (await treeRef.sampler.sample()).cpuS);
      }
    }
  })();

  const spawned = await spawnScenario({
    command: spec.command,
    cwd: spec.cwd,
    env: { ...spec.env, SCI_GATE_OUTPUT: outputFile, [RUN_MARKER_ENV]: runId },
    timeoutS: spec.timeoutS,
    signal: spec.signal,
    onStart: (pid) => {
      treeRef.sampler = createProcessTreeSampler(probe.procRoot, pid);
    },
    findStragglers: async () => {
      const found = await findMarkedProcesses(probe.procRoot, marker);
      return found.available ? [...found.pids].filter((pid) => pid !== process.pid) : [];
    },
  });
  sampling = false;
  await loop;
  await sampleStat();
  if (!("available" in statReader)) statReader.close();
  await readRapl();
  const gpuResult = gpuSource ? await gpuSource.stop() : null;
  const reapedAfter = await readReapedChildrenCpuS(probe.procRoot, "self");
  const reapedCpuS = reapedBefore.available && reapedAfter.available ? Math.max(0, reapedAfter.cpuS - reapedBefore.cpuS) : 0;
  const processCpuS = Math.max(treeCpuS, reapedCpuS);
  const durationS = spawned.durationS;

  // CPU: the RAPL package counter when it stayed valid, else the power model on utilisation.
  let cpuJ: number;
  let memoryJ: number;
  let cpuSource: SourceTag;
  let memorySource: SourceTag;
  const modelled = energyFromUtilisation(utilisation, (u) => probe.cpuModel.powerW(u));
  const raplEnergy = rapl?.result() ?? null;
  if (raplEnergy?.valid) {
    cpuJ = raplEnergy.packageEnergyJ;
    cpuSource = "measured:rapl-package";
  } else {
    if (raplEnergy && !raplEnergy.valid) warnings.push(`RAPL dropped, CPU energy modelled instead: ${raplEnergy.reason}`);
    cpuJ = modelled.energyJ;
    cpuSource = `modelled:${probe.cpuModel.name}`;
  }
  if (raplEnergy?.valid && raplEnergy.dramEnergyJ !== null) {
    memoryJ = raplEnergy.dramEnergyJ;
    memorySource = "measured:rapl-dram";
  } else if (probe.memoryWPerGb > 0) {
    memoryJ = probe.memoryWPerGb * probe.memoryGiB * gbPerGiB * durationS;
    memorySource = "modelled:ccf-memory";
  } else {
    memoryJ = 0;
    memorySource = `modelled:${probe.cpuModel.name}`;
    if (!raplEnergy?.valid) warnings.push(`memory is included in ${probe.cpuModel.name}'s figure`);
  }
  let gpuJ = 0;
  let gpuTag: SourceTag = "none";
  const gpuEnergyJ: RunMeasurement["gpuEnergyJ"] = [];
  if (gpuResult) warnings.push(...gpuResult.warnings);
  if (gpuResult && gpuResult.totalEnergyJ !== null && gpuResult.complete) {
    gpuJ = gpuResult.totalEnergyJ;
    gpuTag = gpuResult.source as SourceTag;
    for (const gpu of gpuResult.gpus) gpuEnergyJ.push({ index: gpu.index, energyJ: gpu.energyJ ?? 0 });
  } else if (gpuResult || (probe.gpuGaveUp && (probe.gpus?.length ?? 0) > 0)) {
    // A partial figure would be a wrong number presented as measured: model the run instead.
    const why = gpuResult ? (gpuStart?.available === false ? gpuStart.reason : "nvidia-smi stopped or reported no power mid-run") : `${probe.gpuGaveUp} (on an earlier run; not retried)`;
    const modelled = modelGpuEnergy(probe.gpus ?? [], gpuResult?.samples ?? [], durationS, why);
    if (modelled) {
      gpuJ = modelled.energyJ;
      gpuTag = modelled.tag;
      gpuEnergyJ.push(...modelled.perGpu);
      warnings.push(modelled.warning);
    } else {
      warnings.push(`GPU energy incomplete (${why}) and no model for the board: left out rather than under-counted`);
    }
  }
  const totalJ = cpuJ + gpuJ + memoryJ;
  const busyCpuS = utilisation.slice(1).reduce((sum, s, i) => sum + s.util * (s.tS - utilisation[i]!.tS), 0) * probe.vcpus;
  const processShare = busyCpuS > 0 ? Math.min(1, processCpuS / busyCpuS) : null;
  const meanUtil = modelled.durationS > 0 ? busyCpuS / probe.vcpus / modelled.durationS : null;

  let units: number | null = null;
  let failure: string | null = null;
  if (spawned.spawnError) failure = `could not start "${spec.command}": ${spawned.spawnError}`;
  else if (spawned.timedOut) failure = `timed out after ${spec.timeoutS} s`;
  else if (spawned.aborted) failure = "interrupted";
  else if (spawned.signal) failure = `killed by ${spawned.signal}`;
  else if (spawned.exitCode !== 0) failure = `exited with code ${spawned.exitCode}${spawned.stderrTail.trim() ? `: ${describeOutputTail(spawned.stderrTail, "", 1)}` : ""}`;
  if (failure === null && !spec.warmup) {
    const counted = await extractUnits({
      source: spec.units,
      cwd: spec.cwd,
      outputFilePath: outputFile,
      stdoutTail: spawned.stdoutTail,
      scenarioName: spec.scenario,
      expectedUnit: spec.unit,
      runStartedAtMs: Date.now() - durationS * 1000,
    });
    if (counted.ok) units = counted.units;
    else failure = counted.message;
  }
  if (failure !== null) warnings.push(failure);
  const meterCpu = process.cpuUsage(meterCpuStart);
  return {
    run: {
      revision: spec.revision,
      index: spec.index,
      order: spec.order,
      pair: spec.pair,
      durationS,
      units,
      energyJ: { cpu: cpuJ, gpu: gpuJ, memory: memoryJ, total: totalJ },
      activeEnergyJ: null,
      processEnergyJ: processShare === null ? null : cpuJ * processShare,
      sources: { cpu: cpuSource, gpu: gpuTag, memory: memorySource },
      embodiedG: computeEmbodiedItemsG(probe.assumptions.embodied, durationS),
      cpuUtilisation: meanUtil === null ? null : Math.min(1, meanUtil),
      processCpuS,
      gpuEnergyJ,
      exitCode: spawned.exitCode,
      signal: spawned.signal,
      timedOut: spawned.timedOut,
      partial: spawned.aborted,
      warnings,
    },
    meterCpuS: (meterCpu.user + meterCpu.system) / 1e6,
    failure,
  };
}

