import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import type { GpuEnergySource } from "./gpu-energy-source.js";
import { createNvidiaSmiPowerSource, NVIDIA_SMI_POWER_SOURCE, plausiblePowerBoundW } from "./nvidia-smi.js";
import { queryGpuInfo } from "./nvidia-smi-query.js";

const FAKE = fileURLToPath(new URL("./fixtures/fake-nvidia-smi.mjs", import.meta.url));
const dirs: string[] = [];
const sources: GpuEnergySource[] = [];
afterEach(async () => {
  // Stop every source even when a test failed half-way, so no fake nvidia-smi outlives it.
  for (const source of sources.splice(0)) await source.stop();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

function track(source: GpuEnergySource): GpuEnergySource {
  sources.push(source);
  return source;
}

/** An executable named nvidia-smi that replays the recordings (see fixtures/fake-nvidia-smi.mjs). */
async function fakeNvidiaSmi(mode = "normal"): Promise<{ binary: string; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), "fake-nvidia-smi-"));
  dirs.push(dir);
  const binary = join(dir, "nvidia-smi");
  await writeFile(binary, `#!/bin/sh\nexec "${process.execPath}" "${FAKE}" --fake-mode=${mode} "$@"\n`);
  await chmod(binary, 0o755);
  return { binary, dir };
}

/**
 * A clock that advances `stepS` per call. The source reads the clock once per measured line,
 * so with one step of 0.1 s / (GPUs measured) each GPU's samples land 0.1 s apart — the
 * recording's nominal spacing — and the integral is exact however the test machine's load
 * chunks the pipe.
 */
function lineClock(stepS: number): { nowS: () => number; calls: () => number } {
  let calls = 0;
  return { nowS: () => calls++ * stepS, calls: () => calls };
}

async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting for the fake nvidia-smi");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const onPosix = process.platform !== "win32";

// Each test spawns node processes; give a loaded CI machine room.
const SPAWN_TIMEOUT = { timeout: 30_000 };

describe.runIf(onPosix)("queryGpuInfo", SPAWN_TIMEOUT, () => {
  it("reads the fingerprint of both GPUs from a real spawn", async () => {
    const { binary } = await fakeNvidiaSmi();
    const info = await queryGpuInfo(binary);
    expect(info).toMatchObject({
      available: true,
      warnings: [],
      gpus: [
        { index: 0, name: "NVIDIA A100-SXM4-40GB", driverVersion: "535.129.03", powerLimitW: 400, memoryTotalMiB: 40960 },
        { index: 1, uuid: "GPU-2f41c0a4-9b7e-6d1c-83a2-7c5e9d0f4a22" },
      ],
    });
  });

  it("finds nvidia-smi on PATH by default", async () => {
    const { dir } = await fakeNvidiaSmi();
    const saved = process.env["PATH"];
    process.env["PATH"] = `${dir}${delimiter}${saved ?? ""}`;
    try {
      expect((await queryGpuInfo()).available).toBe(true);
    } finally {
      process.env["PATH"] = saved;
    }
  });

  it("is unavailable when nvidia-smi is absent (ENOENT)", async () => {
    const info = await queryGpuInfo(join(tmpdir(), "no-such-dir", "nvidia-smi"));
    expect(info).toMatchObject({ available: false, reason: expect.stringContaining("not found") });
  });

  it("is unavailable, with nvidia-smi's own message, when the driver is not loaded", async () => {
    const { binary } = await fakeNvidiaSmi("driver-failure");
    expect(await queryGpuInfo(binary)).toMatchObject({
      available: false,
      reason: expect.stringMatching(/exited with code 9: NVIDIA-SMI has failed because it couldn't communicate/),
    });
  });

  it("times out on a hung nvidia-smi instead of waiting forever", async () => {
    const { binary } = await fakeNvidiaSmi("hang");
    const started = Date.now();
    expect(await queryGpuInfo(binary, { timeoutMs: 300 })).toMatchObject({
      available: false,
      reason: expect.stringContaining("did not answer within 300 ms"),
    });
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe.runIf(onPosix)("createNvidiaSmiPowerSource", SPAWN_TIMEOUT, () => {
  it("integrates power.draw per GPU from the streamed recording", async () => {
    const { binary } = await fakeNvidiaSmi();
    const clock = lineClock(0.05);
    const source = track(createNvidiaSmiPowerSource({ binary, intervalMs: 40, env: {}, nowS: clock.nowS }));
    expect(source.source).toBe(NVIDIA_SMI_POWER_SOURCE);
    expect(await source.start()).toEqual({ available: true, gpuIndices: null, warnings: [] });
    await until(() => clock.calls() >= 40); // the recording has 20 polling loops of 2 GPUs
    const result = await source.stop();

    expect(result.complete).toBe(true);
    expect(result.samples).toHaveLength(40);
    // Trapezoid over the recording at 0.1 s: GPU 0 ramps to ~250 W and back (384.081 J over
    // 1.9 s); GPU 1 idles at ~56.5 W (107.3655 J, its one [N/A] reading bridged).
    expect(result.gpus.map((g) => g.index)).toEqual([0, 1]);
    expect(result.gpus[0]!.energyJ).toBeCloseTo(384.081, 6);
    expect(result.gpus[1]!.energyJ).toBeCloseTo(107.3655, 6);
    expect(result.gpus[1]!.missingPowerSamples).toBe(1);
    expect(result.totalEnergyJ).toBeCloseTo(491.4465, 6);
    // On a loaded machine loops may also arrive in bursts, which is warned about too.
    expect(result.warnings.filter((w) => !w.includes("arrived in bursts"))).toEqual([
      "GPU 1 power.draw: [N/A] in 1 sample(s), treated as missing",
      "GPU 1 utilization.gpu: [Not Supported] in 1 sample(s), treated as missing",
    ]);
    expect(await source.stop()).toBe(result); // idempotent
  });

  it("measures only the GPUs in CUDA_VISIBLE_DEVICES, UUIDs resolved through --query-gpu=index,uuid", async () => {
    const { binary } = await fakeNvidiaSmi();
    const clock = lineClock(0.1);
    const source = track(createNvidiaSmiPowerSource({
      binary,
      intervalMs: 40,
      env: { CUDA_VISIBLE_DEVICES: "GPU-2f41c0a4" },
      nowS: clock.nowS,
    }));
    expect(await source.start()).toMatchObject({ available: true, gpuIndices: [1] });
    await until(() => clock.calls() >= 20);
    const result = await source.stop();
    expect(result.gpus.map((g) => g.index)).toEqual([1]);
    expect(result.totalEnergyJ).toBeCloseTo(107.3655, 6);
  });

  it("measures nothing, without spawning, when CUDA_VISIBLE_DEVICES hides every GPU", async () => {
    const source = track(createNvidiaSmiPowerSource({ binary: join(tmpdir(), "absent"), env: { CUDA_VISIBLE_DEVICES: "" } }));
    expect(await source.start()).toMatchObject({ available: true, gpuIndices: [] });
    expect(await source.stop()).toMatchObject({ totalEnergyJ: 0, gpus: [], complete: true });
  });

  it("counts garbage lines and keeps going", async () => {
    const { binary } = await fakeNvidiaSmi("garbage");
    const clock = lineClock(0.05);
    const source = track(createNvidiaSmiPowerSource({ binary, intervalMs: 40, env: {}, nowS: clock.nowS }));
    await source.start();
    await until(() => clock.calls() >= 40);
    const result = await source.stop();
    expect(result.samples).toHaveLength(40);
    expect(result.warnings.some((w) => w.startsWith("1 unparseable nvidia-smi line(s) skipped"))).toBe(true);
  });

  it("refuses a power.draw far above the board's limit: the run is incomplete, with the reading named", async () => {
    const { binary } = await fakeNvidiaSmi("power-spike");
    const clock = lineClock(0.05);
    const source = track(createNvidiaSmiPowerSource({ binary, intervalMs: 40, env: {}, nowS: clock.nowS, powerLimitsW: { 0: 400, 1: 400 } }));
    await source.start();
    await until(() => clock.calls() >= 40);
    const result = await source.stop();
    // Counted as a sample (its utilisation still informs the model), with its power left out.
    expect(result.samples).toHaveLength(40);
    expect(result.samples.filter((s) => s.index === 0 && s.powerW === null)).toHaveLength(1);
    expect(result.complete).toBe(false);
    expect(result.incompleteReason).toBe("nvidia-smi reported implausible power (GPU 0)");
    // 1.5 × 400 W = 600 W.
    expect(result.warnings).toContain("nvidia-smi reported GPU 0 power.draw up to 9999999 W in 1 sample(s), above the plausible 600 W (1.5 × its 400 W power limit): its readings are not trusted");
    // Never integrated into a figure: the largest GPU 0 reading kept is the recording's 256.42 W.
    expect(Math.max(...result.samples.filter((s) => s.index === 0).map((s) => s.powerW ?? 0))).toBe(256.42);
  });

  it("without a known power limit, bounds power.draw at 2 kW per GPU", async () => {
    const { binary } = await fakeNvidiaSmi("power-spike");
    const clock = lineClock(0.05);
    const source = track(createNvidiaSmiPowerSource({ binary, intervalMs: 40, env: {}, nowS: clock.nowS }));
    await source.start();
    await until(() => clock.calls() >= 40);
    const result = await source.stop();
    expect(result.complete).toBe(false);
    expect(result.warnings).toContain("nvidia-smi reported GPU 0 power.draw up to 9999999 W in 1 sample(s), above the plausible 2000 W (no power limit known): its readings are not trusted");
    expect(plausiblePowerBoundW(null)).toBe(2000);
    expect(plausiblePowerBoundW(700)).toBe(1050);
  });

  it("stops with a warning, and the energy so far, when nvidia-smi dies mid-run", async () => {
    const { binary } = await fakeNvidiaSmi("die-after=5");
    const clock = lineClock(0.05);
    const source = track(createNvidiaSmiPowerSource({ binary, intervalMs: 40, env: {}, nowS: clock.nowS }));
    expect((await source.start()).available).toBe(true);
    await until(() => clock.calls() >= 10);
    await new Promise((resolve) => setTimeout(resolve, 300)); // let it exit
    const result = await source.stop();
    expect(result.complete).toBe(false);
    expect(result.samples).toHaveLength(10);
    // Loops 0–4 of GPU 0 at 0.1 s: 0.1·(61.84+62.10)/2 + (62.10+118.52)/2 + (118.52+187.36)/2 + (187.36+243.91)/2
    expect(result.gpus[0]!.energyJ).toBeCloseTo(0.1 * (61.84 / 2 + 62.1 + 118.52 + 187.36 + 243.91 / 2), 6);
    expect(result.warnings.join("\n")).toMatch(/exited with code 15 \(Unable to determine the device handle.*GPU is lost.*mid-run/);
  });

  it("is unavailable when nvidia-smi is absent, fails, or never produces a sample", async () => {
    const absent = track(createNvidiaSmiPowerSource({ binary: join(tmpdir(), "no-such-dir", "nvidia-smi"), env: {} }));
    expect(await absent.start()).toMatchObject({ available: false, reason: expect.stringContaining("not found") });
    expect(await absent.stop()).toMatchObject({ totalEnergyJ: null, complete: false, warnings: [expect.stringContaining("not found")] });

    const failing = track(createNvidiaSmiPowerSource({ binary: (await fakeNvidiaSmi("driver-failure")).binary, env: {} }));
    expect(await failing.start()).toMatchObject({
      available: false,
      reason: expect.stringContaining("NVIDIA-SMI has failed"),
    });

    const hung = track(createNvidiaSmiPowerSource({ binary: (await fakeNvidiaSmi("hang")).binary, env: {}, startTimeoutMs: 300 }));
    expect(await hung.start()).toMatchObject({ available: false, reason: expect.stringContaining("no sample within 300 ms") });
    await hung.stop();
  });

  it("lets stop() end a start() still waiting for the first sample", async () => {
    const source = track(createNvidiaSmiPowerSource({ binary: (await fakeNvidiaSmi("hang")).binary, env: {}, startTimeoutMs: 60_000 }));
    const starting = source.start();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const began = Date.now();
    const result = await source.stop();
    expect(Date.now() - began).toBeLessThan(3000);
    expect(result).toMatchObject({ totalEnergyJ: null, complete: false });
    expect(await starting).toMatchObject({ available: false, reason: expect.stringContaining("before nvidia-smi produced a sample") });
  });
});
