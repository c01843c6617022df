import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { findMarkedProcesses, formatRunMarker } from "./marked-processes.js";
import {
  createProcessTreeSampler,
  listProcessTree,
  listTree,
  parsePidStat,
  readReapedChildrenCpuS,
} from "./process-tree.js";

const fixture = (name: string) => readFile(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** A /proc/<pid>/stat line in the kernel's format, built from the captured one with fields replaced. */
async function statLine(pid: number, ppid: number, utime: number, stime: number, startTime = 1000): Promise<string> {
  const real = (await fixture("proc-pid-stat-tmux-server.txt")).trim();
  const rest = real.slice(real.lastIndexOf(")") + 2).split(" ");
  rest[1] = String(ppid); // field 4
  rest[11] = String(utime); // field 14
  rest[12] = String(stime); // field 15
  rest[19] = String(startTime); // field 22
  return `${pid} (python3 (worker)) ${rest.join(" ")}\n`;
}

interface FakeProcess {
  pid: number;
  ppid: number;
  utime: number;
  stime: number;
  startTime?: number;
  /** Thread id → children pids, as /proc/<pid>/task/<tid>/children lists them. */
  threads?: Record<number, number[]>;
  environ?: string[];
}

/** Build a /proc tree in the real layout. `withChildren: false` mimics a kernel without CONFIG_PROC_CHILDREN. */
async function buildProc(processes: FakeProcess[], withChildren = true): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "proc-tree-"));
  dirs.push(root);
  for (const p of processes) await writeProcess(root, p, withChildren);
  return root;
}

async function writeProcess(root: string, p: FakeProcess, withChildren = true): Promise<void> {
  const dir = join(root, String(p.pid));
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "stat"), await statLine(p.pid, p.ppid, p.utime, p.stime, p.startTime));
  await writeFile(join(dir, "environ"), (p.environ ?? ["PATH=/usr/bin"]).map((e) => `${e}\0`).join(""));
  for (const [tid, children] of Object.entries(p.threads ?? { [p.pid]: [] })) {
    await mkdir(join(dir, "task", tid), { recursive: true });
    // The kernel prints each child followed by a space.
    if (withChildren) await writeFile(join(dir, "task", tid, "children"), children.map((c) => `${c} `).join(""));
  }
}

describe("parsePidStat", () => {
  it("parses a real line whose comm holds a space and a colon", async () => {
    expect(parsePidStat(await fixture("proc-pid-stat-tmux-server.txt"))).toEqual({
      pid: 11062,
      comm: "tmux: server",
      state: "S",
      ppid: 11057,
      utimeTicks: 58,
      stimeTicks: 4,
      cutimeTicks: 72,
      cstimeTicks: 3,
      startTimeTicks: 69798,
    });
  });

  it("cuts comm at the last ')' when comm itself holds parentheses", async () => {
    const stat = parsePidStat(await fixture("proc-pid-stat-parens.txt"));
    expect(stat).toMatchObject({ pid: 10549, comm: "a) b (c", state: "S", ppid: 10545, startTimeTicks: 68572 });
  });

  it("returns null for text that is not a stat line", () => {
    expect(parsePidStat("")).toBeNull();
    expect(parsePidStat("12 (x) S 1 2")).toBeNull();
    expect(parsePidStat("no parens at all")).toBeNull();
  });
});

// 100 is the scenario; 101 a child of its main thread; 102 a child of its worker thread 103;
// 104 a grandchild; 200 is unrelated and must never appear.
const TREE: FakeProcess[] = [
  { pid: 100, ppid: 1, utime: 10, stime: 5, threads: { 100: [101], 103: [102] } },
  { pid: 101, ppid: 100, utime: 50, stime: 10, threads: { 101: [104] } },
  { pid: 102, ppid: 100, utime: 20, stime: 0 },
  { pid: 104, ppid: 101, utime: 7, stime: 3 },
  { pid: 200, ppid: 1, utime: 999, stime: 999 },
];

describe("listTree", () => {
  it("walks task/*/children, including children of worker threads", async () => {
    const root = await buildProc(TREE);
    expect(await listProcessTree(root, 100)).toEqual({ pids: [100, 101, 102, 104], method: "children" });
    expect(await listTree(root, 101)).toEqual([101, 104]);
  });

  it("falls back to a ppid scan on a kernel without children files", async () => {
    const root = await buildProc(TREE, false);
    const listing = await listProcessTree(root, 100);
    expect(listing.method).toBe("ppid-scan");
    expect([...listing.pids].sort()).toEqual([100, 101, 102, 104]);
  });

  it("is empty when the root has exited", async () => {
    const root = await buildProc(TREE);
    expect(await listTree(root, 555)).toEqual([]);
  });
});

describe("createProcessTreeSampler", () => {
  it("sums utime+stime over the tree in seconds (CLK_TCK 100)", async () => {
    const root = await buildProc(TREE);
    const sample = await createProcessTreeSampler(root, 100).sample();
    // (10+5) + (50+10) + (20+0) + (7+3) = 105 ticks
    expect(sample).toMatchObject({ pids: [100, 101, 102, 104], processesSeen: 4, method: "children" });
    expect(sample.cpuS).toBeCloseTo(1.05, 10);
    expect(sample.liveCpuS).toBeCloseTo(1.05, 10);
  });

  it("keeps the CPU time of a child that exited between samples, and counts a reused pid anew", async () => {
    const root = await buildProc(TREE);
    const sampler = createProcessTreeSampler(root, 100);
    await sampler.sample();
    // 104 exits; 102 runs on; then pid 104 is reused by a new process (different start time).
    await rm(join(root, "104"), { recursive: true });
    await writeProcess(root, { pid: 102, ppid: 100, utime: 30, stime: 0 });
    const second = await sampler.sample();
    expect(second.pids).toEqual([100, 101, 102]);
    expect(second.cpuS).toBeCloseTo(1.15, 10); // 104's 0.10 s kept, 102 up 0.10 s
    expect(second.liveCpuS).toBeCloseTo(1.05, 10);

    await writeProcess(root, { pid: 104, ppid: 101, utime: 1, stime: 1, startTime: 5000 });
    const third = await sampler.sample();
    expect(third.processesSeen).toBe(5);
    expect(third.cpuS).toBeCloseTo(1.17, 10);
  });
});

describe("readReapedChildrenCpuS", () => {
  it("reads cutime+cstime of 'self' under an injected root", async () => {
    const root = await mkdtemp(join(tmpdir(), "proc-self-"));
    dirs.push(root);
    await mkdir(join(root, "self"));
    await writeFile(join(root, "self", "stat"), await fixture("proc-pid-stat-tmux-server.txt"));
    const result = await readReapedChildrenCpuS(root, "self");
    expect(result.available).toBe(true);
    if (result.available) expect(result.cpuS).toBeCloseTo(0.75, 10); // (72 + 3) / 100
  });

  it("is unavailable with a reason where there is no /proc", async () => {
    const root = await mkdtemp(join(tmpdir(), "no-proc-"));
    dirs.push(root);
    expect(await readReapedChildrenCpuS(root)).toMatchObject({ available: false, reason: expect.stringContaining("does not exist") });
  });
});

describe("findMarkedProcesses", () => {
  it("finds processes by an exact environ entry, counting unreadable ones", async () => {
    const marker = formatRunMarker("run-7");
    const root = await buildProc([
      { pid: 300, ppid: 1, utime: 0, stime: 0, environ: ["HOME=/root", marker, "LANG=C"] },
      { pid: 301, ppid: 1, utime: 0, stime: 0, environ: ["SCI_GATE_RUN_ID=run-70"] },
      { pid: 302, ppid: 1, utime: 0, stime: 0, environ: [`X=${marker}`] },
      { pid: 303, ppid: 1, utime: 0, stime: 0, environ: [marker] },
    ]);
    // A directory where the file should be reads like an unreadable environ.
    await mkdir(join(root, "304", "environ"), { recursive: true });
    expect(marker).toBe("SCI_GATE_RUN_ID=run-7");
    expect(await findMarkedProcesses(root, marker)).toEqual({ available: true, pids: [300, 303], unreadable: 1 });
  });

  it("is unavailable where /proc cannot be listed", async () => {
    expect(await findMarkedProcesses(join(tmpdir(), "definitely-not-here-proc"), "A=B")).toMatchObject({
      available: false,
    });
  });
});

const onLinux = process.platform === "linux";
const sleepMs = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function waitForExit(child: ReturnType<typeof spawn>): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve();
    else child.on("exit", () => resolve());
  });
}

describe.runIf(onLinux)("on this machine's /proc", { timeout: 30_000 }, () => {
  it("sees ≥ 0.2 s CPU in a real tree whose grandchild burns ~300 ms, before and after it exits", async () => {
    const reapedBefore = await readReapedChildrenCpuS("/proc", "self");
    // Burn 300 ms of CPU time, not of wall time, so a loaded test machine cannot shorten it.
    const burn = "while (process.cpuUsage().user < 300000) {}";
    const child = spawn("sh", ["-c", `"${process.execPath}" -e "${burn}"; sleep 0.3`], { stdio: "ignore" });
    const sampler = createProcessTreeSampler("/proc", child.pid!);
    let maxPids = 0;
    let last = await sampler.sample();
    while (child.exitCode === null) {
      last = await sampler.sample();
      maxPids = Math.max(maxPids, last.pids.length);
      await sleepMs(25);
    }
    await waitForExit(child);
    expect(maxPids).toBeGreaterThanOrEqual(2); // sh and its node grandchild were both seen
    expect(last.cpuS).toBeGreaterThanOrEqual(0.2);
    const reapedAfter = await readReapedChildrenCpuS("/proc", "self");
    expect(reapedBefore.available && reapedAfter.available).toBe(true);
    if (reapedBefore.available && reapedAfter.available) {
      expect(reapedAfter.cpuS - reapedBefore.cpuS).toBeGreaterThanOrEqual(0.2);
    }
  });

  it("finds a double-forked daemon by its marker though it has left the tree", async () => {
    const marker = formatRunMarker(`test-${process.pid}-${Date.now()}`);
    const [key, value] = marker.split("=") as [string, string];
    // sh starts sleep in the background and exits: sleep is orphaned, as a daemon would be.
    const child = spawn("sh", ["-c", "sleep 5 >/dev/null 2>&1 &"], { stdio: "ignore", env: { ...process.env, [key]: value } });
    const shPid = child.pid!;
    await waitForExit(child);
    let found: number[] = [];
    for (let i = 0; i < 40 && found.length === 0; i++) {
      const result = await findMarkedProcesses("/proc", marker);
      if (result.available) found = [...result.pids];
      if (found.length === 0) await sleepMs(25);
    }
    try {
      expect(found).toHaveLength(1);
      expect(found[0]).not.toBe(shPid);
      expect(await listTree("/proc", shPid)).toEqual([]);
      const stat = await readFile(`/proc/${found[0]}/cmdline`, "utf8");
      expect(stat.split("\0")[0]).toBe("sleep");
    } finally {
      for (const pid of found) process.kill(pid, "SIGKILL");
    }
  });
});
