import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeMaxPlausibleDeltaUj, counterDeltaUj, sumCounterReadingsUj } from "./counter-delta.js";

// The wrap point of a real Intel package zone (REFERENCES.md, RAPL): ~262 kJ, so a 100 W package
// wraps about every 44 minutes — well within one long benchmark.
const MAX_UJ = 262_143_328_850;

describe("counterDeltaUj", () => {
  it("counts forward without a wrap", () => {
    expect(counterDeltaUj(1_000_000, 3_500_000, MAX_UJ)).toEqual({ ok: true, deltaUj: 2_500_000, wrapped: false });
  });

  it("handles a wrap at max_energy_range_uj (worked example)", () => {
    // 43,328,850 µJ left before the wrap point, 56,671,150 µJ after it: 100 J in all.
    const prevUj = 262_100_000_000;
    const nextUj = 56_671_150;
    expect(counterDeltaUj(prevUj, nextUj, MAX_UJ)).toEqual({ ok: true, deltaUj: 100_000_000, wrapped: true });
  });

  it("reports a backwards step with no known range as a problem, not a negative number", () => {
    const result = counterDeltaUj(5_000, 4_000, null);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.code).toBe("backwards-without-range");
  });

  it("reports a reading above the wrap point", () => {
    const result = counterDeltaUj(10, MAX_UJ + 1, MAX_UJ);
    expect(result).toMatchObject({ ok: false, problem: { code: "exceeds-range" } });
  });

  it("reports non-integer or negative readings", () => {
    expect(counterDeltaUj(Number.NaN, 5, MAX_UJ)).toMatchObject({ ok: false, problem: { code: "invalid-reading" } });
    expect(counterDeltaUj(-1, 5, MAX_UJ)).toMatchObject({ ok: false, problem: { code: "invalid-reading" } });
    expect(counterDeltaUj(1.5, 5, MAX_UJ)).toMatchObject({ ok: false, problem: { code: "invalid-reading" } });
  });

  it("rejects a reset that only looks like a wrap when a plausibility bound is given", () => {
    // Counter reset from 200 kJ to 1 kJ within 0.1 s: as a wrap that is 63 kJ, i.e. 630 kW.
    const result = counterDeltaUj(200_000_000_000, 1_000_000_000, MAX_UJ, {
      maxPlausibleDeltaUj: computeMaxPlausibleDeltaUj(0.1, 1000),
    });
    expect(result).toMatchObject({ ok: false, problem: { code: "implausible-power" } });
  });

  it("never yields a negative or over-range energy across a wrap (property)", () => {
    fc.assert(
      fc.property(
        // Ranges up to 2^48 µJ (real ones are ~2^38) keep prev + delta exact in a double.
        fc.integer({ min: 1, max: 2 ** 48 }),
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        (range, a, b) => {
          const prev = Math.floor(a * range);
          const next = Math.floor(b * range);
          const result = counterDeltaUj(prev, next, range);
          expect(result.ok).toBe(true);
          if (result.ok) {
            expect(result.deltaUj).toBeGreaterThanOrEqual(0);
            expect(result.deltaUj).toBeLessThanOrEqual(range);
            expect(result.wrapped).toBe(next < prev);
            // Counting forward by the delta from prev lands on next, modulo the range.
            expect((prev + result.deltaUj) % range).toBe(next % range);
          }
        },
      ),
    );
  });

  it("never returns a negative delta for any pair of inputs (property)", () => {
    fc.assert(
      fc.property(fc.double(), fc.double(), fc.option(fc.double(), { nil: null }), (prev, next, range) => {
        const result = counterDeltaUj(prev, next, range);
        if (result.ok) expect(result.deltaUj).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

describe("sumCounterReadingsUj", () => {
  it("sums a series that wraps once", () => {
    const readings = [
      { tS: 0, energyUj: 262_000_000_000 },
      { tS: 1, energyUj: 262_100_000_000 },
      { tS: 2, energyUj: 56_671_150 },
      { tS: 3, energyUj: 156_671_150 },
    ];
    expect(sumCounterReadingsUj(readings, MAX_UJ, { maxPlausiblePowerW: 1000 })).toEqual({
      ok: true,
      energyUj: 300_000_000,
      wraps: 1,
    });
  });

  it("fails the whole sum at the first bad step and says where", () => {
    const readings = [
      { tS: 0, energyUj: 10 },
      { tS: 1, energyUj: 20 },
      { tS: 2, energyUj: 5 },
    ];
    const result = sumCounterReadingsUj(readings, null);
    expect(result).toMatchObject({ ok: false, atIndex: 2, problem: { code: "backwards-without-range" } });
  });

  it("is zero for fewer than two readings", () => {
    expect(sumCounterReadingsUj([], MAX_UJ)).toEqual({ ok: true, energyUj: 0, wraps: 0 });
    expect(sumCounterReadingsUj([{ tS: 0, energyUj: 7 }], MAX_UJ)).toEqual({ ok: true, energyUj: 0, wraps: 0 });
  });

  it("equals the true energy for any sequence of increments below one range (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: MAX_UJ }),
        fc.array(fc.integer({ min: 0, max: 50_000_000_000 }), { maxLength: 40 }),
        (startUj, incrementsUj) => {
          const readings = [{ tS: 0, energyUj: startUj }];
          let counter = startUj;
          incrementsUj.forEach((inc, i) => {
            counter = (counter + inc) % MAX_UJ;
            readings.push({ tS: i + 1, energyUj: counter });
          });
          const result = sumCounterReadingsUj(readings, MAX_UJ);
          const trueUj = incrementsUj.reduce((sum, inc) => sum + inc, 0);
          expect(result).toMatchObject({ ok: true, energyUj: trueUj });
        },
      ),
    );
  });
});
