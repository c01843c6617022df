import { describe, expect, it } from "vitest";
import { computeNoncentralTSurvival, solveNoncentrality } from "./noncentral-t.js";
import { computeStudentTCdf } from "./student-t.js";

describe("noncentral t", () => {
  it("reduces to the central t when ncp = 0", () => {
    for (const [t, df] of [
      [2.776445, 4],
      [-1, 1],
      [0.5, 30],
    ] as const) {
      expect(computeNoncentralTSurvival(t, df, 0)).toBeCloseTo(1 - computeStudentTCdf(t, df), 12);
    }
  });

  it("matches reference survival values", () => {
    // SciPy 1.17 stats.nct.sf(t, df, ncp).
    expect(computeNoncentralTSurvival(2.776445, 4, 3)).toBeCloseTo(0.6192575654863717, 10);
    expect(computeNoncentralTSurvival(2.262157, 9, 4.5)).toBeCloseTo(0.978454139968114, 10);
    expect(computeNoncentralTSurvival(1.96, 999, 2.5)).toBeCloseTo(0.7053918020356251, 10);
    expect(computeNoncentralTSurvival(12.706, 1, 20)).toBeCloseTo(0.8834002964944904, 10);
  });

  it("solves for the noncentrality that gives a detection probability", () => {
    // SciPy: brentq(nct.sf(t.ppf(0.975, df), df, ncp) − 0.9) = 20.9644734 (df 1), 3.6510555 (df 9).
    expect(solveNoncentrality(12.706204736174694, 1, 0.9)).toBeCloseTo(20.964473420099804, 8);
    expect(solveNoncentrality(2.262157162798205, 9, 0.9)).toBeCloseTo(3.651055466604101, 8);
  });
});
