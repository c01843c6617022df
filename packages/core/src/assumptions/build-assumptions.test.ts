import { describe, expect, it } from "vitest";
import { parseConfig } from "../config/parse-config.js";
import type { Machine } from "../schema/report.js";
import { buildAssumptions } from "./build-assumptions.js";

const config = (extra: string) => {
  const parsed = parseConfig(`version: 1\n${extra}\nscenarios:\n  - { name: a, run: x, unit: token }\n`);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value;
};

const vm: Machine = {
  cpuModel: "AMD EPYC",
  vcpus: 2,
  memoryGiB: 24,
  gpus: [],
  os: "linux",
  arch: "x64",
  githubHosted: false,
  virtualised: true,
  fingerprint: "vm",
};

describe("buildAssumptions", () => {
  it("shares a VM's host embodied carbon by its vCPUs instead of charging it the whole server", () => {
    const built = buildAssumptions(config("location: { country: FR }"), vm);
    if (!built.ok) throw new Error(JSON.stringify(built.errors));
    // CCF: 1,000 kg + (24 − 16) GB × 1.388 kg + 1 SSD × 100 kg = 1,111.104 kg, shared 2 of 128 threads.
    expect(built.value.assumptions.embodied).toEqual([
      expect.objectContaining({ totalG: 1_111_104, resourcesReserved: 2, resourcesTotal: 128, lifetimeS: 126_144_000 }),
    ]);
    expect(built.value.assumptions.intensityGPerKwh).toBe(44.18);
    expect(built.value.assumptions.intensitySource).toMatchObject({ dataset: "ember-annual-average", zone: "FRA", year: "latest available" });
    expect(built.value.assumptions.pue).toBe(1);
    expect(built.value.assumptions.warnings.some((w) => w.startsWith("virtual machine: embodied carbon"))).toBe(true);
  });

  it("charges a bare-metal machine its whole server", () => {
    const built = buildAssumptions(config("location: { country: FR }"), { ...vm, virtualised: false });
    expect(built.ok && built.value.assumptions.embodied[0]).toMatchObject({ resourcesReserved: 1, resourcesTotal: 1 });
  });

  it("uses the GitHub runner's defaults there: Azure PUE, the runner share, Eco-CI with memory included", () => {
    const runner: Machine = { ...vm, cpuModel: "AMD EPYC 7763 64-Core Processor", vcpus: 4, memoryGiB: 16, githubHosted: true };
    const built = buildAssumptions(config("location: { country: US }"), runner);
    if (!built.ok) throw new Error(JSON.stringify(built.errors));
    expect(built.value.assumptions.pue).toBe(1.185);
    // 1,151.7 kg × 4/128 over 4 years (Eco-CI).
    expect(built.value.assumptions.embodied[0]).toMatchObject({ totalG: 1_151_700, resourcesReserved: 4, resourcesTotal: 128 });
    expect(built.value.cpuModel.name).toBe("eco-ci-github-epyc-7763");
    expect(built.value.memoryWPerGb).toBe(0);
  });

  it("takes configured embodied figures and an explicit intensity as given", () => {
    const built = buildAssumptions(
      config('location: { intensityGPerKwh: 56, source: "my utility 2025" }\npue: 1.2\nhardware:\n  embodied: { totalKg: 2000, lifetimeYears: 5, resourcesReserved: 8, resourcesTotal: 64, source: "vendor LCA 2024" }'),
      vm,
    );
    if (!built.ok) throw new Error(JSON.stringify(built.errors));
    expect(built.value.assumptions.intensityGPerKwh).toBe(56);
    expect(built.value.assumptions.intensitySource).toMatchObject({ dataset: "explicit", description: "my utility 2025" });
    expect(built.value.assumptions.pue).toBe(1.2);
    expect(built.value.assumptions.embodied).toEqual([
      { name: "machine (configured)", totalG: 2_000_000, lifetimeS: 5 * 31_536_000, resourcesReserved: 8, resourcesTotal: 64, source: "vendor LCA 2024" },
    ]);
  });

  it("refuses an unknown country with close matches, naming the config path (for configs built without parseConfig)", () => {
    // parseConfig refuses it at its line already; a Config built in code still gets the same words here.
    const built = buildAssumptions({ ...config("location: { country: FR }"), location: { country: "FRX" } }, vm, "sci-gate.yml");
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.errors[0]).toMatchObject({ file: "sci-gate.yml", path: "location" });
    expect(built.errors[0]?.message).toMatch(/^Unknown country "FRX"\. Did you mean FRA \(France\), FRO \(Faroe Islands\)\?/);
  });
});

describe("buildAssumptions with a configured TDP, thread count and cloud", () => {
  it("shares the TDP by vCPUs over the chip's threads (Teads), not the whole chip", () => {
    const built = buildAssumptions(config('hardware:\n  cpu: { model: "Intel(R) Xeon(R) Processor", tdpW: 205, threadsPerChip: 64 }'), { ...vm, vcpus: 4 });
    if (!built.ok) throw new Error(JSON.stringify(built.errors));
    expect(built.value.cpuModel.name).toBe("teads-tdp");
    // 205 W × 4/64 vCPUs of the chip = 12.8125 W; Teads at 50% load is 0.75 × that = 9.609375 W.
    expect(built.value.cpuModel.powerW(0.5)).toBeCloseTo(205 * (4 / 64) * 0.75, 12);
    expect(built.value.cpuModel.powerW(0.5)).toBeCloseTo(9.609375, 12);
    // At 100%: 12.8125 W × 1.02 = 13.06875 W; the whole chip would have been 205 × 1.02 = 209.1 W.
    expect(built.value.cpuModel.powerW(1)).toBeCloseTo(13.06875, 12);
    expect(built.value.assumptions.warnings.some((w) => w.includes("tdpW"))).toBe(false);
  });

  it("says so when a configured TDP is not used because the CPU was recognised", () => {
    const built = buildAssumptions(config("hardware:\n  cpu: { tdpW: 205, threadsPerChip: 64 }"), { ...vm, cpuModel: "AMD EPYC 7R13 Processor", vcpus: 4 });
    if (!built.ok) throw new Error(JSON.stringify(built.errors));
    expect(built.value.cpuModel.name).toBe("ccf-amd-epyc-gen3");
    expect(built.value.assumptions.warnings).toContainEqual(expect.stringMatching(/^hardware\.cpu\.tdpW \(205 W\) is not used: CPU "AMD EPYC 7R13 Processor" identified as .*Set hardware\.cpu\.powerModel: teads-tdp to use the TDP instead\.$/));
  });

  it("takes the cloud's CCF average and PUE from hardware.cpu.provider", () => {
    const aws = buildAssumptions(config('hardware:\n  cpu: { model: "Intel(R) Xeon(R) Processor", provider: aws }'), vm);
    if (!aws.ok) throw new Error(JSON.stringify(aws.errors));
    expect(aws.value.cpuModel.name).toBe("ccf-aws-average");
    // CCF PUE_AVG for AWS
    expect(aws.value.assumptions.pue).toBe(1.135);
    const gcp = buildAssumptions(config('hardware:\n  cpu: { model: "Intel(R) Xeon(R) Processor", provider: gcp }'), vm);
    expect(gcp.ok && gcp.value.cpuModel.name).toBe("ccf-gcp-average");
    expect(gcp.ok && gcp.value.assumptions.pue).toBe(1.1);
    // 2 vCPUs × (0.68 + 0.5 × (4.11 − 0.68)) W = 2 × 2.395 = 4.79 W at 50%
    expect(gcp.ok && gcp.value.cpuModel.powerW(0.5)).toBeCloseTo(4.79, 12);
  });
});

describe("buildAssumptions on GitHub-hosted runners other than the Linux x64 EPYC 7763", () => {
  const cases: Array<[string, Partial<Machine>]> = [
    ["macOS on Apple silicon", { os: "darwin", arch: "arm64", cpuModel: "Apple M1 (Virtual)", vcpus: 3, memoryGiB: 7, virtualised: false }],
    ["Linux ARM64", { os: "linux", arch: "arm64", cpuModel: "Neoverse-N2", vcpus: 4, memoryGiB: 16 }],
    ["Linux x64 on another CPU", { os: "linux", arch: "x64", cpuModel: "Intel(R) Xeon(R) Platinum 8370C CPU @ 2.80GHz", vcpus: 4, memoryGiB: 16 }],
  ];
  it.each(cases)("%s gets CCF's server formula shared by vCPUs, with a warning", (_name, overrides) => {
    const runner: Machine = { ...vm, githubHosted: true, ...overrides };
    const built = buildAssumptions(config("location: { country: US }"), runner);
    if (!built.ok) throw new Error(JSON.stringify(built.errors));
    // CCF: 1,000 kg base + 1 SSD × 100 kg (memory ≤ 16 GB adds nothing) = 1,100 kg, shared vCPUs of 128 host threads.
    expect(built.value.assumptions.embodied).toEqual([
      expect.objectContaining({ totalG: 1_100_000, resourcesReserved: runner.vcpus, resourcesTotal: 128, lifetimeS: 126_144_000 }),
    ]);
    expect(built.value.assumptions.warnings).toContainEqual(
      expect.stringContaining(`GitHub-hosted runner that is not the Linux x64 AMD EPYC 7763 one (${runner.os}/${runner.arch}, CPU "${runner.cpuModel}"): Eco-CI's runner share does not apply`),
    );
    // Still Azure's PUE: every GitHub-hosted runner runs in Azure.
    expect(built.value.assumptions.pue).toBe(1.185);
  });

  it("keeps the Eco-CI share for the Linux x64 EPYC 7763 runner", () => {
    const runner: Machine = { ...vm, cpuModel: "AMD EPYC 7763 64-Core Processor", vcpus: 4, memoryGiB: 16, githubHosted: true, os: "linux", arch: "x64" };
    const built = buildAssumptions(config("location: { country: US }"), runner);
    expect(built.ok && built.value.assumptions.embodied[0]).toMatchObject({ name: "GitHub-hosted runner share (4 vCPU)", totalG: 1_151_700, resourcesReserved: 4, resourcesTotal: 128 });
    expect(built.ok && built.value.assumptions.warnings.some((w) => w.includes("Eco-CI's runner share does not apply"))).toBe(false);
  });
});

describe("buildAssumptions with configured GPU boards", () => {
  it("uses a board's own lifetime when given, else 4 years", () => {
    const built = buildAssumptions(
      config('hardware:\n  gpus:\n    - { model: H100, embodiedKg: 575, lifetimeYears: 5, source: "Boavizta 2025" }\n    - { model: T4, embodiedKg: 150, source: "CCF floor" }'),
      vm,
    );
    if (!built.ok) throw new Error(JSON.stringify(built.errors));
    const gpus = built.value.assumptions.embodied.filter((item) => item.name.startsWith("GPU"));
    // 5 × 31,536,000 s = 157,680,000 s; 4 years = 126,144,000 s.
    expect(gpus).toEqual([
      { name: "GPU H100 (configured)", totalG: 575_000, lifetimeS: 157_680_000, resourcesReserved: 1, resourcesTotal: 1, source: "Boavizta 2025" },
      { name: "GPU T4 (configured)", totalG: 150_000, lifetimeS: 126_144_000, resourcesReserved: 1, resourcesTotal: 1, source: "CCF floor" },
    ]);
  });
});
