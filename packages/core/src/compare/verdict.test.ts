import { describe, expect, it } from "vitest";
import { decideRelativeChange } from "./decide-change.js";
import { formatChangePct, formatMassG } from "./format-change.js";
import type { ChangeEstimate, LogInterval } from "./types.js";
import { decideAbsolute, decideRelative, estimatePairsToResolve } from "./verdict.js";

const ci = (estimate: number, lower: number, upper: number, confidence = 0.95): LogInterval => ({ estimate, lower, upper, confidence });
const budget = { warn: 3, fail: 5, budgetIndex: 0 };
// ln 1.05 = 0.0487902, ln 1.03 = 0.0295588; log1p as the rule computes it, so the boundary is exact.
const failLog = Math.log1p(0.05);

describe("decideRelative (the t interval's rule on ln(head/base))", () => {
  it("fails when the lower end exceeds ln(1 + T_fail), and not when it only reaches it", () => {
    // e^0.05 − 1 = +5.13 %, e^0.13 − 1 = +13.88 %.
    const verdict = decideRelative(ci(0.09, 0.05, 0.13), budget, true, 0.05);
    expect(verdict).toMatchObject({ outcome: "fail", pairsToResolve: null, warnAt: 3, failAt: 5 });
    expect(verdict.reason).toBe("the whole 95% interval (+5.1 % … +13.9 %) is above the 5 % budget");
    expect(decideRelative(ci(0.09, failLog, 0.13), budget, true, 0.05).outcome).toBe("warn");
  });

  it("warns when the lower end exceeds ln(1 + T_warn)", () => {
    // Lower 0.03 > ln 1.03 = 0.02956 but below ln 1.05; e^0.03 − 1 = +3.05 %, e^0.06 − 1 = +6.18 %.
    const verdict = decideRelative(ci(0.045, 0.03, 0.06), budget, true, 0.05);
    expect(verdict.outcome).toBe("warn");
    expect(verdict.reason).toBe("the whole interval (+3.0 % … +6.2 %) is above the 3 % warning level");
  });

  it("warns when the lower end exceeds 0 while the estimate exceeds T_fail", () => {
    // Lower 0.01 is above 0 but below ln 1.03; the estimate 0.06 (+6.18 %) is above ln 1.05.
    const verdict = decideRelative(ci(0.06, 0.01, 0.11), budget, true, 0.05);
    expect(verdict.outcome).toBe("warn");
    expect(verdict.reason).toBe("an increase is certain and its estimate (+6.2 %) is above the 5 % budget, but the interval (+1.0 % … +11.6 %) reaches below it");
    // The same interval with the estimate at +4.1 % (within budget) is not a warning: it straddles.
    expect(decideRelative(ci(0.04, 0.01, 0.07), budget, true, 0.05).outcome).toBe("inconclusive");
  });

  it("passes when the upper end is at most ln(1 + T_fail), with a true minus sign", () => {
    // e^−0.03 − 1 = −2.96 %, e^0.04 − 1 = +4.08 %.
    const verdict = decideRelative(ci(0, -0.03, 0.04), budget, true, 0.05);
    expect(verdict.outcome).toBe("pass");
    expect(verdict.reason).toBe("the whole interval (\u22123.0 % … +4.1 %) is within the 5 % budget");
    expect(decideRelative(ci(0, -0.03, failLog), budget, true, 0.05).outcome).toBe("pass");
    // With only a warning level, that level is the pass line.
    expect(decideRelative(ci(0.01, -0.01, 0.025), { warn: 3, fail: null, budgetIndex: 0 }, true, 0.05).reason).toContain("within the 3 % budget");
  });

  it("is inconclusive otherwise, counting the pairs to the crossing that settles it first", () => {
    // The audit's case: estimate +7 %, interval −2.5 % … +16.9 %, noise sd 0.0826 per pair.
    // It warns once the lower end passes 0: a margin of ln 1.07 = 0.06766. At 80 % power that needs
    // (t(0.975, n−1) + t(0.8, n−1)) × 0.0826/√n < 0.06766: n = 13 gives (2.1788 + 0.8726) × 0.0826/3.6056 = 0.0699,
    // n = 14 gives (2.1604 + 0.8702) × 0.0826/3.7417 = 0.0669, so 14 pairs.
    const verdict = decideRelative(ci(Math.log(1.07), Math.log(0.975), Math.log(1.169)), budget, true, 0.0826);
    expect(verdict.outcome).toBe("inconclusive");
    expect(verdict.pairsToResolve).toBe(14);
    expect(verdict.reason).toBe("the interval (\u22122.5 % … +16.9 %) straddles the 5 % budget; about 14 pairs would likely resolve it");
    // Measured to the fail line instead (the old rule), the margin ln 1.07 − ln 1.05 = 0.01887 would say 153.
    expect(estimatePairsToResolve(Math.log(1.07), 0.0826, failLog, 0.95)).toBe(153);
  });

  it("caps a failure at warn when the budget is not enforced", () => {
    const verdict = decideRelative(ci(0.09, 0.05, 0.13), budget, false, 0.05);
    expect(verdict).toMatchObject({ outcome: "warn", enforced: false });
    expect(verdict.reason).toMatch(/\(enforce: false, so reported as a warning\)$/);
  });
});

describe("estimatePairsToResolve", () => {
  it("aims at 80 % power: (t(0.975, n−1) + t(0.8, n−1)) × σ/√n below the margin", () => {
    // σ 0.05, margin ln 1.05 = 0.04879: n = 10 gives (2.2622 + 0.8834) × 0.05/3.1623 = 0.04974 (short),
    // n = 11 gives (2.2281 + 0.8791) × 0.05/3.3166 = 0.04684, so 11. (At 50 % power it would be 7.)
    expect(estimatePairsToResolve(0, 0.05, failLog, 0.95)).toBe(11);
    // The side of the estimate does not matter, only the distance.
    expect(estimatePairsToResolve(2 * failLog, 0.05, failLog, 0.95)).toBe(11);
  });

  it("gives no count without noise, without a margin, or beyond 1000 pairs", () => {
    expect(estimatePairsToResolve(0, 0, failLog, 0.95)).toBeNull();
    expect(estimatePairsToResolve(failLog, 0.05, failLog, 0.95)).toBeNull();
    // 1000 pairs: (1.9623 + 0.8418) × 1/31.62 = 0.0887 > 0.04879.
    expect(estimatePairsToResolve(0, 1, failLog, 0.95)).toBeNull();
  });
});

describe("decideAbsolute (a ceiling on the head's SCI per unit)", () => {
  const head = { estimateG: 10e-6, lowerG: 9e-6, upperG: 11e-6, runs: 5 };
  const ceiling = (fail: number | null, warn: number | null = null) => ({ warn, fail, budgetIndex: 1 });

  it("passes under the ceiling and fails when even the lower end is above it", () => {
    const pass = decideAbsolute(head, ceiling(20e-6), true, formatMassG);
    expect(pass).toMatchObject({ kind: "absolute", outcome: "pass", budgetIndex: 1 });
    expect(pass.reason).toBe("the head's SCI (9 µg … 11 µg per unit) is under the ceiling of 20 µg");
    expect(decideAbsolute(head, ceiling(5e-6), true, formatMassG).outcome).toBe("fail");
    expect(decideAbsolute(head, ceiling(5e-6), false, formatMassG).outcome).toBe("warn");
  });

  it("warns above the warning ceiling, or when the estimate is above the ceiling but the interval reaches below", () => {
    expect(decideAbsolute(head, ceiling(20e-6, 8e-6), true, formatMassG).outcome).toBe("warn");
    const straddling = decideAbsolute(head, ceiling(9.5e-6), true, formatMassG);
    expect(straddling.outcome).toBe("warn");
    expect(straddling.reason).toBe("the head's SCI estimate (10 µg) is above the ceiling of 9.5 µg, but its interval reaches below it");
  });

  it("is inconclusive when the interval straddles the ceiling below the estimate, or one run is above it", () => {
    expect(decideAbsolute(head, ceiling(10.5e-6), true, formatMassG).outcome).toBe("inconclusive");
    const single = decideAbsolute({ estimateG: 10e-6, lowerG: 10e-6, upperG: 10e-6, runs: 1 }, ceiling(5e-6), true, formatMassG);
    expect(single.outcome).toBe("inconclusive");
    expect(single.reason).toContain("one run cannot show it beyond noise");
  });
});

describe("decideRelativeChange (the full rule: t, robust check, minPairs)", () => {
  // An sd of the pair ratios that gives the t interval a half-width 0.03 at 8 pairs: 0.03 × √8 / t(0.975, 7) = 0.035884.
  const sdLog = (0.03 * Math.sqrt(8)) / 2.364624;
  const change = (logRatio: LogInterval, robust: LogInterval | null, n = 8): ChangeEstimate => ({
    method: "paired-t",
    n,
    logRatio,
    pct: logRatio,
    sdLog,
    robust: robust && { logRatio: robust, pct: robust, achievedConfidence: 0.953 },
    bootstrap: null,
  });
  const rule = { budget, enforce: true, minPairs: 5 };

  it("a Hodges–Lehmann/Wilcoxon disagreement makes it inconclusive, with the pairs for both to fail", () => {
    // t: lower 0.05 > ln 1.05 fails; Hodges–Lehmann: lower 0.03 > ln 1.03 warns. The t interval keeps
    // failing, so it resolves when the Hodges–Lehmann one fails too: margin 0.07 − 0.04879 = 0.02121,
    // (t(0.975, n−1) + t(0.8, n−1)) × 0.035884/√n is 0.02143 at 24 pairs and 0.02096 at 25.
    const verdict = decideRelativeChange(change(ci(0.08, 0.05, 0.11), ci(0.07, 0.03, 0.1)), rule);
    expect(verdict.outcome).toBe("inconclusive");
    expect(verdict.pairsToResolve).toBe(25);
    expect(verdict.reason).toBe(
      "the t interval (+5.1 % … +11.6 %) says fail but the Hodges–Lehmann/Wilcoxon interval (+3.0 % … +10.5 %) says warn, so neither is trusted; about 25 pairs would likely resolve it",
    );
  });

  it("keeps the t verdict when the robust check agrees", () => {
    expect(decideRelativeChange(change(ci(0.08, 0.05, 0.11), ci(0.08, 0.055, 0.105)), rule).outcome).toBe("fail");
  });

  it("fewer pairs than compare.minPairs can never fail, and say why", () => {
    const verdict = decideRelativeChange(change(ci(0.2, 0.15, 0.25), null, 3), rule);
    expect(verdict.outcome).toBe("warn");
    expect(verdict.reason).toBe("the whole 95% interval (+16.2 % … +28.4 %) is above the 5 % budget; only 3 pairs, fewer than compare.minPairs (5) needed to fail the build");
    expect(decideRelativeChange(change(ci(0.2, 0.15, 0.25), null, 5), rule).outcome).toBe("fail");
  });

  it("skips the pairs count on request (a simulation needs only the outcome)", () => {
    const verdict = decideRelativeChange(change(ci(0.02, -0.05, 0.09), null), rule, { pairsToResolve: false });
    expect(verdict).toMatchObject({ outcome: "inconclusive", pairsToResolve: null });
  });
});

describe("formatChangePct", () => {
  it("formats as the report does: true minus, one decimal below 100 %, unsigned zero", () => {
    expect([-22.24, 75.8, 0.04, -0.04, 123.4, -100].map(formatChangePct)).toEqual(["\u221222.2 %", "+75.8 %", "0.0 %", "0.0 %", "+123 %", "\u2212100 %"]);
  });
});
