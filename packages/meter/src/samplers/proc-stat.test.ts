import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { computeCpuUtilisation, openProcStatRecorder, parseCpuLineBytes, parseProcStat, readProcStat } from "./proc-stat.js";

const fixture = (name: string) => readFile(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe("parseProcStat", () => {
  it("parses the aggregate cpu line and counts vCPUs of a real /proc/stat", async () => {
    const reading = parseProcStat(await fixture("proc-stat-before.txt"));
    expect(reading).not.toBeNull();
    expect(reading!.cpu).toEqual({
      user: 12653,
      nice: 0,
      system: 3458,
      idle: 118268,
      iowait: 212,
      irq: 0,
      softirq: 34,
      steal: 30,
      guest: 0,
      guestNice: 0,
    });
    expect(reading!.totalTicks).toBe(134_655);
    expect(reading!.idleTicks).toBe(118_480);
    expect(reading!.vcpuCount).toBe(2);
  });

  it("keeps guest time out of the total (the kernel already counts it in user and nice)", () => {
    const reading = parseProcStat("cpu  100 10 50 800 20 5 5 10 40 4\ncpu0 100 10 50 800 20 5 5 10 40 4\n");
    expect(reading!.totalTicks).toBe(1000);
  });

  it("accepts an old kernel's shorter line, missing fields counting as zero", () => {
    const reading = parseProcStat("cpu  100 0 50 850\ncpu0 100 0 50 850\n");
    expect(reading).toMatchObject({ totalTicks: 1000, idleTicks: 850, vcpuCount: 1 });
  });

  it("returns null without an aggregate line or with garbage in it", () => {
    expect(parseProcStat("cpu0 1 2 3 4\n")).toBeNull();
    expect(parseProcStat("cpu  1 x 3 4\n")).toBeNull();
    expect(parseProcStat("")).toBeNull();
  });
});

describe("computeCpuUtilisation", () => {
  it("is 1 − Δ(idle+iowait)/Δtotal between two real readings around a 0.5 s burn on 1 of 2 vCPUs", async () => {
    const before = parseProcStat(await fixture("proc-stat-before.txt"))!;
    const after = parseProcStat(await fixture("proc-stat-after.txt"))!;
    // Δtotal = 134773 − 134655 = 118 ticks, Δidle = 118538 − 118480 = 58 ticks.
    expect(computeCpuUtilisation(before, after)).toBeCloseTo(1 - 58 / 118, 12);
  });

  it("is null when no tick elapsed", () => {
    const reading = parseProcStat("cpu  1 0 1 8\n")!;
    expect(computeCpuUtilisation(reading, reading)).toBeNull();
  });

  it("stays in [0, 1] when iowait steps backwards", () => {
    const a = parseProcStat("cpu  100 0 0 800 100 0 0 0\n")!;
    const b = parseProcStat("cpu  150 0 0 850 40 0 0 0\n")!;
    const util = computeCpuUtilisation(a, b);
    expect(util).not.toBeNull();
    expect(util!).toBeGreaterThanOrEqual(0);
    expect(util!).toBeLessThanOrEqual(1);
  });
});

describe("readProcStat", () => {
  it("reads a stat file under an injected root", async () => {
    const root = await mkdtemp(join(tmpdir(), "proc-"));
    dirs.push(root);
    await writeFile(join(root, "stat"), await fixture("proc-stat-after.txt"));
    const result = await readProcStat(root);
    expect(result).toMatchObject({ available: true, reading: { totalTicks: 134_773, vcpuCount: 2 } });
  });

  it("is unavailable with a reason where there is no /proc (macOS, Windows)", async () => {
    const root = await mkdtemp(join(tmpdir(), "no-proc-"));
    dirs.push(root);
    const result = await readProcStat(root);
    expect(result.available).toBe(false);
    if (!result.available) expect(result.reason).toMatch(/does not exist/);
  });

  it("is unavailable when the file has no cpu line", async () => {
    const root = await mkdtemp(join(tmpdir(), "proc-"));
    dirs.push(root);
    await writeFile(join(root, "stat"), "intr 0\n");
    expect(await readProcStat(root)).toMatchObject({ available: false, reason: expect.stringContaining('"cpu"') });
  });

  it.runIf(process.platform === "linux")("reads this machine's /proc/stat and sees time pass", async () => {
    const first = await readProcStat();
    const burnUntil = Date.now() + 60;
    while (Date.now() < burnUntil) {
      // keep one CPU busy so at least a few ticks elapse
    }
    const second = await readProcStat();
    expect(first.available && second.available).toBe(true);
    if (first.available && second.available) {
      expect(second.reading.vcpuCount).toBeGreaterThan(0);
      const util = computeCpuUtilisation(first.reading, second.reading);
      expect(util).not.toBeNull();
      expect(util!).toBeGreaterThan(0);
    }
  });
});

describe("parseCpuLineBytes", () => {
  it("reads the aggregate line of the captured /proc/stat as parseProcStat does", async () => {
    const text = await readFile(new URL("./fixtures/proc-stat-before.txt", import.meta.url), "utf8");
    const bytes = Buffer.from(text);
    const { vcpuCount: _, ...expected } = parseProcStat(text)!;
    expect(parseCpuLineBytes(bytes, bytes.indexOf(0x0a))).toEqual(expected);
  });

  it("counts missing trailing fields as zero and refuses what is not a cpu line", () => {
    const line = (text: string) => parseCpuLineBytes(Buffer.from(text), Buffer.byteLength(text));
    expect(line("cpu  10 2 30 400")).toEqual({
      cpu: { user: 10, nice: 2, system: 30, idle: 400, iowait: 0, irq: 0, softirq: 0, steal: 0, guest: 0, guestNice: 0 },
      totalTicks: 442,
      idleTicks: 400,
    });
    expect(line("cpu0 10 2 30 400")).toBeNull();
    expect(line("cpu  10 2 30")).toBeNull();
    expect(line("cpu  10 -2 30 400")).toBeNull();
    expect(line("intr 5")).toBeNull();
  });
});

describe("openProcStatRecorder", () => {
  it("copies the aggregate line per record and parses the batch on drain, stamped as recorded", async () => {
    const root = await mkdtemp(join(tmpdir(), "proc-"));
    dirs.push(root);
    const before = await fixture("proc-stat-before.txt");
    const after = await fixture("proc-stat-after.txt");
    await writeFile(join(root, "stat"), before);
    const recorder = openProcStatRecorder(root, 4);
    if ("available" in recorder) throw new Error(recorder.reason);
    expect(recorder.record(1)).toBe(true);
    await writeFile(join(root, "stat"), after);
    expect(recorder.record(2)).toBe(true);
    const a = parseProcStat(before)!;
    const b = parseProcStat(after)!;
    expect(recorder.drain()).toEqual([
      { tS: 1, totalTicks: a.totalTicks, idleTicks: a.idleTicks },
      { tS: 2, totalTicks: b.totalTicks, idleTicks: b.idleTicks },
    ]);
    expect(recorder.drain()).toEqual([]);
    // More records than slots: the full ring is parsed on the way, nothing is lost.
    for (let t = 3; t <= 12; t++) recorder.record(t);
    expect(recorder.drain().map((r) => r.tS)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    recorder.close();
  });

  it("skips a reading whose line did not fit its slot rather than cut a number", async () => {
    const root = await mkdtemp(join(tmpdir(), "proc-"));
    dirs.push(root);
    await writeFile(join(root, "stat"), "cpu  1 2 3 4\nintr 0\n");
    const recorder = openProcStatRecorder(root, 2);
    if ("available" in recorder) throw new Error(recorder.reason);
    // The line grew past the 256-byte slot chosen at open: no newline inside the slot.
    await writeFile(join(root, "stat"), `cpu  ${"9".repeat(300)} 2 3 4\n`);
    recorder.record(1);
    expect(recorder.drain()).toEqual([]);
    recorder.close();
  });

  it("says why when there is no /proc/stat", () => {
    expect(openProcStatRecorder("/nonexistent-proc")).toEqual({ available: false, reason: "/nonexistent-proc/stat: ENOENT" });
  });
});
