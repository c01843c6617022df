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
} from "@sci-gate/core";
import type { GpuEnergySource } from "../samplers/gpu-energy-source.js";
import { modelGpuEnergy } from "../samplers/gpu-model-fallback.js";
import { formatRunMarker, RUN_MARKER_ENV } from "../samplers/marked-processes.js";
import { createOrphanCpuSampler } from "../samplers/orphan-cpu.js";
import type { OsCpuTimes } from "../samplers/os-cpus.js";
import { CLK_TCK } from "../samplers/proc-stat.js";
import { createProcessTreeSampler, type ProcessTreeSampler, readReapedChildrenCpuSSync } from "../samplers/process-tree.js";
import type { RaplSource } from "../samplers/rapl.js";
import { createRaplAccumulator } from "../samplers/rapl-accumulator.js";
import { extractUnits } from "../units/index.js";
import { trackRunMarker } from "./live-processes.js";
import { describeOutputTail } from "./output-tail.js";
import { spawnScenario } from "./spawn-scenario.js";
import { openUtilisationSampler } from "./utilisation-sampler.js";

/** 1 GiB = 2^30 bytes = 1.073741824 GB; CCF's memory figure is per GB. */
const gbPerGiB = 1.073741824;
/**
 * Cloud Carbon Footprint's utilisation when none is known: "unknown util 50%" (CCF methodology,
 * compute estimates; see REFERENCES.md). Used only when no utilisation reading covered a run, so
 * a run is never reported at 0 J by a model that simply had no input.
 */
const unknownUtilisation = 0.5;

/** What stays the same for every run of a suite: the machine's sources and the models. */
export interface MeterProbe {
  procRoot: string;
  rapl: RaplSource;
  /** A GPU source for one run, given the run's environment (its CUDA_VISIBLE_DEVICES decides which GPUs are its). */
  createGpuSource: ((env?: Readonly<Record<string, string | undefined>>) => GpuEnergySource) | null;
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
  /** os.cpus() for the utilisation fallback where /proc/stat cannot be read; tests inject recorded values. */
  readOsCpus?: () => readonly OsCpuTimes[];
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
  /** CPU time of the meter's Node process during this run. */
  meterCpuS: number;
  /**
   * CPU time of the children the meter reaped during the run's window (the scenario's tree, not
   * nvidia-smi, which is stopped after the window closes); null without /proc. runSuite subtracts
   * it from everything reaped to find what its own helpers cost.
   */
  reapedCpuS: number | null;
  /** A human sentence when the run failed, for the console. */
  failure: string | null;
}

/**
 * Seconds between process-tree and marked-process samples, whatever the utilisation sampling
 * rate. The tree walk reads a children file per thread and a stat per process, and the marker
 * scan lists /proc: about 20× a /proc/stat read for a small tree, far more for a suite with many
 * threads (a Node or Python server has 10–50). At 10 Hz that would be most of the meter's cost;
 * at 1 Hz it is a few hundredths of a percent of a core, and the reaped children's time read at
 * the end covers everything the walk missed in between. The recorded /proc/stat lines are parsed
 * on the same tick, in one batch.
 */
const treeIntervalS = 1;
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

  const gpuSource = probe.gpuGaveUp ? null : (probe.createGpuSource?.(spec.env) ?? null);
  const gpuStart = gpuSource ? await gpuSource.start() : null;
  if (gpuStart && !gpuStart.available) {
    warnings.push(`GPU energy not measured: ${gpuStart.reason}`);
    probe.gpuGaveUp = gpuStart.reason;
  }

  const rapl = probe.rapl.available ? createRaplAccumulator(probe.rapl.zones) : null;
  let raplBusy = false;
  const readRapl = async () => {
    if (!rapl || !probe.rapl.available || raplBusy) return;
    raplBusy = true;
    try {
      rapl.add(await probe.rapl.read());
    } finally {
      raplBusy = false;
    }
  };
  const utilisation = openUtilisationSampler(probe.procRoot, probe.readOsCpus);
  if (utilisation.warning !== null) warnings.push(utilisation.warning);
  // Processes alive now cannot carry this run's fresh marker: the scanner never reads their environ.
  const orphans = createOrphanCpuSampler(probe.procRoot, marker, process.pid, { skipExisting: true });
  const untrackMarker = trackRunMarker(probe.procRoot, marker);
  const reapedBefore = readReapedChildrenCpuSSync(probe.procRoot, "self");
  utilisation.sample();
  await readRapl();

  let tree: ProcessTreeSampler | null = null;
  let lastTreeS = nowS();
  // One repeating timer rather than a promise and a timer per sample, and as little as possible
  // per tick (a raw /proc/stat copy, RAPL when there is one): at 10–50 Hz for the whole suite,
  // what each wake costs is what the meter costs. On the 2-vCPU development VM a wake of an
  // empty Node timer alone costs ~0.2–0.4 ms of CPU (cold caches after sleeping), the copy
  // ~0.07 ms more, parsing it then ~0.1 ms more: hence the batch parse once a second.
  const loop = setInterval(() => {
    utilisation.sample();
    if (rapl) void readRapl();
    const t = nowS();
    if (t - lastTreeS >= treeIntervalS) {
      lastTreeS = t;
      utilisation.flush();
      if (tree !== null) orphans.sample(new Set(tree.sampleSync().pids));
    }
  }, 1000 / probe.sampleHz);

  const spawned = await spawnScenario({
    command: spec.command,
    cwd: spec.cwd,
    env: { ...spec.env, SCI_GATE_OUTPUT: outputFile, [RUN_MARKER_ENV]: runId },
    timeoutS: spec.timeoutS,
    signal: spec.signal,
    onStart: (pid) => {
      tree = createProcessTreeSampler(probe.procRoot, pid);
    },
    // Every marked process still alive; the scan also records the CPU of those outside the tree.
    findStragglers: async () => [...orphans.sample()],
  });
  clearInterval(loop);
  untrackMarker();
  utilisation.sample();
  utilisation.close();
  await readRapl();
  // Before nvidia-smi is stopped and reaped: its CPU is the meter's, not the suite's.
  const reapedAfter = readReapedChildrenCpuSSync(probe.procRoot, "self");
  const gpuResult = gpuSource ? await gpuSource.stop() : null;
  const reapedCpuS = reapedBefore.available && reapedAfter.available ? Math.max(0, reapedAfter.cpuS - reapedBefore.cpuS) : null;
  const processCpuS = combineProcessCpuS(reapedCpuS, (tree as ProcessTreeSampler | null)?.ticksByProcess() ?? new Map(), orphans.orphanTicks());
  const durationS = spawned.durationS;

  // CPU: the RAPL package counter when it stayed valid, else the power model on utilisation.
  let cpuJ: number;
  let memoryJ: number;
  let cpuSource: SourceTag;
  let memorySource: SourceTag;
  const samples = utilisation.samples;
  const modelled = energyFromUtilisation(samples, (u) => probe.cpuModel.powerW(u));
  const raplEnergy = rapl?.result() ?? null;
  if (raplEnergy?.valid) {
    cpuJ = raplEnergy.packageEnergyJ;
    cpuSource = "measured:rapl-package";
  } else {
    if (raplEnergy && !raplEnergy.valid) warnings.push(`RAPL dropped, CPU energy modelled instead: ${raplEnergy.reason}`);
    cpuSource = `modelled:${probe.cpuModel.name}`;
    if (modelled.durationS > 0) cpuJ = modelled.energyJ;
    else {
      // No reading spanned the run (no source, or a run shorter than one tick): 0 J would read
      // as "this run drew nothing", so the model is applied at CCF's unknown-utilisation default.
      cpuJ = probe.cpuModel.powerW(unknownUtilisation) * durationS;
      warnings.push(`no CPU utilisation reading covered the run: CPU energy modelled at ${unknownUtilisation * 100} % utilisation (Cloud Carbon Footprint's default when utilisation is unknown)`);
    }
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
    const why = gpuResult
      ? gpuStart?.available === false
        ? gpuStart.reason
        : (gpuResult.incompleteReason ?? "nvidia-smi stopped or reported no power mid-run")
      : `${probe.gpuGaveUp} (on an earlier run; not retried)`;
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
  const busyCpuS = samples.slice(1).reduce((sum, s, i) => sum + s.util * (s.tS - samples[i]!.tS), 0) * probe.vcpus;
  const processShare = busyCpuS > 0 && processCpuS !== null ? Math.min(1, processCpuS / busyCpuS) : null;
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
    if (!counted.ok) failure = counted.message;
    else {
      units = counted.units;
      // SCI per unit of nothing is undefined: a comparison would refuse this run, so the run says so now.
      if (units === 0) failure = `scenario "${spec.scenario}": reported 0 units (${counted.detail}); expected at least one ${spec.unit} per run: SCI is carbon per ${spec.unit}, undefined for none`;
    }
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
    reapedCpuS,
    failure,
  };
}

/**
 * The scenario's CPU seconds from three views, none counting a process twice: what the meter
 * reaped (every waited-for descendant, complete), plus the orphans that only the marker scan saw;
 * or, when more, the union of every process the tree walk and the scan saw at their highest
 * reading (processes killed before anyone waited for them are only there). Null without /proc.
 */
export function combineProcessCpuS(reapedCpuS: number | null, treeTicks: ReadonlyMap<string, number>, orphanTicks: ReadonlyMap<string, number>): number | null {
  if (reapedCpuS === null && treeTicks.size === 0 && orphanTicks.size === 0) return null;
  let orphanSum = 0;
  let union = 0;
  for (const [key, ticks] of orphanTicks) {
    orphanSum += ticks;
    union += Math.max(ticks, treeTicks.get(key) ?? 0);
  }
  for (const [key, ticks] of treeTicks) if (!orphanTicks.has(key)) union += ticks;
  return Math.max((reapedCpuS ?? 0) + orphanSum / CLK_TCK, union / CLK_TCK);
}

