import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRng } from "./rng.js";

const draw = (seed: number | string, count: number) => {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => rng.nextUint32());
};

describe("createRng", () => {
  it("reproduces a reference C implementation of splitmix32 → xoshiro128**", () => {
    // Produced by a 30-line C program with uint32_t arithmetic (the same algorithm): the
    // stream is defined bit for bit, so it is the same on every platform and language.
    // Seed 42 is folded as 42 ^ splitmix32(seed 0)() = 42 ^ 1684164658.
    expect(draw(42, 5)).toEqual([2475684579, 2739248900, 1570677243, 4207500844, 213468724]);
    // String seeds are hashed with FNV-1a (32 bit).
    expect(draw("sci-gate", 5)).toEqual([298963190, 402398560, 691967545, 119210467, 3563200049]);
  });

  it("gives the same sequence for the same seed and different ones for different seeds", () => {
    expect(draw(7, 20)).toEqual(draw(7, 20));
    expect(draw(7, 20)).not.toEqual(draw(8, 20));
    // Seeds that differ only above bit 32 still differ.
    expect(draw(2 ** 40, 5)).not.toEqual(draw(0, 5));
    expect(draw("abc", 5)).not.toEqual(draw("abd", 5));
  });

  it("draws floats in [0, 1) with a plausible mean", () => {
    const rng = createRng(1);
    let [sum, min, max] = [0, 1, 0];
    for (let i = 0; i < 20000; i++) {
      const u = rng.nextFloat();
      sum += u;
      min = Math.min(min, u);
      max = Math.max(max, u);
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    // sd of the mean is √(1/12/20000) ≈ 0.002.
    expect(sum / 20000).toBeCloseTo(0.5, 2);
  });

  it("draws standard normals with mean ≈ 0 and variance ≈ 1", () => {
    const rng = createRng("normal");
    const draws = Array.from({ length: 40000 }, () => rng.nextNormal());
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    const variance = draws.reduce((a, b) => a + (b - mean) ** 2, 0) / (draws.length - 1);
    expect(Math.abs(mean)).toBeLessThan(0.02); // 4 sd of the mean
    expect(Math.abs(variance - 1)).toBeLessThan(0.03); // ~4 sd of the variance
    // About 95% within ±1.96.
    const inside = draws.filter((x) => Math.abs(x) < 1.959964).length / draws.length;
    expect(Math.abs(inside - 0.95)).toBeLessThan(0.006);
  });

  it("draws integers over the whole inclusive range, evenly", () => {
    const rng = createRng(3);
    const counts = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 60000; i++) counts[rng.nextInt(1, 6) - 1]!++;
    for (const count of counts) expect(Math.abs(count - 10000)).toBeLessThan(400); // ~4.4 sd
    expect(rng.nextInt(5, 5)).toBe(5);
    expect(() => rng.nextInt(2, 1)).toThrow(expect.objectContaining({ code: "invalid-argument" }));
    expect(() => rng.nextInt(0, 2 ** 32)).toThrow(expect.objectContaining({ code: "invalid-argument" }));
  });

  it("shuffles into a permutation without touching the input", () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.integer(), (items, seed) => {
        const before = [...items];
        const shuffled = createRng(seed).shuffle(items);
        expect(items).toEqual(before);
        expect([...shuffled].sort((a, b) => a - b)).toEqual([...items].sort((a, b) => a - b));
        expect(createRng(seed).shuffle(items)).toEqual(shuffled);
      }),
    );
  });

  it("rejects seeds that are not safe integers", () => {
    expect(() => createRng(1.5)).toThrow(expect.objectContaining({ code: "invalid-argument" }));
  });
});
