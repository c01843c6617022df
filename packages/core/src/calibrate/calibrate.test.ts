import { describe, expect, it } from "vitest";
import { compareReports } from "../compare/compare.js";
import { makePairedReport, makeRun } from "../compare/make-report.test-helper.js";
import { parseConfig } from "../config/parse-config.js";
import type { Config } from "../schema/config.js";
import type { Report, RunMeasurement } from "../schema/report.js";
import { computeDetectableIncrease, computeRequiredPairs } from "../stats/power.js";
import { createRng } from "../stats/rng.js";
import { calibrate } from "./calibrate.js";

function config(runs: number, budgets = "budgets:\n  - maxIncreasePct: { fail: 5 }", extra = ""): Config {
  const parsed = parseConfig(`version: 1\nscenarios:\n  - { name: chat, run: x, unit: token, runs: ${runs} }\n${budgets}\n${extra}`);
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

/**
 * The real gate, independently of calibrate: the share of `trials` paired reports of `pairs` pairs
 * with ln(head/base) = ln(1 + increase) + σ·z (fresh seed) that compareReports fails.
 */
function compareFailRate(sdLogRatio: number, pairs: number, increasePct: number, trials: number, rules: Config): number {
  const rng = createRng(`independent/${pairs}/${increasePct}`);
  let fails = 0;
  for (let t = 0; t < trials; t++) {
    const head = Array.from({ length: pairs }, () => 100 * (1 + increasePct / 100) * Math.exp(sdLogRatio * rng.nextNormal()));
    const report = makePairedReport({ chat: { base: head.map(() => 100), head } }, rules);
    const result = compareReports({ base: report, head: report });
    if (result.ok && result.value.outcome === "fail") fails++;
  }
  return fails / trials;
}

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
    expect(chat.failBudgetPct).toBe(5);
    expect(chat.cannotFail).toBeNull();
    expect(result.simulatedComparisons).toBe(2000);
  });

  it("reports the increase the real compare fails 90 % of the time, above the t rule's own figure", { timeout: 60_000 }, () => {
    const chat = calibrate(headOnly(spread), config(8)).scenarios[0]!;
    // The t rule alone (noncentral t, exact for normal ratios) says +27.3 % at 8 pairs; the robust check takes
    // some failures away, so the whole rule needs more.
    const tRule = computeDetectableIncrease({ sdLogRatio: chat.sdLogRatio!, pairs: 8, budgetIncrease: 0.05 }).increase * 100;
    expect(tRule).toBeCloseTo(27.3, 0);
    expect(chat.detectableIncreasePct!).toBeGreaterThan(tRule + 0.5);
    expect(chat.explanation).toContain(`8 pairs catch +${chat.detectableIncreasePct!.toFixed(1)} %`);
    // Checked on compareReports itself, with noise calibrate never saw: 0.9 ± 3 binomial sd (√(0.09/1000) = 0.0095).
    const rate = compareFailRate(chat.sdLogRatio!, 8, chat.detectableIncreasePct!, 1000, config(8));
    expect(rate).toBeGreaterThanOrEqual(0.871);
    expect(rate).toBeLessThanOrEqual(0.929);
  });

  it("at 6 pairs, where the robust check starts, the t rule's figure would be caught far less than 90 % of the time", { timeout: 60_000 }, () => {
    const chat = calibrate(headOnly(spread), config(6)).scenarios[0]!;
    const tRule = computeDetectableIncrease({ sdLogRatio: chat.sdLogRatio!, pairs: 6, budgetIncrease: 0.05 }).increase * 100;
    // About 74 % (the audit's figure); 0.8 is over 6 binomial sd (√(0.09/1000)) below 0.9.
    expect(compareFailRate(chat.sdLogRatio!, 6, tRule, 1000, config(6))).toBeLessThan(0.8);
    const rate = compareFailRate(chat.sdLogRatio!, 6, chat.detectableIncreasePct!, 1000, config(6));
    expect(rate).toBeGreaterThanOrEqual(0.871);
    expect(rate).toBeLessThanOrEqual(0.929);
  });

  it("says the configured pairs cannot fail below compare.minPairs, instead of quoting an increase", () => {
    const chat = calibrate(headOnly(spread), config(3)).scenarios[0]!;
    expect(chat.detectableIncreasePct).toBeNull();
    expect(chat.cannotFail).toBe("3 pairs cannot fail the build: compare.minPairs is 5");
    expect(chat.explanation).toContain("3 pairs cannot fail the build: compare.minPairs is 5;");
    expect(chat.suggestedRuns).toBeGreaterThanOrEqual(5);
  });

  it("says an unenforced budget never fails, whatever the pairs", () => {
    const chat = calibrate(headOnly(spread), config(8, "budgets:\n  - maxIncreasePct: { fail: 5 }\n    enforce: false")).scenarios[0]!;
    expect(chat.detectableIncreasePct).toBeNull();
    expect(chat.requiredPairs).toBeNull();
    expect(chat.cannotFail).toBe("the budget is not enforced (enforce: false), so it only warns");
    expect(chat.suggestedRuns).toBe(8);
  });

  it("gives the same answers for the same report (seeded)", () => {
    expect(calibrate(headOnly(spread), config(8))).toEqual(calibrate(headOnly(spread), config(8)));
  });

  it("says more than 50 pairs when the target is out of the simulation's reach, with the t rule's count, and suggests the cap", () => {
    const chat = calibrate(headOnly(spread), config(8)).scenarios[0]!;
    expect(chat.targetIncreasePct).toBe(10);
    // The t rule alone: about ((1.96 + 1.28) σ / ln(1.10/1.05))² = (3.24 × 0.1414 / 0.04652)² ≈ 97 pairs.
    const tRule = computeRequiredPairs({ sdLogRatio: chat.sdLogRatio!, budgetIncrease: 0.05, trueIncrease: 0.1 });
    expect(tRule.ok && tRule.pairs).toBeGreaterThanOrEqual(95);
    expect(tRule.ok && tRule.pairs).toBeLessThanOrEqual(102);
    expect(chat.requiredPairs).toBeNull();
    expect(chat.requiredPairsOver).toBe(50);
    expect(chat.suggestedRuns).toBe(50);
    expect(chat.explanation).toContain(`would take more than 50 pairs (the t interval alone needs ${tRule.ok && tRule.pairs}, and its robust check more)`);
    expect(chat.explanation).toContain("(from only 3 runs: rough; measure 10 or more to plan on it)");
  });

  it("suggests compare.minPairs when a quiet scenario needs fewer pairs", () => {
    // sd of logs 0.01: the t rule needs ((t + t) × 0.0141 / 0.0465)², 4 pairs (t(0.975, 3) = 3.18, t(0.9, 3) = 1.64),
    // but fewer than minPairs (5) never fail, so 5 it is.
    const quiet = [100, 100 * Math.exp(0.01), 100 * Math.exp(-0.01)];
    const chat = calibrate(headOnly(quiet), config(8)).scenarios[0]!;
    expect(chat.requiredPairs).toBe(5);
    expect(chat.suggestedRuns).toBe(5);
    // With minPairs 2, 4 pairs do (no robust check below 6 pairs, so the t rule is the rule).
    expect(calibrate(headOnly(quiet), config(8, undefined, "compare:\n  minPairs: 2")).scenarios[0]?.requiredPairs).toBe(4);
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
    // 8 pairs catch +29.1 %, so +30 % needs no more than 8.
    expect(above.requiredPairs).toBeLessThanOrEqual(8);
    expect(above.requiredPairs).toBeGreaterThanOrEqual(5);
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
