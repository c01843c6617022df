import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createOrphanCpuSampler } from "./orphan-cpu.js";

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const marker = "SCI_GATE_RUN_ID=run-1";
/** The meter's pid in these trees: the scenario's shell is its child. */
const meter = 50;

interface Proc {
  pid: number;
  ppid: number;
  utime: number;
  stime: number;
  start?: number;
  marked?: boolean;
}

/** A /proc/<pid>/stat line in the kernel's format, from the captured one with fields replaced. */
async function statLine(p: Proc): Promise<string> {
  const real = (await readFile(new URL("./fixtures/proc-pid-stat-tmux-server.txt", import.meta.url), "utf8")).trim();
  const rest = real.slice(real.lastIndexOf(")") + 2).split(" ");
  rest[1] = String(p.ppid);
  rest[11] = String(p.utime);
  rest[12] = String(p.stime);
  rest[19] = String(p.start ?? 1000);
  return `${p.pid} (node) ${rest.join(" ")}\n`;
}

async function writeProc(root: string, p: Proc): Promise<void> {
  const dir = join(root, String(p.pid));
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "stat"), await statLine(p));
  await writeFile(join(dir, "environ"), `PATH=/usr/bin\0${p.marked === false ? "" : `${marker}\0`}HOME=/root\0`);
}

async function buildProc(processes: Proc[]): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "orphan-proc-"));
  dirs.push(root);
  for (const p of processes) await writeProc(root, p);
  return root;
}

describe("createOrphanCpuSampler", () => {
  it("counts only the marked processes whose chain of marked parents does not reach the meter", async () => {
    const root = await buildProc([
      { pid: meter, ppid: 1, utime: 500, stime: 50, marked: false },
      // The scenario: sh (101) → node (102). Reaped by the meter in the end: not counted here.
      { pid: 101, ppid: meter, utime: 3, stime: 1 },
      { pid: 102, ppid: 101, utime: 40, stime: 2 },
      // A setsid daemon (reparented to init) and its own child: 120 + 30 ticks.
      { pid: 201, ppid: 1, utime: 100, stime: 20 },
      { pid: 202, ppid: 201, utime: 25, stime: 5 },
      // Someone else's process, unmarked, with lots of CPU.
      { pid: 300, ppid: 1, utime: 9000, stime: 900, marked: false },
    ]);
    const sampler = createOrphanCpuSampler(root, marker, meter);
    expect(sampler.sample()).toEqual([101, 102, 201, 202]);
    expect([...sampler.orphanTicks()]).toEqual([
      ["201:1000", 120],
      ["202:1000", 30],
    ]);
    // (120 + 30) ticks / 100 ticks per second.
    expect(sampler.orphanCpuS()).toBeCloseTo(1.5, 10);
  });

  it("keeps each orphan at its highest reading, after it exits too, and keeps counting one once its parent has left", async () => {
    const root = await buildProc([
      { pid: 101, ppid: meter, utime: 1, stime: 0 },
      { pid: 102, ppid: 101, utime: 10, stime: 0 },
    ]);
    const sampler = createOrphanCpuSampler(root, marker, meter);
    sampler.sample();
    expect(sampler.orphanCpuS()).toBe(0);
    // The shell exits without waiting: node is reparented to init, and now only this sampler sees its time.
    await rm(join(root, "101"), { recursive: true });
    await writeProc(root, { pid: 102, ppid: 1, utime: 60, stime: 4 });
    sampler.sample();
    expect(sampler.orphanCpuS()).toBeCloseTo(0.64, 10);
    // Gone (killed, reaped by init): its last reading stays.
    await rm(join(root, "102"), { recursive: true });
    expect(sampler.sample()).toEqual([]);
    expect(sampler.orphanCpuS()).toBeCloseTo(0.64, 10);
    // A new process on the same pid (another start time) is another process.
    await writeProc(root, { pid: 102, ppid: 1, utime: 5, stime: 5, start: 2000 });
    sampler.sample();
    expect(sampler.orphanCpuS()).toBeCloseTo(0.74, 10);
  });

  it("counts a marked process under an unmarked one as inside the tree when the tree walk saw it", async () => {
    const root = await buildProc([
      { pid: 101, ppid: meter, utime: 1, stime: 0 },
      // `env -i` in the tree: 110 has no marker, its child 111 sets it again.
      { pid: 110, ppid: 101, utime: 1, stime: 0, marked: false },
      { pid: 111, ppid: 110, utime: 70, stime: 0 },
    ]);
    const sampler = createOrphanCpuSampler(root, marker, meter);
    sampler.sample(new Set([101, 110, 111]));
    expect(sampler.orphanCpuS()).toBe(0);
  });

  it("never reads the environ of processes that were alive before the run (skipExisting)", async () => {
    const root = await buildProc([{ pid: 400, ppid: 1, utime: 100, stime: 0 }]);
    const sampler = createOrphanCpuSampler(root, marker, meter, { skipExisting: true });
    // 400 carries the marker, but existed before the run started: it cannot be the run's.
    await writeProc(root, { pid: 401, ppid: 1, utime: 30, stime: 0 });
    expect(sampler.sample()).toEqual([401]);
    expect(sampler.orphanCpuS()).toBeCloseTo(0.3, 10);
  });

  it("is empty where /proc cannot be listed", () => {
    const sampler = createOrphanCpuSampler(join(tmpdir(), "no-such-proc-here"), marker, meter);
    expect(sampler.sample()).toEqual([]);
    expect(sampler.orphanCpuS()).toBe(0);
  });
});
