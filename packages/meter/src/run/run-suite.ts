import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { buildAssumptions, findConfigLine, formatIssue, planRunOrder, type Report, type ScenarioConfig, type ScenarioReport, subtractIdle } from "@sci-gate/core";
import { createNvidiaSmiPowerSource } from "../samplers/nvidia-smi.js";
import { readReapedChildrenCpuSSync } from "../samplers/process-tree.js";
import { openRapl } from "../samplers/rapl.js";
import { describeUnitsSourceProblem } from "../units/index.js";
import { writeFileAtomic } from "./atomic-write.js";
import { detectMachine } from "./machine.js";
import { measureRun, type MeterProbe } from "./measure-run.js";
import { describeOutputTail } from "./output-tail.js";
import { spawnScenario } from "./spawn-scenario.js";
import type { MeterSources, RunSuiteOptions, RunSuiteResult } from "./types.js";

const hashText = (text: string) => `sha256:${createHash("sha256").update(text).digest("hex").slice(0, 16)}`;

/** Scenario i (0-based, in config order) belongs to shard (i mod n) + 1: stable as scenarios are appended. */
export function selectShard<T>(items: readonly T[], shard: { index: number; count: number }): T[] {
  return items.filter((_, i) => i % shard.count === shard.index - 1);
}

/**
 * Measures the suite: for each scenario, warm-up runs, then the counted runs, base and head
 * interleaved when a base is given. The report is rewritten after every run, so an interrupted
 * or failed suite still leaves every finished run on disk.
 */
export async function runSuite(options: RunSuiteOptions): Promise<RunSuiteResult> {
  // The meter's own CPU from the first line: machine detection, setup's spawning, report writes.
  const meterCpuStart = process.cpuUsage();
  const sources: MeterSources = {
    procRoot: options.sources?.procRoot ?? "/proc",
    powercapRoot: options.sources?.powercapRoot ?? "/sys/class/powercap",
    nvidiaSmi: options.sources?.nvidiaSmi === undefined ? (options.env.SCI_GATE_NVIDIA_SMI ?? "nvidia-smi") : options.sources.nvidiaSmi,
  };
  const reapedStart = readReapedChildrenCpuSSync(sources.procRoot, "self");
  const configDisplay = options.configDisplay ?? options.configPath;
  const messages: string[] = [];
  const headConfig = options.config;
  const rules = options.base?.config ?? headConfig;
  const { machine, warnings: machineWarnings } = await detectMachine(sources, options.env);
  const built = buildAssumptions(rules, machine, options.base ? `${configDisplay} (base)` : configDisplay);
  const started = new Date().toISOString();
  const emptyReport = (): Report => ({
    schema: "sci-gate/report@1",
    tool: { name: "sci-gate", version: options.toolVersion },
    createdAt: started,
    revisions: {
      ...(options.base ? { base: { sha: options.base.sha, ref: options.base.ref, configHash: hashText(options.base.configText) } } : {}),
      head: { sha: options.head?.sha ?? null, ref: options.head?.ref ?? null, configHash: hashText(options.configText) },
    },
    machine,
    assumptions: built.ok
      ? { ...built.value.assumptions, warnings: [...built.value.assumptions.warnings, ...machineWarnings] }
      : {
          intensityGPerKwh: 0,
          intensitySource: { dataset: "none", packageName: null, packageVersion: null, zone: null, year: null, description: null },
          pue: 1,
          pueSource: "none",
          embodied: [],
          powerModel: null,
          memoryWPerGb: 0,
          warnings: [],
        },
    configs: { ...(options.base ? { base: options.base.config } : {}), head: headConfig },
    scenarios: [],
    meter: { cpuS: 0, sampleHz: headConfig.sampling.hz, energyJ: null },
    status: { interrupted: false, errors: [] },
  });
  const report = emptyReport();
  if (!built.ok) {
    return { report, status: "invalid", messages: built.errors.map(formatIssue) };
  }

  let selected: ScenarioConfig[] = [...headConfig.scenarios];
  if (options.scenarios && options.scenarios.length > 0) {
    const known = new Set(selected.map((s) => s.name));
    const unknown = options.scenarios.filter((n) => !known.has(n));
    if (unknown.length > 0) {
      return { report, status: "invalid", messages: [`${configDisplay}: no scenario named ${unknown.map((n) => `"${n}"`).join(", ")} (known: ${[...known].join(", ")})`] };
    }
    selected = selected.filter((s) => options.scenarios!.includes(s.name));
  }
  if (options.shard) selected = selectShard(selected, options.shard);
  for (const scenario of selected) {
    const problem = describeUnitsSourceProblem(scenario.units);
    if (problem !== null) {
      // A config error like any other (formatIssue's "file:line path: problem"), so the user can go straight to it.
      const index = headConfig.scenarios.indexOf(scenario);
      const line = findConfigLine(options.configText, ["scenarios", index, "units", problem.field]) ?? findConfigLine(options.configText, ["scenarios", index, "units"]);
      return { report, status: "invalid", messages: [`${configDisplay}${line === null ? "" : `:${line}`} scenarios[${index}].units.${problem.field}: ${problem.problem}`] };
    }
  }

  const rapl = await openRapl(sources.powercapRoot);
  if (!rapl.available) report.assumptions.warnings.push(`RAPL not used: ${rapl.reason}`);
  const probe: MeterProbe = {
    procRoot: sources.procRoot,
    rapl,
    createGpuSource:
      machine.gpus.length > 0 && sources.nvidiaSmi !== null
        ? (runEnv) =>
            createNvidiaSmiPowerSource({
              binary: sources.nvidiaSmi!,
              intervalMs: Math.max(20, 1000 / headConfig.sampling.hz),
              // The run's own environment: a scenario's `env: { CUDA_VISIBLE_DEVICES: "1" }` decides which GPUs are its.
              env: runEnv ?? options.env,
              powerLimitsW: Object.fromEntries(machine.gpus.map((gpu) => [gpu.index, gpu.powerLimitW])),
              ...(options.sources?.nvidiaSmiStartTimeoutMs === undefined ? {} : { startTimeoutMs: options.sources.nvidiaSmiStartTimeoutMs }),
            })
        : null,
    gpus: machine.gpus,
    gpuGaveUp: null,
    cpuModel: built.value.cpuModel,
    memoryWPerGb: built.value.memoryWPerGb,
    memoryGiB: machine.memoryGiB,
    vcpus: machine.vcpus,
    sampleHz: headConfig.sampling.hz,
    assumptions: built.value.assumptions,
  };

  const outputDir = await mkdtemp(join(tmpdir(), "sci-gate-out-"));
  const configDir = relative(options.headDir, dirname(resolve(options.headDir, options.configPath)));
  const cwdFor = (root: string, scenario: ScenarioConfig) => resolve(root, configDir, scenario.cwd ?? ".");
  // Setup and runs see where the head tree is, so a base worktree can reuse the head's installed tools.
  const env = { ...options.env, SCI_GATE_HEAD_DIR: options.headDir };
  // CPU of children the meter reaped that belong to the suite (scenario runs, setup commands);
  // whatever else it reaped was its own helpers (nvidia-smi), and counts as the meter's.
  let suiteReapedCpuS = 0;
  const ownCpuS = () => {
    const node = process.cpuUsage(meterCpuStart);
    const reapedNow = readReapedChildrenCpuSSync(sources.procRoot, "self");
    const helpersCpuS = reapedStart.available && reapedNow.available ? Math.max(0, reapedNow.cpuS - reapedStart.cpuS - suiteReapedCpuS) : 0;
    return (node.user + node.system) / 1e6 + helpersCpuS;
  };
  const countRun = (measured: { reapedCpuS: number | null }) => {
    suiteReapedCpuS += measured.reapedCpuS ?? 0;
  };
  let failed = false;
  const save = async () => {
    const meterCpuS = ownCpuS();
    report.meter.cpuS = meterCpuS;
    // The meter's own energy: its CPU seconds at the model's full-load power per vCPU.
    report.meter.energyJ = (meterCpuS * probe.cpuModel.powerW(1)) / Math.max(1, probe.vcpus);
    if (options.outPath) await writeFileAtomic(options.outPath, `${JSON.stringify(report, null, 2)}\n`);
  };

  try {
    // Each tree builds itself with its own config's setup: the head's commands run anyway (they
    // are the PR's code), and a base setup could not build a head that changed how it builds.
    const trees: Array<["base" | "head", string, string | undefined]> = options.base
      ? [
          ["base", options.base.dir, options.base.config.setup],
          ["head", options.headDir, headConfig.setup],
        ]
      : [["head", options.headDir, headConfig.setup]];
    for (const [revision, dir, setup] of trees) {
      if (!setup) continue;
      options.onProgress?.({ kind: "setup", revision, command: setup });
      const reapedBefore = readReapedChildrenCpuSSync(sources.procRoot, "self");
      const result = await spawnScenario({ command: setup, cwd: resolve(dir, configDir), env: { ...env, SCI_GATE_REVISION: revision }, timeoutS: 3600, signal: options.signal });
      const reapedAfter = readReapedChildrenCpuSSync(sources.procRoot, "self");
      if (reapedBefore.available && reapedAfter.available) suiteReapedCpuS += Math.max(0, reapedAfter.cpuS - reapedBefore.cpuS);
      if (result.exitCode !== 0) {
        failed = true;
        const why = result.spawnError ?? `exited with code ${result.exitCode ?? result.signal}`;
        const printed = describeOutputTail(result.stderrTail, result.stdoutTail, 12);
        messages.push(`setup "${setup}" failed in the ${revision} tree (${resolve(dir, configDir)}): ${why}${printed ? `; its last output:\n${printed}` : ""}`);
        report.status.errors.push(messages[messages.length - 1]!);
        await save();
        return { report, status: options.signal?.aborted ? "interrupted" : "suite-failed", messages };
      }
    }
    // Idle baseline: the machine's power with nothing of ours running, so each run can also say
    // how much it drew above idle (reported beside the total, never instead of it).
    let idlePowerW: number | null = null;
    if (rules.hardware?.idleBaseline && !options.signal?.aborted) {
      const idle = await measureRun(probe, {
        scenario: "idle-baseline",
        unit: "s",
        command: "sleep 3",
        cwd: options.headDir,
        env,
        timeoutS: 30,
        units: { from: "fixed", count: 1 },
        revision: "head",
        index: 0,
        order: -1,
        pair: null,
        outputDir,
        signal: options.signal,
        warmup: true,
      });
      // Not counted as the suite's: the baseline is the meter's own instrument, and its cost the meter's.
      if (idle.failure === null && idle.run.durationS > 0) {
        idlePowerW = idle.run.energyJ.total / idle.run.durationS;
        report.assumptions.warnings.push(`idle baseline: ${idlePowerW.toFixed(2)} W over ${idle.run.durationS.toFixed(1)} s (${idle.run.sources.cpu}); activeEnergyJ is each run's energy above it`);
      } else report.assumptions.warnings.push(`idle baseline not taken: ${idle.failure ?? "no duration"}`);
    }
    let order = 0;
    for (const scenario of selected) {
      if (options.signal?.aborted) break;
      const baseScenario = options.base?.config.scenarios.find((s) => s.name === scenario.name) ?? null;
      if (options.base && !baseScenario) messages.push(`scenario "${scenario.name}" is new in the head: measured on the head only`);
      const revisions = options.base && baseScenario ? (["base", "head"] as const) : (["head"] as const);
      const entry: ScenarioReport = { name: scenario.name, unit: scenario.unit, command: scenario.run, runs: [], warnings: [] };
      report.scenarios.push(entry);
      const runs = options.runs ?? scenario.runs;
      const specFor = (revision: "base" | "head") => {
        const definition = revision === "base" ? baseScenario! : scenario;
        const root = revision === "base" ? options.base!.dir : options.headDir;
        return {
          scenario: scenario.name,
          unit: scenario.unit,
          command: definition.run,
          cwd: cwdFor(root, definition),
          env: { ...env, SCI_GATE_REVISION: revision, ...(definition.env ?? {}) },
          timeoutS: definition.timeout,
          units: definition.units,
          outputDir,
          signal: options.signal,
        };
      };
      const warmups = Math.max(scenario.warmup, baseScenario?.warmup ?? 0);
      for (let w = 0; w < warmups && !options.signal?.aborted; w++) {
        for (const revision of revisions) {
          options.onProgress?.({ kind: "run-start", scenario: scenario.name, revision, warmup: true, runNumber: w + 1, runsTotal: warmups });
          const measured = await measureRun(probe, { ...specFor(revision), revision, index: w, order: -1, pair: null, warmup: true });
          countRun(measured);
          options.onProgress?.({ kind: "run-end", scenario: scenario.name, revision, warmup: true, runNumber: w + 1, runsTotal: warmups, durationS: measured.run.durationS, ok: measured.failure === null, message: measured.failure });
          if (measured.failure !== null && !options.signal?.aborted) {
            entry.warnings.push(`warm-up ${w + 1} (${revision}) failed: ${measured.failure}`);
          }
        }
      }
      const plan = planRunOrder({ runs, revisions, order: rules.compare.order, seed: rules.compare.seed ?? scenario.name });
      for (const planned of plan) {
        if (options.signal?.aborted) break;
        options.onProgress?.({ kind: "run-start", scenario: scenario.name, revision: planned.revision, warmup: false, runNumber: planned.index + 1, runsTotal: runs });
        const measured = await measureRun(probe, { ...specFor(planned.revision), revision: planned.revision, index: planned.index, order, pair: planned.pair });
        order++;
        countRun(measured);
        if (idlePowerW !== null) {
          const split = subtractIdle({ energyJ: measured.run.energyJ.total, durationS: measured.run.durationS, idlePowerW });
          measured.run.activeEnergyJ = split.activeEnergyJ;
          if (split.idleExceededTotal) {
            const runPowerW = measured.run.durationS > 0 ? measured.run.energyJ.total / measured.run.durationS : 0;
            measured.run.warnings.push(
              `idle baseline ${idlePowerW.toFixed(2)} W exceeds this run's measured ${runPowerW.toFixed(2)} W: activeEnergyJ is capped at 0 J, and the baseline was likely taken at a busier moment (the total energy is unaffected)`,
            );
          }
        }
        entry.runs.push(measured.run);
        options.onProgress?.({
          kind: "run-end",
          scenario: scenario.name,
          revision: planned.revision,
          warmup: false,
          runNumber: planned.index + 1,
          runsTotal: runs,
          durationS: measured.run.durationS,
          ok: measured.failure === null,
          message: measured.failure,
        });
        if (measured.failure !== null && !measured.run.partial) {
          failed = true;
          // Units messages already start with the scenario's name: say it once.
          const own = `scenario "${scenario.name}": `;
          const detail = measured.failure.startsWith(own) ? measured.failure.slice(own.length) : measured.failure;
          const message = `scenario "${scenario.name}" ${planned.revision} run ${planned.index + 1}: ${detail}`;
          messages.push(message);
          report.status.errors.push(message);
        }
        await save();
      }
    }
    if (options.signal?.aborted) {
      report.status.interrupted = true;
      messages.push("interrupted: the report keeps every run finished so far");
    }
    await save();
  } finally {
    await rm(outputDir, { recursive: true, force: true });
  }
  return { report, status: options.signal?.aborted ? "interrupted" : failed ? "suite-failed" : "ok", messages };
}
