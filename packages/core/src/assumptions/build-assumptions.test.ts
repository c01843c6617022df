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

  it("refuses an unknown country with close matches, naming the config path", () => {
    const built = buildAssumptions(config("location: { country: FRX }"), vm, "sci-gate.yml");
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.errors[0]).toMatchObject({ file: "sci-gate.yml", path: "location" });
    expect(built.errors[0]?.message).toMatch(/FRX/);
    expect(built.errors[0]?.message).toMatch(/^Unknown country "FRX"\. Did you mean FR \(France\), FRO \(Faroe Islands\)\?/);
  });
});
