import { describe, expect, it } from "vitest";
import { parseCudaVisibleDevices, resolveVisibleGpuIndices } from "./cuda-visible-devices.js";

const GPUS = [
  { index: 0, uuid: "GPU-8d6b5ba6-3e3c-0e9a-1f6e-5a0c2e8a1b11", name: "NVIDIA A100-SXM4-40GB" },
  { index: 1, uuid: "GPU-2f41c0a4-9b7e-6d1c-83a2-7c5e9d0f4a22", name: "NVIDIA A100-SXM4-40GB" },
];

describe("parseCudaVisibleDevices", () => {
  it("reads unset as every GPU and empty as none", () => {
    expect(parseCudaVisibleDevices(undefined)).toEqual({ kind: "all" });
    expect(parseCudaVisibleDevices("")).toEqual({ kind: "list", entries: [], ignored: [] });
  });

  it("reads indices and UUIDs, and stops at the first invalid entry as CUDA does", () => {
    expect(parseCudaVisibleDevices("1, 0")).toEqual({ kind: "list", entries: [{ index: 1 }, { index: 0 }], ignored: [] });
    expect(parseCudaVisibleDevices("GPU-2f41c0a4,0")).toEqual({
      kind: "list",
      entries: [{ uuid: "GPU-2f41c0a4" }, { index: 0 }],
      ignored: [],
    });
    expect(parseCudaVisibleDevices("0,-1,1")).toEqual({ kind: "list", entries: [{ index: 0 }], ignored: ["-1", "1"] });
    expect(parseCudaVisibleDevices("-1")).toEqual({ kind: "list", entries: [], ignored: ["-1"] });
  });
});

describe("resolveVisibleGpuIndices", () => {
  it("passes indices through and maps UUIDs (by unique prefix) through the index,uuid list", () => {
    const visible = parseCudaVisibleDevices("GPU-2f41c0a4,0");
    expect(resolveVisibleGpuIndices(visible, GPUS)).toEqual({ indices: [1, 0], warnings: [] });
  });

  it("measures every GPU when the variable is unset", () => {
    expect(resolveVisibleGpuIndices({ kind: "all" }, null)).toEqual({ indices: null, warnings: [] });
  });

  it("warns about entries it cannot map instead of guessing", () => {
    const visible = parseCudaVisibleDevices("GPU-ffff,MIG-5c3a1b2d-0000-1111-2222-333344445555,7,GPU-");
    const result = resolveVisibleGpuIndices(visible, GPUS);
    expect(result.indices).toEqual([]);
    expect(result.warnings).toHaveLength(4);
    expect(result.warnings.join("\n")).toMatch(/no GPU[\s\S]*MIG instance[\s\S]*GPU 7[\s\S]*several GPUs/);
  });

  it("warns that CUDA may number mixed GPUs differently unless CUDA_DEVICE_ORDER=PCI_BUS_ID", () => {
    const mixed = [GPUS[0]!, { ...GPUS[1]!, name: "Tesla T4" }];
    const visible = parseCudaVisibleDevices("1");
    expect(resolveVisibleGpuIndices(visible, mixed).warnings[0]).toMatch(/CUDA_DEVICE_ORDER/);
    expect(resolveVisibleGpuIndices(visible, mixed, "PCI_BUS_ID").warnings).toEqual([]);
  });
});
