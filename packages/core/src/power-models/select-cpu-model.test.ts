import { describe, expect, it } from "vitest";
import { selectCpuPowerModel } from "./select-cpu-model.js";

const hosted = { githubHosted: true, os: "Linux", arch: "X64" };

describe("selectCpuPowerModel", () => {
  it("uses Eco-CI on a GitHub-hosted EPYC 7763 runner", () => {
    const selection = selectCpuPowerModel({ cpuModel: "AMD EPYC 7763 64-Core Processor", vcpus: 4, runner: hosted });
    expect(selection.ok).toBe(true);
    if (!selection.ok) return;
    expect(selection.model.name).toBe("eco-ci-github-epyc-7763");
    expect(selection.warnings).toEqual([]);
    expect(selection.model.powerW(0.5)).toBe(5.16406512260437);
    expect(selection.reason).toContain("Eco-CI");
  });

  it("scales Eco-CI for a 2-vCPU runner and says so", () => {
    const selection = selectCpuPowerModel({ cpuModel: "AMD EPYC 7763 64-Core Processor", vcpus: 2, runner: hosted });
    if (!selection.ok) throw new Error(selection.error.message);
    expect(selection.model.powerW(0.5)).toBeCloseTo(5.16406512260437 / 2, 12);
    expect(selection.warnings.join(" ")).toContain("2/4");
  });

  it("uses CCF EPYC gen 3 for the same chip off GitHub's hosted fleet", () => {
    const selection = selectCpuPowerModel({ cpuModel: "AMD EPYC 7763 64-Core Processor", vcpus: 4, runner: { githubHosted: false } });
    if (!selection.ok) throw new Error(selection.error.message);
    expect(selection.model.name).toBe("ccf-amd-epyc-gen3");
    expect(selection.model.powerW(0.5)).toBeCloseTo(4.94, 12);
  });

  it("maps an Ice Lake Xeon to CCF Cascade Lake with a warning", () => {
    const selection = selectCpuPowerModel({ cpuModel: "Intel(R) Xeon(R) Platinum 8370C CPU @ 2.80GHz", vcpus: 4, runner: hosted });
    if (!selection.ok) throw new Error(selection.error.message);
    expect(selection.model.name).toBe("ccf-intel-cascade-lake");
    expect(selection.warnings).toHaveLength(1);
    expect(selection.warnings[0]).toContain("Cascade Lake");
  });

  it("maps a Xeon E5 v4 to CCF Broadwell", () => {
    const selection = selectCpuPowerModel({ cpuModel: "Intel(R) Xeon(R) CPU E5-2673 v4 @ 2.30GHz", vcpus: 2 });
    if (!selection.ok) throw new Error(selection.error.message);
    expect(selection.model.name).toBe("ccf-intel-broadwell");
    expect(selection.warnings).toEqual([]);
    // By hand: 2 × (0.71 + 0.25 × (3.69 − 0.71)) = 2 × 1.455 = 2.91 W.
    expect(selection.model.powerW(0.25)).toBeCloseTo(2.91, 12);
  });

  it("falls back to a CCF cloud average with a warning when the CPU is hidden", () => {
    const onGithub = selectCpuPowerModel({ cpuModel: "Intel(R) Xeon(R) Processor", vcpus: 4, runner: hosted });
    if (!onGithub.ok) throw new Error(onGithub.error.message);
    expect(onGithub.model.name).toBe("ccf-azure-average");
    expect(onGithub.warnings[0]).toContain("Could not identify the CPU");
    expect(onGithub.warnings[0]).toContain("Intel(R) Xeon(R) Processor");

    const onGcp = selectCpuPowerModel({ cpuModel: "Intel(R) Xeon(R) CPU @ 2.20GHz", vcpus: 4, provider: "gcp" });
    expect(onGcp.ok && onGcp.model.name).toBe("ccf-gcp-average");

    const local = selectCpuPowerModel({ cpuModel: "Apple M2", vcpus: 8 });
    if (!local.ok) throw new Error(local.error.message);
    expect(local.model.name).toBe("ccf-aws-average");
    expect(local.warnings[0]).toContain("Apple silicon");
  });

  it("uses Teads × TDP when the CPU is unknown but its TDP is given", () => {
    const selection = selectCpuPowerModel({ cpuModel: "Apple M2", vcpus: 8, tdpW: 20, threadsPerChip: 8 });
    if (!selection.ok) throw new Error(selection.error.message);
    expect(selection.model.name).toBe("teads-tdp");
    expect(selection.warnings).toEqual([]);
    expect(selection.model.powerW(0.5)).toBeCloseTo(20 * 0.75, 12);

    const noThreads = selectCpuPowerModel({ cpuModel: "Apple M2", vcpus: 8, tdpW: 20 });
    expect(noThreads.ok && noThreads.warnings[0]).toContain("threadsPerChip");
  });

  it("honours an override by name, and rejects a bad one with suggestions", () => {
    const chosen = selectCpuPowerModel({ cpuModel: "AMD EPYC 7763 64-Core Processor", vcpus: 4, runner: hosted, override: "CCF-Intel-Skylake" });
    expect(chosen.ok && chosen.model.name).toBe("ccf-intel-skylake");

    const typo = selectCpuPowerModel({ cpuModel: undefined, vcpus: 4, override: "ccf-intel-skylak" });
    expect(typo.ok).toBe(false);
    if (typo.ok) return;
    expect(typo.error.code).toBe("unknown-power-model");
    expect(typo.error.suggestions).toContain("ccf-intel-skylake");
    expect(typo.error.message).toContain('Did you mean "ccf-intel-skylake"');

    const memory = selectCpuPowerModel({ cpuModel: undefined, vcpus: 4, override: "ccf-memory" });
    expect(!memory.ok && memory.error.code).toBe("wrong-component");

    const teads = selectCpuPowerModel({ cpuModel: undefined, vcpus: 4, override: "teads-tdp" });
    expect(!teads.ok && teads.error.code).toBe("missing-parameter");
    expect(!teads.ok && teads.error.message).toContain("tdpW");
  });

  it("rejects a non-positive vCPU count", () => {
    const selection = selectCpuPowerModel({ cpuModel: "AMD EPYC 7763 64-Core Processor", vcpus: 0 });
    expect(!selection.ok && selection.error.code).toBe("invalid-parameter");
  });
});
