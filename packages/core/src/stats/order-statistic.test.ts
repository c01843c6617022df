import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { selectOrderStatistic } from "./order-statistic.js";
import { computeHodgesLehmannInterval, computeWalshAverages } from "./wilcoxon.js";

// A typed-array sort puts −0 before +0 where a comparator sort leaves them as found: the two are
// the same number here, so compare them as such (x + 0 turns −0 into +0, leaves the rest).
const unsignedZero = (x: number) => x + 0;

describe("selectOrderStatistic", () => {
  it("finds each order statistic of a small sample, ties included", () => {
    const sample = [5, 1, 4, 1, 5, 9, 2, 6, 5, 3];
    const sorted = [...sample].sort((a, b) => a - b);
    for (let k = 0; k < sample.length; k++) expect(selectOrderStatistic(Float64Array.from(sample), k)).toBe(sorted[k]);
  });

  it("agrees with sorting on any sample (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 200 }), fc.nat(), (values, pick) => {
        const k = pick % values.length;
        const sorted = [...values].sort((a, b) => a - b);
        expect(unsignedZero(selectOrderStatistic(Float64Array.from(values), k))).toBe(unsignedZero(sorted[k]!));
      }),
      { numRuns: 300 },
    );
  });

  it("gives the Hodges–Lehmann interval a full sort of the Walsh averages gives (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 6, maxLength: 60 }), (values) => {
        const interval = computeHodgesLehmannInterval(values, 0.95);
        if (!interval.ok) throw new Error("expected an interval from 6 pairs");
        const walsh = computeWalshAverages(values);
        const m = walsh.length;
        expect(unsignedZero(interval.estimate)).toBe(unsignedZero((walsh[Math.floor((m - 1) / 2)]! + walsh[Math.ceil((m - 1) / 2)]!) / 2));
        expect(unsignedZero(interval.lower)).toBe(unsignedZero(walsh[interval.criticalRank - 1]!));
        expect(unsignedZero(interval.upper)).toBe(unsignedZero(walsh[m - interval.criticalRank]!));
      }),
      { numRuns: 200, examples: [[[0, 0, 0, -5e-324, 0, 0, 0]]] },
    );
  });
});
