import { type ChildProcess, spawn } from "node:child_process";
import { type GpuIdentity, parseCudaVisibleDevices, resolveVisibleGpuIndices } from "./cuda-visible-devices.js";
import {
  type GpuEnergyResult,
  type GpuEnergySource,
  type GpuPowerSample,
  type GpuStartResult,
  integrateGpuSamples,
} from "./gpu-energy-source.js";
import {
  type GpuInfo,
  INFO_QUERY_FIELDS,
  type MissingField,
  POWER_QUERY_FIELDS,
  parseNvidiaSmiInfoLine,
  parseNvidiaSmiPowerLine,
} from "./nvidia-smi-parse.js";
import type { Unavailable } from "./read-text.js";

export const NVIDIA_SMI_POWER_SOURCE = "measured:nvidia-smi-power.draw";

const DEFAULT_BINARY = "nvidia-smi";
/** nvidia-smi can take seconds to answer when persistence mode is off and the driver must load. */
const DEFAULT_QUERY_TIMEOUT_MS = 15_000;
/** How long stop() waits for nvidia-smi to exit after SIGTERM before SIGKILL and moving on. */
const STOP_GRACE_MS = 2000;
/** Some garbage lines are kept verbatim for the warning; the rest are only counted. */
const GARBAGE_EXAMPLES = 3;

function describeSpawnError(binary: string, error: unknown): string {
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  if (code === "ENOENT") return `${binary} not found (no NVIDIA driver on this machine, or not on PATH)`;
  if (code === "EACCES") return `${binary} is not executable`;
  return `${binary} could not be started: ${error instanceof Error ? error.message : String(error)}`;
}

/** The first meaningful line a failing nvidia-smi printed (it reports driver failures on stdout). */
function firstLine(text: string): string {
  return (
    text
      .split("\n")
      .map((l) => l.trim())
      .find((l) => l !== "") ?? ""
  );
}

type RunResult = { readonly ok: true; readonly stdout: string } | { readonly ok: false; readonly reason: string };

/**
 * Run nvidia-smi once and collect stdout. The timeout does not wait for the process to die:
 * a hung nvidia-smi is usually stuck in the driver in uninterruptible sleep, where even SIGKILL
 * waits, so it is killed, detached and left behind.
 */
function runOnce(binary: string, args: readonly string[], timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      child = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"] });
    } catch (error) {
      resolve({ ok: false, reason: describeSpawnError(binary, error) });
      return;
    }
    let stdout = "";
    let stderr = "";
    let settled = false;
    const settle = (result: RunResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      child.stdout?.destroy();
      child.stderr?.destroy();
      child.unref();
      settle({ ok: false, reason: `${binary} ${args[0] ?? ""} did not answer within ${timeoutMs} ms (driver hung?)` });
    }, timeoutMs);
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", (error) => settle({ ok: false, reason: describeSpawnError(binary, error) }));
    child.on("close", (code, signal) => {
      if (code === 0) settle({ ok: true, stdout });
      else {
        const said = firstLine(stderr) || firstLine(stdout);
        const how = code !== null ? `exited with code ${code}` : `was killed by ${signal}`;
        settle({ ok: false, reason: `${binary} ${how}${said ? `: ${said}` : ""}` });
      }
    });
  });
}

export interface GpuInfoResult {
  readonly available: true;
  readonly gpus: readonly GpuInfo[];
  readonly warnings: readonly string[];
}

export interface QueryGpuInfoOptions {
  /** Default 15 000 ms. */
  readonly timeoutMs?: number;
}

/**
 * One-shot GPU fingerprint for the report: `nvidia-smi --query-gpu=index,name,uuid,
 * driver_version,power.limit,memory.total --format=csv,noheader,nounits`. Unavailable, with
 * the reason, when nvidia-smi is absent, fails (driver not loaded), hangs, or lists no GPU.
 */
export async function queryGpuInfo(
  binary = DEFAULT_BINARY,
  options: QueryGpuInfoOptions = {},
): Promise<GpuInfoResult | Unavailable> {
  const run = await runOnce(
    binary,
    [`--query-gpu=${INFO_QUERY_FIELDS.join(",")}`, "--format=csv,noheader,nounits"],
    options.timeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS,
  );
  if (!run.ok) return { available: false, reason: run.reason };
  const gpus: GpuInfo[] = [];
  const warnings: string[] = [];
  for (const line of run.stdout.split(/\r?\n/)) {
    if (line.trim() === "") continue;
    const parsed = parseNvidiaSmiInfoLine(line);
    if (!parsed.ok) warnings.push(`unparsed nvidia-smi line (${parsed.reason}): ${line.trim()}`);
    else {
      gpus.push(parsed.value);
      for (const m of parsed.missing) warnings.push(`GPU ${parsed.value.index} ${m.field}: ${m.value}`);
    }
  }
  if (gpus.length === 0) {
    return { available: false, reason: `${binary} listed no GPU${warnings.length > 0 ? ` (${warnings[0]})` : ""}` };
  }
  return { available: true, gpus, warnings };
}

/** GPUs by index and UUID only, for resolving CUDA_VISIBLE_DEVICES UUIDs. */
async function queryGpuIdentities(binary: string, timeoutMs: number): Promise<GpuIdentity[] | Unavailable> {
  const run = await runOnce(binary, ["--query-gpu=index,uuid,name", "--format=csv,noheader,nounits"], timeoutMs);
  if (!run.ok) return { available: false, reason: run.reason };
  return run.stdout.split(/\r?\n/).flatMap((line) => {
    const [index, uuid, ...name] = line.split(",").map((f) => f.trim());
    return index !== undefined && /^\d+$/.test(index) && uuid
      ? [{ index: Number(index), uuid, name: name.join(", ") }]
      : [];
  });
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
}

/**
 * GPU energy by polling `power.draw` with `nvidia-smi --query-gpu=index,name,power.draw,
 * utilization.gpu,memory.used --format=csv,noheader,nounits -lms <ms>` and integrating it.
 * Samples are stamped when their line arrives. power.draw is a ~1 s average on Ampere and
 * newer (except GA100) and polling sees only part of the runtime (arXiv 2312.02741), which is
 * why the GpuEnergySource interface exists for an NVML energy-counter source.
 */
export function createNvidiaSmiPowerSource(options: NvidiaSmiPowerOptions = {}): GpuEnergySource {
  const binary = options.binary ?? DEFAULT_BINARY;
  const intervalMs = Math.max(1, Math.round(options.intervalMs ?? 100));
  const env = options.env ?? process.env;
  const startTimeoutMs = options.startTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
  const nowS = options.nowS ?? (() => performance.now() / 1000);

  const samples: GpuPowerSample[] = [];
  const warnings: string[] = [];
  const missingCounts = new Map<string, number>();
  const garbageExamples: string[] = [];
  let garbageLines = 0;
  let burstWarned = false;
  let selected: readonly number[] | null = null;
  let child: ChildProcess | null = null;
  let exitedEarly: string | null = null;
  let stopping = false;
  let closed: Promise<void> = Promise.resolve();
  let startPromise: Promise<GpuStartResult> | null = null;
  let stopPromise: Promise<GpuEnergyResult> | null = null;
  let started: GpuStartResult | null = null;

  function recordMissing(index: number, missing: readonly MissingField[]): void {
    for (const m of missing) {
      const key = `GPU ${index} ${m.field}: ${m.value}`;
      missingCounts.set(key, (missingCounts.get(key) ?? 0) + 1);
    }
  }

  function acceptChunkLines(lines: readonly string[], onSample: () => void): void {
    const tS = nowS();
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
      samples.push({ tS, ...reading });
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
      let proc: ChildProcess;
      try {
        proc = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"] });
      } catch (error) {
        settle({ available: false, reason: describeSpawnError(binary, error) });
        return;
      }
      child = proc;
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
          }
          done();
        });
      });
    });
  }

  async function finish(): Promise<GpuEnergyResult> {
    const startResult = started ?? (startPromise !== null ? await startPromise : null);
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
    return {
      source: NVIDIA_SMI_POWER_SOURCE,
      gpus: integrated.gpus,
      totalEnergyJ: noneSelected ? 0 : integrated.totalEnergyJ,
      samples,
      warnings: allWarnings,
      complete: exitedEarly === null,
    };
  }

  return {
    source: NVIDIA_SMI_POWER_SOURCE,
    start(): Promise<GpuStartResult> {
      startPromise ??= begin().then((result) => {
        started = result;
        return result;
      });
      return startPromise;
    },
    stop(): Promise<GpuEnergyResult> {
      stopPromise ??= finish();
      return stopPromise;
    },
  };
}
