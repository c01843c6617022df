import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseConfig, parseReport, type RunMeasurement } from "@sci-gate/core";
import { type RunSuiteResult, runSuite } from "@sci-gate/meter";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "./support/action-harness.js";

/**
 * Samplers that fail mid-run, on real processes: the figure falls back to the model with a
 * warning in the report, and is never a wrong number tagged as measured.
 */
const fakeNvidiaSmi = join(repoRoot, "packages", "meter", "src", "samplers", "fixtures", "fake-nvidia-smi.mjs");
let work = "";

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "sci-gate-sampler-faults-"));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** An executable `nvidia-smi` for the meter: a shell script choosing the fake's mode per call. */
async function nvidiaSmi(name: string, body: string): Promise<string> {
  const path = join(work, `nvidia-smi-${name}`);
  const node = process.execPath;
  await writeFile(path, `#!/bin/sh\n${body.replaceAll("$NODE", node).replaceAll("$FAKE", fakeNvidiaSmi)}\n`);
  await chmod(path, 0o755);
  return path;
}

/** Runs a scenario that lasts `seconds` and counts 10 units, with the given sources. */
async function measure(
  name: string,
  options: { runs?: number; seconds?: number; before?: string; scenarioEnv?: Record<string, string>; sources: Parameters<typeof runSuite>[0]["sources"] },
): Promise<{ result: RunSuiteResult; runs: RunMeasurement[] }> {
  const dir = join(work, name);
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, "suite.mjs"),
    `import { writeFileSync, rmSync } from "node:fs";
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
await sleep(${Math.round((options.seconds ?? 0.8) * 500)});
${options.before ?? ""}
await sleep(${Math.round((options.seconds ?? 0.8) * 500)});
writeFileSync(process.env.SCI_GATE_OUTPUT, JSON.stringify({ units: 10 }));
`,
  );
  const env = options.scenarioEnv ? `, env: ${JSON.stringify(options.scenarioEnv)}` : "";
  const yaml = `version: 1\nlocation: { country: FR }\nscenarios:\n  - { name: s, run: "node suite.mjs", unit: token, warmup: 0, runs: ${options.runs ?? 1}${env} }\n`;
  const parsed = parseConfig(yaml);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const out = join(dir, "report.json");
  const result = await runSuite({ config: parsed.value, configPath: join(dir, "sci-gate.yml"), configText: yaml, headDir: dir, env: { PATH: process.env.PATH }, toolVersion: "test", outPath: out, sources: options.sources });
  // What is on disk is what a comparison will read: it must carry the same tags and warnings.
  const saved = parseReport(await readFile(out, "utf8"), out);
  if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
  return { result, runs: saved.value.scenarios[0]!.runs };
}

/** A powercap tree in the kernel's layout, with one package zone and its dram subzone. */
async function powercap(name: string) {
  const pkg = join(work, name, "powercap", "intel-rapl:0");
  const dram = join(pkg, "intel-rapl:0:0");
  await mkdir(dram, { recursive: true });
  await writeFile(join(pkg, "name"), "package-0\n");
  await writeFile(join(pkg, "energy_uj"), "1000000000\n");
  await writeFile(join(pkg, "max_energy_range_uj"), "262143328850\n");
  await writeFile(join(dram, "name"), "dram\n");
  await writeFile(join(dram, "energy_uj"), "1000000\n");
  await writeFile(join(dram, "max_energy_range_uj"), "65712999613\n");
  // The suite steps the counters by itself (a fake tree does not count), so RAPL would otherwise be measured.
  const step = `writeFileSync(${JSON.stringify(join(pkg, "energy_uj"))}, "1002000000\\n"); writeFileSync(${JSON.stringify(join(dram, "energy_uj"))}, "1500000\\n");`;
  return { root: join(work, name, "powercap"), pkg, dram, step };
}

describe("RAPL faults", () => {
  it("a counter file that disappears mid-run: CPU and memory modelled, with a warning", async () => {
    const tree = await powercap("rapl-gone");
    const { result, runs } = await measure("rapl-gone", { before: `${tree.step}\nrmSync(${JSON.stringify(join(tree.pkg, "energy_uj"))});`, sources: { powercapRoot: tree.root, nvidiaSmi: null } });
    expect(result.status).toBe("ok");
    const run = runs[0]!;
    expect(run.sources.cpu).toMatch(/^modelled:/);
    expect(run.sources.memory).toMatch(/^modelled:/);
    expect(run.warnings.join("\n")).toMatch(/RAPL dropped, CPU energy modelled instead: RAPL zone package-0 .*mid-run/);
    expect(run.energyJ.cpu).toBeGreaterThan(0);
  });

  it("a counter that goes backwards (no wrap could explain it): modelled, with a warning", async () => {
    const tree = await powercap("rapl-backwards");
    // 1,002 J → 100 J: as a wrap that would be 261 kJ in half a second, far beyond any package.
    const back = `writeFileSync(${JSON.stringify(join(tree.pkg, "energy_uj"))}, "100000000\\n");`;
    const { result, runs } = await measure("rapl-backwards", { before: `${tree.step}\nawait sleep(200);\n${back}`, sources: { powercapRoot: tree.root, nvidiaSmi: null } });
    expect(result.status).toBe("ok");
    const run = runs[0]!;
    expect(run.sources.cpu).toMatch(/^modelled:/);
    expect(run.warnings.join("\n")).toMatch(/RAPL dropped, CPU energy modelled instead: RAPL zone package-0/);
    // Never the absurd "measured" figure a naive wrap would give.
    expect(run.energyJ.cpu).toBeLessThan(10_000);
  });
});

describe("nvidia-smi faults", () => {
  const expectModelledGpu = (run: RunMeasurement, why: RegExp) => {
    expect(run.sources.gpu).toBe("modelled:ccf-gpu-a100");
    expect(run.energyJ.gpu).toBeGreaterThan(0);
    expect(run.gpuEnergyJ.map((g) => g.index)).toEqual([0, 1]);
    const warnings = run.warnings.join("\n");
    expect(warnings).toMatch(/GPU energy modelled, not measured/);
    expect(warnings).toMatch(why);
  };

  it("dies mid-run: the whole run's GPU energy is modelled from the utilisation it reported", async () => {
    const smi = await nvidiaSmi("dies", `exec "$NODE" "$FAKE" --fake-mode=die-after=3 "$@"`);
    const { result, runs } = await measure("smi-dies", { sources: { nvidiaSmi: smi, powercapRoot: join(work, "none") } });
    expect(result.status).toBe("ok");
    expectModelledGpu(runs[0]!, /mean utilisation of \d+ sample/);
    expect(runs[0]!.warnings.join("\n")).toMatch(/GPU is lost/);
  });

  it("hangs without a sample: modelled at full load, and the next run does not wait for it again", async () => {
    const smi = await nvidiaSmi("hangs", `case "$*" in *-lms*) exec "$NODE" "$FAKE" --fake-mode=hang ;; *) exec "$NODE" "$FAKE" "$@" ;; esac`);
    const { result, runs } = await measure("smi-hangs", { runs: 2, sources: { nvidiaSmi: smi, powercapRoot: join(work, "none"), nvidiaSmiStartTimeoutMs: 800 } });
    expect(result.status).toBe("ok");
    expectModelledGpu(runs[0]!, /produced no sample within 800 ms.*full load/);
    expectModelledGpu(runs[1]!, /not retried/);
  });

  it("prints only garbage: modelled, never measured", async () => {
    const smi = await nvidiaSmi("garbage-only", `case "$*" in *-lms*) while :; do echo "0, NVIDIA A100, \\001\\002, [unreadable"; sleep 0.05; done ;; *) exec "$NODE" "$FAKE" "$@" ;; esac`);
    const { runs } = await measure("smi-garbage-only", { sources: { nvidiaSmi: smi, powercapRoot: join(work, "none"), nvidiaSmiStartTimeoutMs: 800 } });
    expectModelledGpu(runs[0]!, /produced no sample within 800 ms/);
  });

  it("one corrupt line among good ones: measured from the good ones, the skip reported", async () => {
    const smi = await nvidiaSmi("garbage-line", `exec "$NODE" "$FAKE" --fake-mode=garbage "$@"`);
    const { runs } = await measure("smi-garbage-line", { sources: { nvidiaSmi: smi, powercapRoot: join(work, "none") } });
    const run = runs[0]!;
    expect(run.sources.gpu).toBe("measured:nvidia-smi-power.draw");
    expect(run.warnings.join("\n")).toMatch(/1 unparseable nvidia-smi line\(s\) skipped/);
  });

  it("a power.draw of 9,999,999 W on a 400 W A100: modelled, never 17 MJ presented as measured", async () => {
    const smi = await nvidiaSmi("power-spike", `exec "$NODE" "$FAKE" --fake-mode=power-spike "$@"`);
    const { result, runs } = await measure("smi-power-spike", { sources: { nvidiaSmi: smi, powercapRoot: join(work, "none") } });
    expect(result.status).toBe("ok");
    const run = runs[0]!;
    expectModelledGpu(run, /GPU energy modelled, not measured \(nvidia-smi reported implausible power \(GPU 0\)\)/);
    expect(run.warnings).toContain("nvidia-smi reported GPU 0 power.draw up to 9999999 W in 1 sample(s), above the plausible 600 W (1.5 × its 400 W power limit): its readings are not trusted");
    // The CCF A100 model tops out at 407 W a board: two boards cannot exceed 814 W over the run.
    expect(run.energyJ.gpu).toBeLessThanOrEqual(2 * 407 * run.durationS);
  });
});

describe("the scenario's own environment reaches the GPU source", () => {
  it("env: { CUDA_VISIBLE_DEVICES: \"1\" } measures GPU 1 only", async () => {
    const smi = await nvidiaSmi("visible", `exec "$NODE" "$FAKE" "$@"`);
    // The meter's own environment has no CUDA_VISIBLE_DEVICES: only the scenario's can select GPU 1.
    const { result, runs } = await measure("smi-visible", { scenarioEnv: { CUDA_VISIBLE_DEVICES: "1" }, sources: { nvidiaSmi: smi, powercapRoot: join(work, "none") } });
    expect(result.status, result.messages.join("\n")).toBe("ok");
    const run = runs[0]!;
    expect(run.sources.gpu).toBe("measured:nvidia-smi-power.draw");
    expect(run.gpuEnergyJ.map((g) => g.index)).toEqual([1]);
    // GPU 1 idles at 56.4–56.6 W in the recording, whatever part of it the run saw.
    expect(run.energyJ.gpu).toBeGreaterThan(0);
    expect(run.energyJ.gpu).toBeLessThan(57 * run.durationS);
  });
});

describe("the meter's own CPU", () => {
  it("counts nvidia-smi's CPU as the meter's, not the suite's", async () => {
    // Each power stream first burns 0.6 s of CPU time (CPU time, so a loaded machine cannot shorten it), then replays the recording.
    const burn = `"$NODE" -e 'while (process.cpuUsage().user < 600000) {}'`;
    const smi = await nvidiaSmi("busy", `case "$*" in *-lms*) ${burn} ;; esac\nexec "$NODE" "$FAKE" "$@"`);
    const { result, runs } = await measure("smi-busy", { runs: 2, sources: { nvidiaSmi: smi, powercapRoot: join(work, "none") } });
    expect(result.status, result.messages.join("\n")).toBe("ok");
    // The suite is node sleeping for 0.8 s: its start-up only, far below one stream's 0.6 s.
    for (const run of runs) expect(run.processCpuS!).toBeLessThan(0.45);
    // Two runs, two streams: at least 2 × 0.6 s of helper CPU, on top of the meter's own Node process.
    expect(result.report.meter.cpuS).toBeGreaterThanOrEqual(1.2);
  });
});
