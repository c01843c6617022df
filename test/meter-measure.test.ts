import { existsSync, renameSync, writeFileSync } from "node:fs";
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseConfig, parseReport, type RunMeasurement } from "@sci-gate/core";
import { runSuite } from "@sci-gate/meter";
import { describe, expect, it } from "vitest";

const repo = resolve(import.meta.dirname, "..");

async function configFile(dir: string, yaml: string) {
  const path = join(dir, "sci-gate.yml");
  await writeFile(path, yaml);
  const parsed = parseConfig(yaml, path);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return { path, config: parsed.value, text: yaml };
}

/** A powercap tree in the kernel's layout; the scenario itself advances the counters, so the meter reads them live. */
async function makePowercap(dir: string) {
  const pkg = join(dir, "powercap", "intel-rapl:0");
  const dram = join(pkg, "intel-rapl:0:0");
  await mkdir(dram, { recursive: true });
  await writeFile(join(pkg, "name"), "package-0\n");
  await writeFile(join(pkg, "energy_uj"), "262143000000\n");
  await writeFile(join(pkg, "max_energy_range_uj"), "262143328850\n");
  await writeFile(join(dram, "name"), "dram\n");
  await writeFile(join(dram, "energy_uj"), "1000000\n");
  await writeFile(join(dram, "max_energy_range_uj"), "65712999613\n");
  return { root: join(dir, "powercap"), pkg, dram };
}

describe("runSuite on real processes", () => {
  it("reads RAPL counters that wrap mid-run as measured energy", async () => {
    const dir = await mkdtemp(join(tmpdir(), "sci-gate-rapl-"));
    const rapl = await makePowercap(dir);
    // The suite steps the package counter 262,143,000,000 → 262,143,300,000 → wraps to 4,671,150 µJ
    // (328,850 µJ to the wrap point + 4,671,150 past it), 5 J in all; dram +2 J.
    const script = join(dir, "suite.mjs");
    await writeFile(
      script,
      `import { writeFileSync } from "node:fs";
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
await sleep(250);
writeFileSync(${JSON.stringify(join(rapl.pkg, "energy_uj"))}, "262143300000\\n");
await sleep(250);
writeFileSync(${JSON.stringify(join(rapl.pkg, "energy_uj"))}, "4671150\\n");
writeFileSync(${JSON.stringify(join(rapl.dram, "energy_uj"))}, "3000000\\n");
await sleep(250);
writeFileSync(process.env.SCI_GATE_OUTPUT, JSON.stringify({ units: 50 }));
`,
    );
    const { path, config, text } = await configFile(
      dir,
      `version: 1\nlocation: { intensityGPerKwh: 360, source: test }\nscenarios:\n  - { name: s, run: "node ${script}", unit: token, warmup: 0, runs: 1 }\n`,
    );
    const result = await runSuite({ config, configPath: path, configText: text, headDir: dir, env: process.env, toolVersion: "test", sources: { powercapRoot: rapl.root, nvidiaSmi: null } });
    expect(result.status).toBe("ok");
    const run = result.report.scenarios[0]!.runs[0]!;
    expect(run.sources.cpu).toBe("measured:rapl-package");
    expect(run.sources.memory).toBe("measured:rapl-dram");
    expect(run.energyJ.cpu).toBeCloseTo(5, 6);
    expect(run.energyJ.memory).toBeCloseTo(2, 6);
    expect(run.energyJ.total).toBeCloseTo(7, 6);
    expect(run.units).toBe(50);
  });

  it("keeps a failed run with its exit code and says the suite failed", async () => {
    const dir = await mkdtemp(join(tmpdir(), "sci-gate-fail-"));
    const { path, config, text } = await configFile(dir, `version: 1\nlocation: { country: FR }\nscenarios:\n  - { name: s, run: "echo boom >&2; exit 1", unit: token, warmup: 0, runs: 2 }\n`);
    const out = join(dir, "report.json");
    const result = await runSuite({ config, configPath: path, configText: text, headDir: dir, env: process.env, toolVersion: "test", outPath: out, sources: { nvidiaSmi: null } });
    expect(result.status).toBe("suite-failed");
    expect(result.messages[0]).toBe('scenario "s" head run 1: exited with code 1: boom');
    const saved = parseReport(await readFile(out, "utf8"), out);
    expect(saved.ok && saved.value.scenarios[0]!.runs.map((r) => r.exitCode)).toEqual([1, 1]);
  });

  it("stops a double-forked daemon the suite leaves behind", async () => {
    const dir = await mkdtemp(join(tmpdir(), "sci-gate-daemon-"));
    const pidFile = join(dir, "daemon.pid");
    // setsid puts the sleeper in its own session, outside the suite's process group: only the marker finds it.
    const run = `setsid sh -c 'echo $$ > ${pidFile}; exec sleep 60' > /dev/null 2>&1 < /dev/null & sleep 0.3; echo '{"units": 1}' > "$SCI_GATE_OUTPUT"`;
    const { path, config, text } = await configFile(dir, `version: 1\nlocation: { country: FR }\nscenarios:\n  - name: s\n    run: ${JSON.stringify(run)}\n    unit: request\n    warmup: 0\n    runs: 1\n`);
    const result = await runSuite({ config, configPath: path, configText: text, headDir: dir, env: process.env, toolVersion: "test", sources: { nvidiaSmi: null } });
    expect(result.status).toBe("ok");
    const pid = Number((await readFile(pidFile, "utf8")).trim());
    await new Promise((r) => setTimeout(r, 300));
    const state = existsSync(`/proc/${pid}/status`) ? (await readFile(`/proc/${pid}/status`, "utf8")).match(/^State:\s+(\S)/m)?.[1] : "gone";
    expect(["gone", "Z"]).toContain(state);
  });

  it("measures more energy per token with the example's KV cache off", async () => {
    const example = join(repo, "examples", "tiny-llm");
    const small = "--width 128 --layers 2 --heads 2 --prompt-tokens 48 --new-tokens 16";
    const yaml = `version: 1\nlocation: { country: FR }\nscenarios:\n  - { name: kv-on, run: "node dist/bench.js --scenario chat ${small} --kv-cache on", unit: token, warmup: 0, runs: 2 }\n  - { name: kv-off, run: "node dist/bench.js --scenario chat ${small} --kv-cache off", unit: token, warmup: 0, runs: 2 }\n`;
    const parsed = parseConfig(yaml);
    if (!parsed.ok) throw new Error("config");
    const result = await runSuite({ config: parsed.value, configPath: join(example, "sci-gate.yml"), configText: yaml, headDir: example, env: process.env, toolVersion: "test", sources: { nvidiaSmi: null } });
    expect(result.status).toBe("ok");
    const perToken = (name: string) => {
      const runs = result.report.scenarios.find((s) => s.name === name)!.runs;
      return runs.reduce((sum, r) => sum + r.energyJ.total / r.units!, 0) / runs.length;
    };
    expect(perToken("kv-off")).toBeGreaterThan(1.5 * perToken("kv-on"));
  });
});

describe("runSuite idle baseline", () => {
  it("reports energy above idle beside the total when hardware.idleBaseline is on", async () => {
    const dir = await mkdtemp(join(tmpdir(), "sci-gate-idle-"));
    const { path, config, text } = await configFile(
      dir,
      `version: 1\nlocation: { country: FR }\nhardware: { idleBaseline: true }\nscenarios:\n  - { name: s, run: "node -e \\"const e=Date.now()+300;while(Date.now()<e);require('fs').writeFileSync(process.env.SCI_GATE_OUTPUT,'{\\\\\\"units\\\\\\":1}')\\"", unit: request, warmup: 0, runs: 1 }\n`,
    );
    const result = await runSuite({ config, configPath: path, configText: text, headDir: dir, env: process.env, toolVersion: "test", sources: { nvidiaSmi: null } });
    expect(result.status, result.messages.join("\n")).toBe("ok");
    const run = result.report.scenarios[0]!.runs[0]!;
    expect(run.activeEnergyJ).not.toBeNull();
    expect(run.activeEnergyJ!).toBeLessThanOrEqual(run.energyJ.total);
    expect(result.report.assumptions.warnings.some((w) => w.startsWith("idle baseline: "))).toBe(true);
  });
});

/** Writes a scenario config next to the given script files and runs the suite from that directory. */
async function runIn(dir: string, yaml: string, files: Record<string, string> = {}, extra: Partial<Parameters<typeof runSuite>[0]> = {}) {
  await mkdir(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  const { path, config, text } = await configFile(dir, yaml);
  return runSuite({ config, configPath: path, configText: text, headDir: dir, env: { PATH: process.env.PATH }, toolVersion: "test", sources: { nvidiaSmi: null }, ...extra });
}

const oneScenario = (run: string, more = "") => `version: 1\nlocation: { country: FR }\n${more}scenarios:\n  - name: s\n    run: ${JSON.stringify(run)}\n    unit: token\n    warmup: 0\n    runs: 1\n`;

describe("runSuite without /proc", () => {
  it("models CPU energy on os.cpus() utilisation and says so, instead of 0 J tagged as modelled", async () => {
    const dir = await mkdtemp(join(tmpdir(), "sci-gate-no-proc-"));
    // 0.6 s of CPU time, so the machine is measurably busy whatever else runs on it.
    const busy = `while (process.cpuUsage().user < 600000) {} require("node:fs").writeFileSync(process.env.SCI_GATE_OUTPUT, '{"units": 3}')`;
    const result = await runIn(dir, oneScenario("node busy.cjs"), { "busy.cjs": busy }, { sources: { nvidiaSmi: null, procRoot: join(dir, "no-proc-here"), powercapRoot: join(dir, "none") } });
    expect(result.status, result.messages.join("\n")).toBe("ok");
    const run = result.report.scenarios[0]!.runs[0]!;
    expect(run.sources.cpu).toMatch(/^modelled:/);
    expect(run.energyJ.cpu).toBeGreaterThan(0);
    expect(run.cpuUtilisation!).toBeGreaterThan(0);
    expect(run.warnings.find((w) => w.startsWith("utilisation from os.cpus(): /proc/stat unreadable"))).toContain(join(dir, "no-proc-here", "stat"));
    // Without /proc the process tree cannot be read: unknown, not 0 s.
    expect(run.processCpuS).toBeNull();
  });
});

describe("runSuite with a base tree", () => {
  it("runs each tree's own setup: the base's in the base tree, the head's in the head tree", async () => {
    const root = await mkdtemp(join(tmpdir(), "sci-gate-setup-"));
    const baseDir = join(root, "base");
    const headDir = join(root, "head");
    const scenario = `scenarios:\n  - { name: s, run: "echo '{\\"units\\": 1}' > \\"$SCI_GATE_OUTPUT\\"", unit: token, warmup: 0, runs: 1 }\n`;
    const baseYaml = `version: 1\nlocation: { country: FR }\nsetup: "echo base-setup > setup-ran"\n${scenario}`;
    const headYaml = `version: 1\nlocation: { country: FR }\nsetup: "echo head-setup > setup-ran"\n${scenario}`;
    await mkdir(baseDir, { recursive: true });
    const base = await configFile(baseDir, baseYaml);
    const result = await runIn(headDir, headYaml, {}, { base: { dir: baseDir, sha: null, ref: "main", config: base.config, configText: base.text } });
    expect(result.status, result.messages.join("\n")).toBe("ok");
    expect((await readFile(join(baseDir, "setup-ran"), "utf8")).trim()).toBe("base-setup");
    expect((await readFile(join(headDir, "setup-ran"), "utf8")).trim()).toBe("head-setup");
  });
});

describe("runSuite process CPU", () => {
  it("counts the CPU of a daemon that left the tree with setsid", async () => {
    const dir = await mkdtemp(join(tmpdir(), "sci-gate-daemon-cpu-"));
    // The daemon burns 1.5 s of CPU time, says so, then lingers until the meter stops it.
    const daemon = `while (process.cpuUsage().user < 1500000) {}
require("node:fs").writeFileSync("busy-done", "");
setTimeout(() => {}, 60000);`;
    const run = `setsid node daemon.cjs > /dev/null 2>&1 < /dev/null & while [ ! -f busy-done ]; do sleep 0.1; done; echo '{"units": 1}' > "$SCI_GATE_OUTPUT"`;
    const result = await runIn(dir, oneScenario(run), { "daemon.cjs": daemon });
    expect(result.status, result.messages.join("\n")).toBe("ok");
    const measured = result.report.scenarios[0]!.runs[0]!;
    // The reaped tree (sh, its sleeps) used a few ticks; the daemon at least its 1.5 s of user time.
    expect(measured.processCpuS!).toBeGreaterThanOrEqual(1.45);
    expect(measured.processCpuS!).toBeLessThan(4);
  });
});

describe("runSuite functional units", () => {
  it("fails a run that reports 0 units, naming the scenario, and keeps it", async () => {
    const dir = await mkdtemp(join(tmpdir(), "sci-gate-zero-units-"));
    const result = await runIn(dir, oneScenario(`echo '{"units": 0}' > "$SCI_GATE_OUTPUT"`));
    expect(result.status).toBe("suite-failed");
    expect(result.messages).toEqual(['scenario "s" head run 1: reported 0 units (SCI_GATE_OUTPUT units); expected at least one token per run: SCI is carbon per token, undefined for none']);
    expect(result.report.status.errors).toEqual(result.messages);
    const run: RunMeasurement = result.report.scenarios[0]!.runs[0]!;
    expect(run.units).toBe(0);
    expect(run.exitCode).toBe(0);
  });
});

describe("runSuite idle baseline above the run", () => {
  it("warns when the idle baseline drew more than the run itself", async () => {
    const dir = await mkdtemp(join(tmpdir(), "sci-gate-idle-above-"));
    const rapl = await makePowercap(dir);
    // 10 J every 100 ms (100 W) on the package counter while the idle baseline is measured; the
    // counter stops when the scenario starts, so the run itself measures 0 J.
    let energyUj = 62_143_000_000;
    // Written whole (temp file + rename), so the meter never reads a half-written counter.
    const step = () => {
      writeFileSync(join(rapl.pkg, "energy_uj.tmp"), `${energyUj}\n`);
      renameSync(join(rapl.pkg, "energy_uj.tmp"), join(rapl.pkg, "energy_uj"));
    };
    step();
    const writer = setInterval(() => {
      energyUj += 10_000_000;
      step();
    }, 100);
    try {
      const result = await runIn(dir, oneScenario(`echo '{"units": 1}' > "$SCI_GATE_OUTPUT"`, "hardware: { idleBaseline: true }\n"), {}, {
        sources: { nvidiaSmi: null, powercapRoot: rapl.root },
        onProgress: (event) => {
          if (event.kind === "run-start") clearInterval(writer);
        },
      });
      expect(result.status, result.messages.join("\n")).toBe("ok");
      const run = result.report.scenarios[0]!.runs[0]!;
      expect(run.sources.cpu).toBe("measured:rapl-package");
      expect(run.energyJ.total).toBe(0);
      expect(run.activeEnergyJ).toBe(0);
      const warning = run.warnings.find((w) => w.startsWith("idle baseline "));
      expect(warning).toMatch(/^idle baseline \d+\.\d\d W exceeds this run's measured 0\.00 W: activeEnergyJ is capped at 0 J/);
      // The baseline itself was read from the counter (about 100 W, as steady as the test's timer allows).
      expect(result.report.assumptions.warnings.find((w) => w.startsWith("idle baseline: "))).toMatch(/W over \d+\.\d s \(measured:rapl-package\)/);
      expect(Number(/^idle baseline (\S+) W/.exec(warning!)![1])).toBeGreaterThan(20);
    } finally {
      clearInterval(writer);
    }
  });
});
