import { type ChildProcess, spawn } from "node:child_process";
import type { GpuIdentity } from "./cuda-visible-devices.js";
import { type GpuInfo, INFO_QUERY_FIELDS, parseNvidiaSmiInfoLine } from "./nvidia-smi-parse.js";
import type { Unavailable } from "./read-text.js";

/** One-shot nvidia-smi queries: the machine fingerprint, and the index↔UUID map. */

export const DEFAULT_NVIDIA_SMI = "nvidia-smi";
/** nvidia-smi can take seconds to answer when persistence mode is off and the driver must load. */
export const DEFAULT_QUERY_TIMEOUT_MS = 15_000;

export function describeSpawnError(binary: string, error: unknown): string {
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  if (code === "ENOENT") return `${binary} not found (no NVIDIA driver on this machine, or not on PATH)`;
  if (code === "EACCES") return `${binary} is not executable`;
  return `${binary} could not be started: ${error instanceof Error ? error.message : String(error)}`;
}

/** The first meaningful line a failing nvidia-smi printed (it reports driver failures on stdout). */
export function firstLine(text: string): string {
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
  binary = DEFAULT_NVIDIA_SMI,
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
export async function queryGpuIdentities(binary: string, timeoutMs: number): Promise<GpuIdentity[] | Unavailable> {
  const run = await runOnce(binary, ["--query-gpu=index,uuid,name", "--format=csv,noheader,nounits"], timeoutMs);
  if (!run.ok) return { available: false, reason: run.reason };
  return run.stdout.split(/\r?\n/).flatMap((line) => {
    const [index, uuid, ...name] = line.split(",").map((f) => f.trim());
    return index !== undefined && /^\d+$/.test(index) && uuid
      ? [{ index: Number(index), uuid, name: name.join(", ") }]
      : [];
  });
}
