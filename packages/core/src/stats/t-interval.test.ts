import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeTInterval, computeWelchInterval, type TInterval } from "./t-interval.js";

const sample = fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 2, maxLength: 30 });

function expectOk(result: ReturnType<typeof computeTInterval>): TInterval {
  if (!result.ok) throw new Error(`expected an interval, got ${result.reason}`);
  return result;
}

describe("computeTInterval", () => {
  it("matches an interval worked by hand", () => {
    // d = 1, 2, 3, 4, 5: mean 3; squared deviations 4 + 1 + 0 + 1 + 4 = 10; sd = √(10/4) = 1.5811388;
    // se = sd/√5 = √0.5 = 0.7071068; t(0.975, 4) = 2.776445; half-width = 1.963243.
    const result = expectOk(computeTInterval([1, 2, 3, 4, 5]));
    expect(result.mean).toBe(3);
    expect(result.sd).toBeCloseTo(Math.sqrt(2.5), 14);
    expect(result.standardError).toBeCloseTo(Math.sqrt(0.5), 14);
    expect(result.df).toBe(4);
    expect(result.tCritical).toBeCloseTo(2.776445, 6);
    expect(result.halfWidth).toBeCloseTo(1.9632431614775572, 12);
    expect(result.lower).toBeCloseTo(1.036757, 6);
    expect(result.upper).toBeCloseTo(4.963243, 6);
  });

  it("works from three log ratios at another confidence", () => {
    // d = 0.01, 0.03, 0.02: mean 0.02, sd 0.01, se 0.01/√3; t(0.95, 2) = 2.919986 (90% two-sided).
    const result = expectOk(computeTInterval([0.01, 0.03, 0.02], 0.9));
    expect(result.mean).toBeCloseTo(0.02, 15);
    expect(result.sd).toBeCloseTo(0.01, 15);
    expect(result.tCritical).toBeCloseTo(2.919986, 6);
    expect(result.halfWidth).toBeCloseTo((2.919986 * 0.01) / Math.sqrt(3), 7);
  });

  it("says there is not enough data below two values instead of returning NaN", () => {
    expect(computeTInterval([0.1])).toEqual({ ok: false, reason: "not-enough-data", n: 1, minimum: 2 });
    expect(computeTInterval([])).toEqual({ ok: false, reason: "not-enough-data", n: 0, minimum: 2 });
  });

  it("gives a zero-width interval for a sample without spread", () => {
    const result = expectOk(computeTInterval([0.2, 0.2, 0.2]));
    expect([result.lower, result.upper]).toEqual([0.2, 0.2]);
  });

  it("rejects a confidence given in percent", () => {
    expect(() => computeTInterval([1, 2], 95)).toThrow(expect.objectContaining({ code: "invalid-argument" }));
  });

  it("mirrors under negation and shifts with a constant", () => {
    fc.assert(
      fc.property(sample, fc.double({ min: -2, max: 2, noNaN: true }), (values, shift) => {
        const base = expectOk(computeTInterval(values));
        const negated = expectOk(computeTInterval(values.map((v) => -v)));
        expect(negated.mean).toBeCloseTo(-base.mean, 12);
        expect(negated.lower).toBeCloseTo(-base.upper, 12);
        expect(negated.upper).toBeCloseTo(-base.lower, 12);
        const shifted = expectOk(computeTInterval(values.map((v) => v + shift)));
        expect(shifted.lower).toBeCloseTo(base.lower + shift, 12);
        expect(shifted.upper).toBeCloseTo(base.upper + shift, 12);
      }),
    );
  });
});

describe("computeWelchInterval", () => {
  it("matches Welch's interval worked by hand", () => {
    // x = 1..5: mean 3, s² = 2.5, s²/n = 1/2. y = 2, 4, 6: mean 4, s² = 4, s²/n = 4/3.
    // se² = 1/2 + 4/3 = 11/6; df = (11/6)² / [(1/2)²/4 + (4/3)²/2] = (121/36)/(137/144) = 484/137.
    // t(0.975, 484/137) = 2.9274053 (SciPy); half-width = 2.9274053·√(11/6) = 3.9637255.
    const result = computeWelchInterval([1, 2, 3, 4, 5], [2, 4, 6]);
    if (!result.ok) throw new Error("expected an interval");
    expect(result.difference).toBe(-1);
    expect(result.standardError).toBeCloseTo(Math.sqrt(11 / 6), 14);
    expect(result.df).toBeCloseTo(484 / 137, 12);
    expect(result.tCritical).toBeCloseTo(2.9274053061524556, 10);
    expect(result.halfWidth).toBeCloseTo(3.963725522186273, 10);
    expect(result.lower).toBeCloseTo(-4.963725522186273, 10);
    expect(result.upper).toBeCloseTo(2.963725522186273, 10);
  });

  it("reduces to the pooled df for equal variances and sizes", () => {
    // Equal s² and n: df = 2(n − 1), the Student two-sample df.
    const result = computeWelchInterval([1, 2, 3], [4, 5, 6]);
    if (!result.ok) throw new Error("expected an interval");
    expect(result.df).toBeCloseTo(4, 12);
    expect(result.tCritical).toBeCloseTo(2.776445, 6);
  });

  it("needs two values on each side", () => {
    expect(computeWelchInterval([1], [1, 2])).toEqual({ ok: false, reason: "not-enough-data", nX: 1, nY: 2, minimum: 2 });
  });

  it("handles two samples without spread", () => {
    const result = computeWelchInterval([1, 1], [0.5, 0.5, 0.5]);
    if (!result.ok) throw new Error("expected an interval");
    expect([result.lower, result.upper, result.df]).toEqual([0.5, 0.5, 3]);
  });

  it("mirrors when the samples are swapped", () => {
    fc.assert(
      fc.property(sample, sample, (x, y) => {
        const forward = computeWelchInterval(x, y);
        const backward = computeWelchInterval(y, x);
        if (!forward.ok || !backward.ok) throw new Error("expected intervals");
        expect(backward.lower).toBeCloseTo(-forward.upper, 12);
        expect(backward.upper).toBeCloseTo(-forward.lower, 12);
      }),
    );
  });
});
