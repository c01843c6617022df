import { describe, expect, it } from "vitest";
import { computeEmbodiedG } from "./compute-embodied.js";
import { GPU_BOARDS, gpuBoardEmbodied, lookupGpuEmbodied } from "./gpu-embodied.js";

describe("lookupGpuEmbodied on nvidia-smi names", () => {
  const cases: [name: string, id: string, warned: boolean][] = [
    ["NVIDIA H100 80GB HBM3", "h100-sxm-80gb", false],
    ["NVIDIA H100 PCIe", "h100-sxm-80gb", true],
    ["NVIDIA A100-SXM4-40GB", "a100-sxm-40gb", false],
    ["NVIDIA A100-SXM4-80GB", "a100-sxm-40gb", true],
    ["NVIDIA A100-PCIE-40GB", "a100-pcie-40gb", false],
    ["NVIDIA A100 80GB PCIe", "a100-pcie-40gb", true],
    ["Tesla T4", "t4", true],
    ["NVIDIA L4", "l4", true],
    ["a100-pcie-40gb", "a100-pcie-40gb", false],
  ];

  it.each(cases)("%s → %s", (name, id, warned) => {
    const result = lookupGpuEmbodied(name);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.board.id).toBe(id);
    expect(result.warnings.length > 0).toBe(warned);
  });

  it("carries the cited figures", () => {
    expect(GPU_BOARDS["h100-sxm-80gb"].embodiedG).toBe(575_000);
    expect(GPU_BOARDS["a100-sxm-40gb"].embodiedG).toBe(275_000);
    expect(GPU_BOARDS["a100-pcie-40gb"].embodiedG).toBe(181_000);
    expect(GPU_BOARDS.t4).toMatchObject({ embodiedG: 150_000, isFloor: true });
  });

  it("rejects unknown boards, with suggestions when close", () => {
    const result = lookupGpuEmbodied("NVIDIA GeForce RTX 4090");
    expect(result).toMatchObject({ ok: false, error: { code: "unknown-gpu" } });
    expect(!result.ok && result.error.message).toContain("150 kg");
    expect(lookupGpuEmbodied("constructor").ok).toBe(false);
    // AWS g5g instances report "NVIDIA T4G": no figure of its own, one edit from "t4".
    const near = lookupGpuEmbodied("NVIDIA T4G");
    expect(!near.ok && near.error.suggestions).toEqual(["t4"]);
    expect(!near.ok && near.error.message).toContain('Did you mean "t4"');
  });

  it("turns a board into M's machine part", () => {
    // By hand: a T4 reserved for 60 s: 150,000 g × 60 / 126,144,000 = 0.071347031963470… g.
    const result = computeEmbodiedG({ ...gpuBoardEmbodied(GPU_BOARDS.t4), durationS: 60 });
    expect(result.ok && result.embodiedG).toBeCloseTo(0.0713470319634703, 15);
    expect(gpuBoardEmbodied(GPU_BOARDS["a100-sxm-40gb"], 8).totalEmbodiedG).toBe(2_200_000);
  });
});
