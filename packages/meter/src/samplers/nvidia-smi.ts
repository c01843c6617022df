import { type ChildProcess, spawn } from "node:child_process";
import { trackProcesses } from "../run/live-processes.js";
import { type GpuIdentity, parseCudaVisibleDevices, resolveVisibleGpuIndices } from "./cuda-visible-devices.js";
import {
  type GpuEnergyResult,
  type GpuEnergySource,
  type GpuPowerSample,
  type GpuStartResult,
  integrateGpuSamples,
} from "./gpu-energy-source.js";
import { type MissingField, POWER_QUERY_FIELDS, parseNvidiaSmiPowerLine } from "./nvidia-smi-parse.js";
import {
  DEFAULT_NVIDIA_SMI,
  DEFAULT_QUERY_TIMEOUT_MS,
  describeSpawnError,
  firstLine,
  queryGpuIdentities,
} from "./nvidia-smi-query.js";

export const NVIDIA_SMI_POWER_SOURCE = "measured:nvidia-smi-power.draw";

/** How long stop() waits for nvidia-smi to exit after SIGTERM before SIGKILL and moving on. */
const STOP_GRACE_MS = 2000;
/** Some garbage lines are kept verbatim for the warning; the rest are only counted. */
const GARBAGE_EXAMPLES = 3;
/**
 * A power.draw reading above this many times the board's power limit is a broken sensor or
 * field, not a load: "total board power draw is manipulated by the power management algorithm
 * such that it stays under" the enforced limit (nvidia-smi --help-query-gpu, enforced.power.limit),
 * and power.draw is a ~1 s average on Ampere and newer (REFERENCES.md), which smooths the brief
 * excursions above it. 1.5× leaves room for a limit changed mid-run and for older boards' noisier
 * sensors.
 */
export const PLAUSIBLE_POWER_LIMIT_FACTOR = 1.5;
/**
 * Without a power limit: NVIDIA's highest-power boards so far (Blackwell B200 in HGX/DGX B200 and
 * GB200 NVL72 systems) are specified at about 1.0–1.2 kW each (NVIDIA specifications, 2024), so
 * 2 kW per GPU is above every board that exists with room to spare, and far below what a garbage
 * field (9,999,999 W) reads as.
 */
export const PLAUSIBLE_POWER_W_WITHOUT_LIMIT = 2000;

/** The highest power.draw accepted from a GPU: 1.5 × its power limit when known, else 2 kW. */
export function plausiblePowerBoundW(powerLimitW: number | null | undefined): number {
  return powerLimitW !== null && powerLimitW !== undefined && powerLimitW > 0 ? PLAUSIBLE_POWER_LIMIT_FACTOR * powerLimitW : PLAUSIBLE_POWER_W_WITHOUT_LIMIT;
}

export interface NvidiaSmiPowerOptions {
  /** Path or name of nvidia-smi. Default `nvidia-smi` (looked up on PATH). */
  readonly binary?: string;
  /** Polling interval passed to `-lms`. Default 100 ms. */
  readonly intervalMs?: number;
  /**
   * The scenario's environment, for CUDA_VISIBLE_DEVICES and CUDA_DEVICE_ORDER. Default
   * process.env. Only GPUs visible to the scenario are measured.
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** How long start() waits for nvidia-smi's first sample. Default 15 000 ms. */
  readonly startTimeoutMs?: number;
  /** Monotonic clock in seconds. Default performance.now() / 1000. */
  readonly nowS?: () => number;
  /**
   * Board power limits (power.limit, W) by nvidia-smi index, from the machine fingerprint: a
   * reading above 1.5 × its limit (2 kW where unknown) is refused, and the run's GPU energy is
   * then modelled, never a wrong number presented as measured.
   */
  readonly powerLimitsW?: Readonly<Record<number, number | null>>;
}

/**
 * GPU energy by polling `power.draw` with `nvidia-smi --query-gpu=index,name,power.draw,
 * utilization.gpu,memory.used --format=csv,noheader,nounits -lms <ms>` and integrating it.
 * Each sample is stamped with `nowS()` when its line is read. power.draw is a ~1 s average on Ampere and
 * newer (except GA100) and polling sees only part of the runtime (arXiv 2312.02741), which is
 * why the GpuEnergySource interface exists for an NVML energy-counter source.
 */
export function createNvidiaSmiPowerSource(options: NvidiaSmiPowerOptions = {}): GpuEnergySource {
  const binary = options.binary ?? DEFAULT_NVIDIA_SMI;
  const intervalMs = Math.max(1, Math.round(options.intervalMs ?? 100));
  const env = options.env ?? process.env;
  const startTimeoutMs = options.startTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
  const nowS = options.nowS ?? (() => performance.now() / 1000);

  const samples: GpuPowerSample[] = [];
  const warnings: string[] = [];
  const missingCounts = new Map<string, number>();
  const garbageExamples: string[] = [];
  let garbageLines = 0;
  /** GPU index → [count, highest W] of readings above the plausible bound. */
  const implausible = new Map<number, { count: number; maxW: number; boundW: number }>();
  let burstWarned = false;
  let selected: readonly number[] | null = null;
  let child: ChildProcess | null = null;
  let exitedEarly: string | null = null;
  let stopping = false;
  let closed: Promise<void> = Promise.resolve();
  let startPromise: Promise<GpuStartResult> | null = null;
  let stopPromise: Promise<GpuEnergyResult> | null = null;

  function recordMissing(index: number, missing: readonly MissingField[]): void {
    for (const m of missing) {
      const key = `GPU ${index} ${m.field}: ${m.value}`;
      missingCounts.set(key, (missingCounts.get(key) ?? 0) + 1);
    }
  }

  function acceptChunkLines(lines: readonly string[], onSample: () => void): void {
    const seenInChunk = new Set<number>();
    for (const line of lines) {
      if (line.trim() === "") continue;
      const parsed = parseNvidiaSmiPowerLine(line);
      if (!parsed.ok) {
        garbageLines++;
        if (garbageExamples.length < GARBAGE_EXAMPLES) garbageExamples.push(line.trim());
        continue;
      }
      const reading = parsed.value;
      if (selected !== null && !selected.includes(reading.index)) continue;
      if (seenInChunk.has(reading.index) && !burstWarned) {
        burstWarned = true;
        warnings.push("nvidia-smi output arrived in bursts (meter busy?): sample times are approximate");
      }
      seenInChunk.add(reading.index);
      recordMissing(reading.index, parsed.missing);
      const boundW = plausiblePowerBoundW(options.powerLimitsW?.[reading.index]);
      let powerW = reading.powerW;
      if (powerW !== null && powerW > boundW) {
        const seen = implausible.get(reading.index) ?? { count: 0, maxW: 0, boundW };
        implausible.set(reading.index, { count: seen.count + 1, maxW: Math.max(seen.maxW, powerW), boundW });
        powerW = null;
      }
      // Stamped per line: lines of one chunk get (nearly) the same time, as they should.
      samples.push({ tS: nowS(), ...reading, powerW });
      onSample();
    }
  }

  async function begin(): Promise<GpuStartResult> {
    const startWarnings: string[] = [];
    const visible = parseCudaVisibleDevices(env["CUDA_VISIBLE_DEVICES"]);
    if (visible.kind === "list") {
      // The index,uuid listing maps UUID entries, and lets index entries be checked against
      // what exists and against CUDA's own numbering (see resolveVisibleGpuIndices).
      let identities: GpuIdentity[] | null = null;
      if (visible.entries.length > 0) {
        const listed = await queryGpuIdentities(binary, startTimeoutMs);
        if (!Array.isArray(listed)) return listed;
        identities = listed;
      }
      const selection = resolveVisibleGpuIndices(visible, identities, env["CUDA_DEVICE_ORDER"]);
      startWarnings.push(...selection.warnings);
      selected = selection.indices;
      if (selected !== null && selected.length === 0) {
        startWarnings.push("CUDA_VISIBLE_DEVICES selects no GPU: no GPU is measured");
        warnings.push(...startWarnings);
        return { available: true, gpuIndices: [], warnings: startWarnings };
      }
    }
    warnings.push(...startWarnings);
    return spawnStream(startWarnings);
  }

  function spawnStream(startWarnings: readonly string[]): Promise<GpuStartResult> {
    return new Promise((resolve) => {
      let settled = false;
      const settle = (result: GpuStartResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(result);
      };
      const args = [
        `--query-gpu=${POWER_QUERY_FIELDS.join(",")}`,
        "--format=csv,noheader,nounits",
        "-lms",
        String(intervalMs),
      ];
      if (stopping) {
        settle({ available: false, reason: "stop() was called before nvidia-smi started" });
        return;
      }
      let proc: ChildProcess;
      try {
        proc = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"] });
      } catch (error) {
        settle({ available: false, reason: describeSpawnError(binary, error) });
        return;
      }
      child = proc;
      // A hurried exit of the meter (a second Ctrl-C) kills it with the suite.
      const untrack = proc.pid === undefined ? () => {} : trackProcesses([proc.pid]);
      proc.on("exit", untrack);
      const timer = setTimeout(() => {
        proc.kill("SIGKILL");
        proc.unref();
        settle({ available: false, reason: `${binary} produced no sample within ${startTimeoutMs} ms` });
      }, startTimeoutMs);
      let partial = "";
      let stderr = "";
      proc.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
        const lines = (partial + chunk).split(/\r?\n/);
        partial = lines.pop() ?? "";
        acceptChunkLines(lines, () =>
          settle({ available: true, gpuIndices: selected, warnings: [...startWarnings] }),
        );
      });
      proc.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
        if (stderr.length < 4096) stderr += chunk;
      });
      proc.on("error", (error) => settle({ available: false, reason: describeSpawnError(binary, error) }));
      closed = new Promise((done) => {
        proc.on("close", (code, signal) => {
          if (partial.trim() !== "") acceptChunkLines([partial], () => {});
          partial = "";
          if (!stopping) {
            const how = code !== null ? `exited with code ${code}` : `was killed by ${signal}`;
            const said = firstLine(stderr) || garbageExamples[0] || "";
            exitedEarly = `${binary} ${how}${said ? ` (${said})` : ""}`;
            settle({ available: false, reason: exitedEarly });
          } else {
            settle({ available: false, reason: "stop() was called before nvidia-smi produced a sample" });
          }
          done();
        });
      });
    });
  }

  async function finish(): Promise<GpuEnergyResult> {
    // Stop first, then read the start result: a stop() during start() ends the wait for a
    // first sample instead of sitting out the start timeout.
    stopping = true;
    if (child !== null && child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      // Escalate, then stop waiting: a process stuck in the driver may never close its pipes.
      let timer: NodeJS.Timeout | undefined;
      const giveUp = new Promise<void>((done) => {
        timer = setTimeout(() => {
          child?.kill("SIGKILL");
          child?.unref();
          done();
        }, STOP_GRACE_MS);
      });
      await Promise.race([closed, giveUp]);
      clearTimeout(timer);
    }
    const startResult = startPromise !== null ? await startPromise : null;
    if (startResult === null || !startResult.available) {
      const reason = startResult === null ? "stop() called before start()" : startResult.reason;
      return { source: NVIDIA_SMI_POWER_SOURCE, gpus: [], totalEnergyJ: null, samples, warnings: [reason], complete: false };
    }
    const integrated = integrateGpuSamples(samples);
    const allWarnings = [...warnings, ...integrated.warnings];
    if (exitedEarly !== null) {
      allWarnings.push(`${exitedEarly} mid-run: GPU energy covers only the time until then`);
    }
    for (const [key, count] of missingCounts) allWarnings.push(`${key} in ${count} sample(s), treated as missing`);
    if (garbageLines > 0) {
      allWarnings.push(`${garbageLines} unparseable nvidia-smi line(s) skipped, e.g. ${JSON.stringify(garbageExamples[0])}`);
    }
    const noneSelected = selected !== null && selected.length === 0;
    const refused = [...implausible].sort(([a], [b]) => a - b);
    for (const [index, { count, maxW, boundW }] of refused) {
      const limit = options.powerLimitsW?.[index];
      const bound = limit ? `${PLAUSIBLE_POWER_LIMIT_FACTOR} × its ${limit} W power limit` : "no power limit known";
      allWarnings.push(`nvidia-smi reported GPU ${index} power.draw up to ${maxW} W in ${count} sample(s), above the plausible ${boundW} W (${bound}): its readings are not trusted`);
    }
    const incompleteReason =
      exitedEarly !== null ? `${exitedEarly} mid-run` : refused.length > 0 ? `nvidia-smi reported implausible power (GPU ${refused.map(([i]) => i).join(", ")})` : null;
    return {
      source: NVIDIA_SMI_POWER_SOURCE,
      gpus: integrated.gpus,
      totalEnergyJ: noneSelected ? 0 : integrated.totalEnergyJ,
      samples,
      warnings: allWarnings,
      complete: incompleteReason === null,
      ...(incompleteReason === null ? {} : { incompleteReason }),
    };
  }

  return {
    source: NVIDIA_SMI_POWER_SOURCE,
    start(): Promise<GpuStartResult> {
      startPromise ??= begin();
      return startPromise;
    },
    stop(): Promise<GpuEnergyResult> {
      stopPromise ??= finish();
      return stopPromise;
    },
  };
}
