import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { computeOsCpuUtilisation, type OsCpuTimes, readOsCpus, sumOsCpuTimes } from "./os-cpus.js";

const fixture = async (name: string) => JSON.parse(await readFile(new URL(`./fixtures/${name}`, import.meta.url), "utf8")) as OsCpuTimes[];

describe("os.cpus() utilisation", () => {
  it("sums the recorded os.cpus() of the 2-vCPU VM around a busy loop on one CPU", async () => {
    const before = sumOsCpuTimes(await fixture("os-cpus-before.json"))!;
    const after = sumOsCpuTimes(await fixture("os-cpus-after.json"))!;
    expect(before.vcpuCount).toBe(2);
    // Δ per CPU: cpu0 user 500 + sys 10, idle 0 (the loop); cpu1 user 20 + sys 10, idle 480.
    // 1020 ms in all, 480 idle: 540 / 1020 = 0.5294… busy.
    expect(after.totalMs - before.totalMs).toBe(1020);
    expect(after.idleMs - before.idleMs).toBe(480);
    expect(computeOsCpuUtilisation(before, after)).toBeCloseTo(540 / 1020, 12);
  });

  it("is the busy share of the time that passed, and null when none did", () => {
    const cpu = (user: number, idle: number): OsCpuTimes => ({ times: { user, nice: 0, sys: 0, idle, irq: 0 } });
    const a = sumOsCpuTimes([cpu(1000, 5000), cpu(2000, 4000)])!;
    // +300 ms busy, +700 ms idle over both CPUs: 30 % busy.
    const b = sumOsCpuTimes([cpu(1200, 5300), cpu(2100, 4400)])!;
    expect(computeOsCpuUtilisation(a, b)).toBeCloseTo(0.3, 12);
    expect(computeOsCpuUtilisation(a, a)).toBeNull();
    // A CPU going offline changes what the sums cover: not comparable.
    expect(computeOsCpuUtilisation(a, sumOsCpuTimes([cpu(1200, 5300)])!)).toBeNull();
  });

  it("has nothing to say where the platform lists no CPU, or the call throws", () => {
    expect(sumOsCpuTimes([])).toBeNull();
    expect(readOsCpus(() => [])).toBeNull();
    expect(
      readOsCpus(() => {
        throw new Error("unsupported");
      }),
    ).toBeNull();
    expect(readOsCpus()?.vcpuCount).toBeGreaterThan(0);
  });
});
