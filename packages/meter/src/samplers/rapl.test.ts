import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { discoverRaplZones, openRapl, type RaplSource } from "./rapl.js";
import { createRaplAccumulator } from "./rapl-accumulator.js";
import { describeReadError, readText } from "./read-text.js";

// Wrap points as real Intel parts print them in max_energy_range_uj.
const PACKAGE_MAX_UJ = 262_143_328_850;
const DRAM_MAX_UJ = 65_712_999_613;

interface ZoneSpec {
  id: string;
  name: string;
  energyUj: number;
  maxUj?: number | null;
  children?: ZoneSpec[];
}

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/**
 * A sysfs tree in the kernel's layout: zones nested under
 * devices/virtual/powercap/<control-type>/, and class/powercap/ holding a flat symlink per
 * zone and subzone, as on a real machine (REFERENCES.md, RAPL). Subzone order differs between
 * the two packages, as it does between CPU generations.
 */
async function buildSysfs(zones: ZoneSpec[], mmio = true): Promise<{ classRoot: string; nested: string; sys: string }> {
  const sys = await mkdtemp(join(tmpdir(), "sysfs-"));
  dirs.push(sys);
  const devices = join(sys, "devices", "virtual", "powercap");
  const classRoot = join(sys, "class", "powercap");
  await mkdir(classRoot, { recursive: true });
  const writeZone = async (parent: string, zone: ZoneSpec) => {
    const dir = join(parent, zone.id);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, "name"), `${zone.name}\n`);
    await writeFile(join(dir, "energy_uj"), `${zone.energyUj}\n`);
    if (zone.maxUj !== null) await writeFile(join(dir, "max_energy_range_uj"), `${zone.maxUj ?? PACKAGE_MAX_UJ}\n`);
    await writeFile(join(dir, "enabled"), "1\n");
    await writeFile(join(dir, "constraint_0_name"), "long_term\n");
    await symlink(dir, join(classRoot, zone.id));
    for (const child of zone.children ?? []) await writeZone(dir, child);
  };
  const control = join(devices, "intel-rapl");
  await mkdir(control, { recursive: true });
  await symlink(control, join(classRoot, "intel-rapl"));
  for (const zone of zones) await writeZone(control, zone);
  if (mmio) {
    const mmioControl = join(devices, "intel-rapl-mmio");
    await mkdir(mmioControl, { recursive: true });
    await symlink(mmioControl, join(classRoot, "intel-rapl-mmio"));
    await writeZone(mmioControl, { id: "intel-rapl-mmio:0", name: "package-0", energyUj: 123_456_789 });
  }
  return { classRoot, nested: control, sys };
}

const TWO_SOCKETS: ZoneSpec[] = [
  {
    id: "intel-rapl:0",
    name: "package-0",
    energyUj: 262_100_000_000,
    children: [
      { id: "intel-rapl:0:0", name: "core", energyUj: 5_000_000 },
      { id: "intel-rapl:0:1", name: "uncore", energyUj: 6_000_000 },
      { id: "intel-rapl:0:2", name: "dram", energyUj: 1_000_000, maxUj: DRAM_MAX_UJ },
    ],
  },
  {
    id: "intel-rapl:1",
    name: "package-1",
    energyUj: 10_000_000,
    children: [
      { id: "intel-rapl:1:0", name: "dram", energyUj: 2_000_000, maxUj: DRAM_MAX_UJ },
      { id: "intel-rapl:1:1", name: "core", energyUj: 7_000_000 },
    ],
  },
];

const setCounter = (root: string, path: string, energyUj: number) => writeFile(join(root, path, "energy_uj"), `${energyUj}\n`);

function clock(...timesS: number[]): () => number {
  let i = 0;
  return () => timesS[Math.min(i++, timesS.length - 1)]!;
}

function expectAvailable(source: RaplSource): asserts source is Extract<RaplSource, { available: true }> {
  if (!source.available) throw new Error(`expected RAPL to be available: ${source.reason}`);
}

describe("discoverRaplZones", () => {
  it("classifies zones by their name file, whatever their order, and skips intel-rapl-mmio", async () => {
    const { classRoot } = await buildSysfs(TWO_SOCKETS);
    const zones = await discoverRaplZones(classRoot);
    expect(zones.map((z) => [z.id, z.kind, z.parentId])).toEqual([
      ["intel-rapl:0", "package", null],
      ["intel-rapl:0:0", "core", "intel-rapl:0"],
      ["intel-rapl:0:1", "uncore", "intel-rapl:0"],
      ["intel-rapl:0:2", "dram", "intel-rapl:0"],
      ["intel-rapl:1", "package", null],
      ["intel-rapl:1:0", "dram", "intel-rapl:1"],
      ["intel-rapl:1:1", "core", "intel-rapl:1"],
    ]);
    expect(zones[0]!.maxEnergyRangeUj).toBe(PACKAGE_MAX_UJ);
    expect(zones[3]!.maxEnergyRangeUj).toBe(DRAM_MAX_UJ);
  });

  it("finds nested subzones when pointed at the control type's own directory", async () => {
    const { nested } = await buildSysfs(TWO_SOCKETS);
    expect((await discoverRaplZones(nested)).map((z) => z.id)).toHaveLength(7);
  });
});

describe("openRapl", () => {
  it("reads packages and dram only (core and uncore are inside package)", async () => {
    const { classRoot } = await buildSysfs(TWO_SOCKETS);
    const source = await openRapl(classRoot, { nowS: clock(0) });
    expectAvailable(source);
    expect(source.measuredZones.map((z) => z.id)).toEqual(["intel-rapl:0", "intel-rapl:0:2", "intel-rapl:1", "intel-rapl:1:0"]);
    const reading = await source.read();
    expect(reading.tS).toBe(0);
    expect(reading.values).toContainEqual({ zoneId: "intel-rapl:0", ok: true, energyUj: 262_100_000_000 });
    expect(reading.values.some((v) => v.zoneId === "intel-rapl:0:0")).toBe(false);
  });

  it("is unavailable where powercap does not exist (VM, macOS, Windows)", async () => {
    const source = await openRapl(join(tmpdir(), "no-such-powercap"));
    expect(source).toMatchObject({ available: false, reason: expect.stringContaining("does not exist") });
  });

  it("is unavailable with 'no powercap zones' when only the mmio duplicate exists", async () => {
    const { classRoot } = await buildSysfs([]);
    expect(await openRapl(classRoot)).toMatchObject({ available: false, reason: expect.stringContaining("no powercap zones") });
  });

  it("says why when energy_uj is root-only (CVE-2020-8694)", async () => {
    const { classRoot } = await buildSysfs(TWO_SOCKETS);
    const denied = async (path: string) =>
      path.endsWith("energy_uj")
        ? { ok: false as const, ...describeReadError(Object.assign(new Error("EACCES"), { code: "EACCES" }), path) }
        : readText(path);
    const source = await openRapl(classRoot, { readCounterFile: denied });
    expect(source.available).toBe(false);
    if (!source.available) {
      expect(source.reason).toMatch(/^permission denied reading .*intel-rapl:0\/energy_uj \(root-only since CVE-2020-8694\)$/);
      expect(source.zones).toHaveLength(7);
    }
  });

  it.skipIf(process.getuid?.() === 0)("gets a real EACCES from a mode-000 counter when not root", async () => {
    const { classRoot, nested } = await buildSysfs(TWO_SOCKETS);
    const { chmod } = await import("node:fs/promises");
    await chmod(join(nested, "intel-rapl:0", "energy_uj"), 0o000);
    expect(await openRapl(classRoot)).toMatchObject({ available: false, reason: expect.stringContaining("CVE-2020-8694") });
  });
});

describe("createRaplAccumulator", () => {
  it("sums package and dram energy in J across a package wrap, never adding core or uncore", async () => {
    const { classRoot, nested } = await buildSysfs(TWO_SOCKETS);
    const source = await openRapl(classRoot, { nowS: clock(0, 1, 2) });
    expectAvailable(source);
    const acc = createRaplAccumulator(source.zones);
    acc.add(await source.read());

    // t=1: package-0 +100 J across the wrap point (43,328,850 µJ to the wrap, 56,671,150 after),
    // package-1 +50 J, drams +3 J and +4 J.
    await setCounter(nested, "intel-rapl:0", 56_671_150);
    await setCounter(nested, "intel-rapl:1", 60_000_000);
    await setCounter(nested, "intel-rapl:0/intel-rapl:0:2", 4_000_000);
    await setCounter(nested, "intel-rapl:1/intel-rapl:1:0", 6_000_000);
    await setCounter(nested, "intel-rapl:0/intel-rapl:0:0", 90_000_000_000); // core: must not count
    acc.add(await source.read());

    // t=2: package-0 +20 J.
    await setCounter(nested, "intel-rapl:0", 76_671_150);
    const energy = acc.add(await source.read());
    expect(energy.valid).toBe(true);
    if (energy.valid) {
      expect(energy.packageEnergyJ).toBeCloseTo(170, 9);
      expect(energy.dramEnergyJ).toBeCloseTo(7, 9);
      expect(energy.durationS).toBe(2);
      expect(energy.readings).toBe(3);
      expect(energy.zones.find((z) => z.zoneId === "intel-rapl:0")).toMatchObject({ wraps: 1 });
    }
  });

  it("reports dram as null on a machine without a dram zone", async () => {
    const { classRoot, nested } = await buildSysfs([{ id: "intel-rapl:0", name: "package-0", energyUj: 1_000_000 }]);
    const source = await openRapl(classRoot, { nowS: clock(0, 0.5) });
    expectAvailable(source);
    const acc = createRaplAccumulator(source.zones);
    acc.add(await source.read());
    await setCounter(nested, "intel-rapl:0", 6_000_000);
    expect(acc.add(await source.read())).toMatchObject({ valid: true, packageEnergyJ: 5, dramEnergyJ: null });
  });

  it("marks the figure invalid when a counter file disappears mid-run", async () => {
    const { classRoot, nested } = await buildSysfs(TWO_SOCKETS);
    const source = await openRapl(classRoot, { nowS: clock(0, 1, 2) });
    expectAvailable(source);
    const acc = createRaplAccumulator(source.zones);
    acc.add(await source.read());
    await rm(join(nested, "intel-rapl:1", "intel-rapl:1:0", "energy_uj"));
    const energy = acc.add(await source.read());
    expect(energy).toMatchObject({ valid: false, reason: expect.stringMatching(/dram \(intel-rapl:1:0\).*disappeared mid-run/) });
    // Once invalid, always invalid: later good readings do not resurrect a partial sum.
    await writeFile(join(nested, "intel-rapl:1", "intel-rapl:1:0", "energy_uj"), "2000000\n");
    expect(acc.add(await source.read()).valid).toBe(false);
  });

  it("marks the figure invalid when a backwards jump cannot be a wrap (counter reset)", async () => {
    const { classRoot, nested } = await buildSysfs(TWO_SOCKETS);
    const source = await openRapl(classRoot, { nowS: clock(0, 0.1) });
    expectAvailable(source);
    const acc = createRaplAccumulator(source.zones);
    acc.add(await source.read());
    // From 262,100 J to 100,000 J in 0.1 s: as a wrap that would be ~100 kJ in 0.1 s = 1 MW.
    await setCounter(nested, "intel-rapl:0", 100_000_000_000);
    expect(acc.add(await source.read())).toMatchObject({
      valid: false,
      reason: expect.stringContaining("package-0 (intel-rapl:0)"),
    });
  });

  it("marks the figure invalid when a counter goes backwards and its range is unknown", async () => {
    const { classRoot, nested } = await buildSysfs([
      { id: "intel-rapl:0", name: "package-0", energyUj: 5_000_000, maxUj: null },
    ]);
    const source = await openRapl(classRoot, { nowS: clock(0, 1) });
    expectAvailable(source);
    const acc = createRaplAccumulator(source.zones);
    acc.add(await source.read());
    await setCounter(nested, "intel-rapl:0", 4_000_000);
    expect(acc.add(await source.read())).toMatchObject({ valid: false, reason: expect.stringContaining("wrap point is unknown") });
  });

  it("marks a counter that never moves over a second as not real", async () => {
    const { classRoot } = await buildSysfs(TWO_SOCKETS);
    const source = await openRapl(classRoot, { nowS: clock(0, 0.5, 1.5) });
    expectAvailable(source);
    const acc = createRaplAccumulator(source.zones);
    acc.add(await source.read());
    expect(acc.add(await source.read()).valid).toBe(true); // 0.5 s of nothing can still be idle rounding
    expect(acc.add(await source.read())).toMatchObject({ valid: false, reason: expect.stringContaining("did not advance") });
  });
});
