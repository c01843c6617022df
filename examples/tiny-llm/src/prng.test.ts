import { describe, expect, it } from "vitest";
import { createNormalArray, createRng, deriveSeed } from "./prng.js";

describe("createRng", () => {
  it("repeats the same stream for the same seed and a different one for another seed", () => {
    const first = createRng(42);
    const second = createRng(42);
    const other = createRng(43);
    const a = Array.from({ length: 8 }, () => first.nextInt32());
    expect(Array.from({ length: 8 }, () => second.nextInt32())).toEqual(a);
    expect(Array.from({ length: 8 }, () => other.nextInt32())).not.toEqual(a);
  });

  it("keeps integers inside their bound and uniforms inside [0, 1)", () => {
    const rng = createRng(7);
    const counts = new Array<number>(10).fill(0);
    let outside = 0;
    for (let i = 0; i < 10_000; i++) {
      const value = rng.nextInt(10);
      if (Number.isInteger(value) && value >= 0 && value < 10) counts[value]!++;
      const uniform = rng.nextUniform();
      if (!(uniform >= 0 && uniform < 1)) outside++;
    }
    expect(outside).toBe(0);
    // Every value drawn, each near its expected 1000.
    for (const count of counts) expect(Math.abs(count - 1000)).toBeLessThan(150);
  });

  it("draws standard normals through the slow path too", () => {
    const rng = createRng(5);
    const samples = Array.from({ length: 50_000 }, () => rng.nextNormal());
    const mean = samples.reduce((sum, x) => sum + x, 0) / samples.length;
    const variance = samples.reduce((sum, x) => sum + (x - mean) ** 2, 0) / samples.length;
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(variance - 1)).toBeLessThan(0.03);
  });
});

describe("deriveSeed", () => {
  it("gives each label its own stream, reproducibly", () => {
    expect(deriveSeed(1, "layer0.qkv")).toBe(deriveSeed(1, "layer0.qkv"));
    expect(deriveSeed(1, "layer0.qkv")).not.toBe(deriveSeed(1, "layer1.qkv"));
    expect(deriveSeed(1, "layer0.qkv")).not.toBe(deriveSeed(2, "layer0.qkv"));
  });
});

describe("createNormalArray", () => {
  it("has the moments of a scaled normal: mean 0, the requested std, kurtosis 3, 0.27% beyond 3σ", () => {
    const std = 0.5;
    const values = createNormalArray(400_000, std, 9);
    let sum = 0;
    for (const x of values) sum += x;
    const mean = sum / values.length;
    let second = 0;
    let fourth = 0;
    let beyondThreeSigma = 0;
    for (const x of values) {
      const z = (x - mean) / std;
      second += z * z;
      fourth += z ** 4;
      if (Math.abs(z) > 3) beyondThreeSigma++;
    }
    expect(Math.abs(mean)).toBeLessThan(0.005);
    expect(Math.sqrt(second / values.length)).toBeCloseTo(1, 2);
    expect(fourth / values.length).toBeCloseTo(3, 1);
    // P(|Z| > 3) = 0.0027 for a true normal; the tail sampler is what produces these.
    expect(beyondThreeSigma / values.length).toBeGreaterThan(0.0022);
    expect(beyondThreeSigma / values.length).toBeLessThan(0.0032);
  });

  it("is a pure function of the seed", () => {
    expect(createNormalArray(1000, 1, 3)).toEqual(createNormalArray(1000, 1, 3));
    expect(createNormalArray(1000, 1, 3)).not.toEqual(createNormalArray(1000, 1, 4));
  });
});
