import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { OsCpuTimes } from "../samplers/os-cpus.js";
import { openUtilisationSampler } from "./utilisation-sampler.js";

const fixture = async (name: string) => JSON.parse(await readFile(new URL(`../samplers/fixtures/${name}`, import.meta.url), "utf8")) as OsCpuTimes[];

describe("openUtilisationSampler", () => {
  it("reads /proc/stat where it exists, and sees a busy CPU", () => {
    const sampler = openUtilisationSampler("/proc");
    expect(sampler.source).toBe(process.platform === "linux" ? "proc-stat" : "os-cpus");
    sampler.sample();
    // 100 ms busy on this thread: at least a few ticks of 10 ms pass on some CPU.
    const until = Date.now() + 100;
    while (Date.now() < until) {
      // spin
    }
    sampler.sample();
    const utils = sampler.samples.map((s) => s.util);
    expect(utils).toHaveLength(2);
    expect(utils[1]!).toBeGreaterThan(0);
    sampler.close();
  });

  it("falls back to os.cpus() without /proc/stat, and says so", async () => {
    // Opening probes os.cpus() once; then a reading per sample.
    const before = await fixture("os-cpus-before.json");
    const readings = [before, before, await fixture("os-cpus-after.json")];
    let call = 0;
    const procRoot = join(tmpdir(), "no-proc-for-this-test");
    const sampler = openUtilisationSampler(procRoot, () => readings[Math.min(call++, readings.length - 1)]!);
    expect(sampler.source).toBe("os-cpus");
    expect(sampler.warning).toBe(`utilisation from os.cpus(): /proc/stat unreadable (${join(procRoot, "stat")}: ENOENT)`);
    sampler.sample();
    sampler.sample();
    // The first reading marks the start; the recorded pair is 540 ms busy of 1020 (see os-cpus.test.ts).
    const utils = sampler.samples.map((s) => s.util);
    expect(utils).toHaveLength(2);
    expect(utils[0]).toBe(0);
    expect(utils[1]).toBeCloseTo(540 / 1020, 12);
  });

  it("has no source, and says why, when os.cpus() lists nothing either", () => {
    const sampler = openUtilisationSampler(join(tmpdir(), "no-proc-for-this-test"), () => []);
    expect(sampler.source).toBeNull();
    expect(sampler.warning).toMatch(/^no CPU utilisation: .*ENOENT, and os\.cpus\(\) lists no CPU$/);
    sampler.sample();
    expect(sampler.samples).toEqual([]);
  });
});
