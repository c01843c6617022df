import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { parseNvidiaSmiInfoLine, parseNvidiaSmiPowerLine } from "./nvidia-smi-parse.js";

const fixtureLines = async (name: string) =>
  (await readFile(new URL(`./fixtures/${name}`, import.meta.url), "utf8")).trim().split("\n");

describe("parseNvidiaSmiPowerLine", () => {
  it("parses every line of the A100 recording, [N/A] and [Not Supported] becoming null", async () => {
    const parsed = (await fixtureLines("nvidia-smi-a100x2-power.csv")).map(parseNvidiaSmiPowerLine);
    expect(parsed.every((p) => p.ok)).toBe(true);
    const values = parsed.flatMap((p) => (p.ok ? [p] : []));
    expect(values[0]).toEqual({
      ok: true,
      value: { index: 0, name: "NVIDIA A100-SXM4-40GB", powerW: 61.84, utilPercent: 0, memoryUsedMiB: 4 },
      missing: [],
    });
    const missing = values.flatMap((p) => p.missing.map((m) => ({ index: p.value.index, ...m })));
    expect(missing).toEqual([
      { index: 1, field: "power.draw", value: "[N/A]" },
      { index: 1, field: "utilization.gpu", value: "[Not Supported]" },
    ]);
    expect(values.find((p) => p.value.powerW === null)?.value).toMatchObject({ index: 1, utilPercent: 0 });
  });

  it("treats any bracketed placeholder as missing", () => {
    const parsed = parseNvidiaSmiPowerLine("2, Tesla T4, [Unknown Error], 5, 300");
    expect(parsed).toMatchObject({ ok: true, value: { powerW: null }, missing: [{ value: "[Unknown Error]" }] });
  });

  it("keeps a name containing a comma whole instead of shifting the numbers", () => {
    expect(parseNvidiaSmiPowerLine("0, Odd, Name GPU, 70.5, 3, 100")).toMatchObject({
      ok: true,
      value: { name: "Odd, Name GPU", powerW: 70.5, utilPercent: 3, memoryUsedMiB: 100 },
    });
  });

  it("rejects garbage with a reason rather than throwing", () => {
    for (const line of [
      "",
      "No devices were found",
      "x, NVIDIA A100-SXM4-40GB, 61.84, 0, 4",
      "0, NVIDIA A100-SXM4-40GB, 61.84 W, 0, 4",
      "0, NVIDIA A100-SXM4-40GB, -3, 0, 4",
      "0, NVIDIA A100-SXM4-40GB, , 0, 4",
    ]) {
      const parsed = parseNvidiaSmiPowerLine(line);
      expect(parsed.ok, line).toBe(false);
      if (!parsed.ok) expect(parsed.reason.length).toBeGreaterThan(0);
    }
  });
});

describe("parseNvidiaSmiInfoLine", () => {
  it("parses the fingerprint query", async () => {
    const [first] = await fixtureLines("nvidia-smi-a100x2-info.csv");
    expect(parseNvidiaSmiInfoLine(first!)).toEqual({
      ok: true,
      value: {
        index: 0,
        name: "NVIDIA A100-SXM4-40GB",
        uuid: "GPU-8d6b5ba6-3e3c-0e9a-1f6e-5a0c2e8a1b11",
        driverVersion: "535.129.03",
        powerLimitW: 400,
        memoryTotalMiB: 40960,
      },
      missing: [],
    });
  });

  it("accepts a board that does not report its power limit", () => {
    expect(parseNvidiaSmiInfoLine("0, NVIDIA GeForce RTX 3060 Laptop GPU, GPU-1234, 550.54.14, [N/A], 6144")).toMatchObject({
      ok: true,
      value: { powerLimitW: null, memoryTotalMiB: 6144 },
      missing: [{ field: "power.limit", value: "[N/A]" }],
    });
  });
});
