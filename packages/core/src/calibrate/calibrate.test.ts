import { describe, expect, it } from "vitest";
import { makePairedReport, makeRun } from "../compare/make-report.test-helper.js";
import { parseConfig } from "../config/parse-config.js";
import type { Config } from "../schema/config.js";
import type { Report, RunMeasurement } from "../schema/report.js";
import { computeDetectionProbability } from "../stats/power.js";
import { calibrate } from "./calibrate.js";

function config(runs: number, budgets = "budgets:\n  - maxIncreasePct: { fail: 5 }"): Config {
  const parsed = parseConfig(`version: 1\nscenarios:\n  - { name: chat, run: x, unit: token, runs: ${runs} }\n${budgets}\n`);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value;
}

/** A head-only report of one scenario; each run counts 1,000 units, so SCI is proportional to energy. */
function headOnly(energies: number[], extra: RunMeasurement[] = []): Report {
  const report = makePairedReport({ chat: { base: [], head: [] } }, config(8));
  report.scenarios[0]!.runs = [...energies.map((e, i) => makeRun("head", i, null, e)), ...extra];
  return report;
}

// ln(SCI) = const + {0, 0.1, −0.1}: sample sd of the logs is exactly 0.1.
const spread = [100, 100 * Math.exp(0.1), 100 * Math.exp(-0.1)];

describe("calibrate", () => {
  it("measures noise on independent runs and the gate's interval at the configured pairs (hand-worked)", () => {
    const result = calibrate(headOnly(spread), config(8));
    const chat = result.scenarios[0]!;
    expect(chat.revision).toBe("head");
    expect(chat.runs).toBe(3);
    expect(chat.sdLog).toBeCloseTo(0.1, 12);
    // Values 1, e^0.1, e^−0.1: mean 1.0033361, sd 0.1002085, CV = 0.0998752.
    expect(chat.cv).toBeCloseTo(0.0998752, 6);
    // Two independent runs: √2 × 0.1.
    expect(chat.sdLogRatioFrom).toBe("independent-runs");
    expect(chat.sdLogRatio).toBeCloseTo(0.1414214, 6);
    // h = t(0.975, 7) × 0.1414214 / √8 = 2.3646243 × 0.05 = 0.1182312; e^h − 1 = 12.5504 %.
    expect(chat.configuredPairs).toBe(8);
    expect(chat.halfWidthPct).toBeCloseTo(12.5504, 3);
    // The closed form ln 1.05 + h + t(0.9, 7) × 0.05 = 0.2377737 (+26.84 %) is slightly optimistic at
    // 8 pairs; the exact noncentral-t figure lies a little above it and detects with exactly 90 %.
    expect(chat.failBudgetPct).toBe(5);
    expect(chat.detectableIncreasePct!).toBeGreaterThan(26.84);
    expect(chat.detectableIncreasePct!).toBeLessThan(27.5);
    expect(
      computeDetectionProbability({ sdLogRatio: chat.sdLogRatio!, pairs: 8, budgetIncrease: 0.05, trueIncrease: chat.detectableIncreasePct! / 100 }),
    ).toBeCloseTo(0.9, 6);
  });

  it("needs about ((1.96 + 1.28) σ / ln(1.10/1.05))² ≈ 97 pairs to catch +10 % at this noise, and caps the suggestion at 50", () => {
    const chat = calibrate(headOnly(spread), config(8)).scenarios[0]!;
    expect(chat.targetIncreasePct).toBe(10);
    const n = chat.requiredPairs!;
    expect(n).toBeGreaterThanOrEqual(95);
    expect(n).toBeLessThanOrEqual(102);
    const detect = (pairs: number) => computeDetectionProbability({ sdLogRatio: chat.sdLogRatio!, pairs, budgetIncrease: 0.05, trueIncrease: 0.1 });
    expect(detect(n)).toBeGreaterThanOrEqual(0.9);
    expect(detect(n - 1)).toBeLessThan(0.9);
    expect(chat.suggestedRuns).toBe(50);
    expect(chat.explanation).toContain(`${n} pairs catch +10.0 %`);
    expect(chat.explanation).toContain("capped");
    expect(chat.explanation).toContain("(from only 3 runs: rough; measure 10 or more to plan on it)");
  });

  it("suggests compare.minPairs when a quiet scenario needs fewer pairs", () => {
    // sd of logs 0.01: ((t + t) × 0.0141 / 0.0465)² gives 4 pairs (t(0.975, 3) = 3.18, t(0.9, 3) = 1.64).
    const quiet = [100, 100 * Math.exp(0.01), 100 * Math.exp(-0.01)];
    const chat = calibrate(headOnly(quiet), config(8)).scenarios[0]!;
    expect(chat.requiredPairs).toBe(4);
    expect(chat.suggestedRuns).toBe(5);
  });

  it("measures the paired log ratio directly when the report holds pairs", () => {
    // Pair log ratios 0.1, 0.2, 0.3: sd 0.1 exactly, where √2 × sd of the head's logs would say 0.141.
    const report = makePairedReport({ chat: { base: [100, 100, 100], head: [0.1, 0.2, 0.3].map((x) => 100 * Math.exp(x)) } }, config(8));
    const chat = calibrate(report, config(8)).scenarios[0]!;
    expect(chat.revision).toBe("head");
    expect(chat.sdLogRatioFrom).toBe("pairs");
    expect(chat.noiseSamples).toBe(3);
    expect(chat.sdLogRatio).toBeCloseTo(0.1, 12);
    expect(chat.sdLog).toBeCloseTo(0.1, 12);
    // h = 2.3646243 × 0.1 / √8 = 0.0836021; e^h − 1 = 8.7196 %.
    expect(chat.halfWidthPct).toBeCloseTo(8.7196, 3);
  });

  it("leaves failed runs out of the noise and counts them", () => {
    const failed = makeRun("head", 3, null, 500, { exitCode: 1 });
    const chat = calibrate(headOnly(spread, [failed]), config(8)).scenarios[0]!;
    expect(chat.runs).toBe(3);
    expect(chat.failedRuns).toBe(1);
    expect(chat.sdLog).toBeCloseTo(0.1, 12);
  });

  it("uses an explicit target for every scenario, and says when it is within the budget", () => {
    const above = calibrate(headOnly(spread), config(8), { targetIncreasePct: 30 }).scenarios[0]!;
    expect(above.targetIncreasePct).toBe(30);
    expect(above.requiredPairs).toBeLessThan(8);
    const within = calibrate(headOnly(spread), config(8), { targetIncreasePct: 4 }).scenarios[0]!;
    expect(within.requiredPairs).toBeNull();
    expect(within.suggestedRuns).toBe(8);
    expect(within.explanation).toContain("within the 5.0 % budget");
  });

  it("says so when no relative fail budget applies, or when too few runs succeeded", () => {
    const unbudgeted = calibrate(headOnly(spread), config(8, "")).scenarios[0]!;
    expect(unbudgeted.failBudgetPct).toBeNull();
    expect(unbudgeted.detectableIncreasePct).toBeNull();
    expect(unbudgeted.halfWidthPct).toBeCloseTo(12.5504, 3);
    expect(unbudgeted.explanation).toContain("no relative fail budget applies");
    const lonely = calibrate(headOnly([100]), config(12)).scenarios[0]!;
    expect(lonely.sdLog).toBeNull();
    expect(lonely.suggestedRuns).toBe(12);
    expect(lonely.explanation).toContain("at least 2 are needed");
  });

  it("rejects a target that is not a percent above −100", () => {
    expect(() => calibrate(headOnly(spread), config(8), { targetIncreasePct: Number.NaN })).toThrow(/targetIncreasePct/);
  });
});
