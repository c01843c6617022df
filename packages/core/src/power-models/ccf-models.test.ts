import { describe, expect, it } from "vitest";
import { CCF_CPU_COEFFICIENTS, createCcfCpuModel } from "./ccf-cpu.js";
import { createCcfGpuModel, lookupGpuPowerModel } from "./ccf-gpu.js";
import { createCcfMemoryModel } from "./ccf-memory.js";

describe("Cloud Carbon Footprint CPU model", () => {
  it("gives 4.94 W for 4 vCPUs of EPYC gen 3 at 50%", () => {
    // By hand: 4 × (0.45 + 0.5 × (2.02 − 0.45)) = 4 × (0.45 + 0.785) = 4.94 W.
    const model = createCcfCpuModel("amd-epyc-gen3", 4);
    expect(model.powerW(0.5)).toBeCloseTo(4.94, 12);
    expect(model.powerW(0)).toBeCloseTo(1.8, 12);
    expect(model.powerW(1)).toBeCloseTo(8.08, 12);
    expect(model.name).toBe("ccf-amd-epyc-gen3");
  });

  it("carries CCF's figures", () => {
    expect(CCF_CPU_COEFFICIENTS["intel-cascade-lake"]).toMatchObject({ minWPerVcpu: 0.64, maxWPerVcpu: 3.97 });
    expect(CCF_CPU_COEFFICIENTS["intel-broadwell"]).toMatchObject({ minWPerVcpu: 0.71, maxWPerVcpu: 3.69 });
    expect(CCF_CPU_COEFFICIENTS["azure-average"]).toMatchObject({ minWPerVcpu: 0.74, maxWPerVcpu: 3.54 });
    expect(CCF_CPU_COEFFICIENTS["gcp-average"]).toMatchObject({ minWPerVcpu: 0.68, maxWPerVcpu: 4.11 });
  });
});

describe("Cloud Carbon Footprint memory model", () => {
  it("draws 0.392 W per GB whatever the utilisation", () => {
    // By hand: 16 GB × 0.392 W/GB = 6.272 W.
    const model = createCcfMemoryModel(16);
    expect(model.powerW(0)).toBeCloseTo(6.272, 12);
    expect(model.powerW(1)).toBeCloseTo(6.272, 12);
    expect(model.component).toBe("memory");
  });
});

describe("Cloud Carbon Footprint GPU model", () => {
  it("is linear between min and max per board", () => {
    // By hand: T4 at 50%: 8 + 0.5 × (71 − 8) = 39.5 W; two A100 at 100%: 2 × 407 = 814 W.
    expect(createCcfGpuModel("t4").powerW(0.5)).toBeCloseTo(39.5, 12);
    expect(createCcfGpuModel("a100", 2).powerW(1)).toBe(814);
  });

  it("finds the board from nvidia-smi names", () => {
    const names: [string, string][] = [
      ["Tesla T4", "t4"],
      ["NVIDIA A10G", "a10g"],
      ["Tesla V100-SXM2-16GB", "v100"],
      ["NVIDIA A100-SXM4-40GB", "a100"],
      ["NVIDIA A100 80GB PCIe", "a100"],
    ];
    for (const [name, gpu] of names) {
      const found = lookupGpuPowerModel(name);
      expect(found.ok && found.gpu).toBe(gpu);
    }
  });

  it("rejects unknown boards with close names as suggestions", () => {
    const result = lookupGpuPowerModel("NVIDIA A10");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("unknown-gpu");
    expect(result.error.suggestions).toEqual(expect.arrayContaining(["ccf-gpu-a10g", "ccf-gpu-a100"]));
    expect(result.error.message).toContain("NVIDIA A10");
  });
});
