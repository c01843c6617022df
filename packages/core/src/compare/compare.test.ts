import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRng } from "../stats/rng.js";
import { compareReports } from "./compare.js";
import { makeConfig, makePairedReport, makeRun } from "./make-report.test-helper.js";

const budget5 = makeConfig(`budgets:\n  - scenario: "*"\n    maxIncreasePct: { warn: 3, fail: 5 }`);

function compareOne(base: number[], head: number[], config = budget5) {
  const report = makePairedReport({ chat: { base, head } }, config);
  const result = compareReports({ base: report, head: report });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value.scenarios[0]!;
}

describe("compareReports verdicts on hand-made runs", () => {
  it("+20% with 5 pairs at 2% noise fails against a 5% budget", () => {
    const base = [100, 102, 98, 101, 99];
    const noise = [1.02, 0.98, 1.0, 1.01, 0.99];
    const head = base.map((e, i) => e * 1.2 * noise[i]!);
    // d = ln 1.2 + ln(noise) = [0.20024, 0.16212, 0.18232, 0.19227, 0.17227]: mean 0.182222, sd 0.015813,
    // half-width t(0.975, 4) × sd/√5 = 2.776445 × 0.0070720 = 0.019635 → lower 0.162587 > ln 1.05 = 0.04879,
    // i.e. +17.7 % … +22.4 % in percent.
    const diff = compareOne(base, head);
    expect(diff.pairing).toBe("paired");
    expect(diff.sci?.logRatio.estimate).toBeCloseTo(0.182222, 5);
    expect(diff.sci?.logRatio.lower).toBeCloseTo(0.162587, 5);
    expect(diff.sci?.pct.estimate).toBeCloseTo((Math.exp(0.182222) - 1) * 100, 2);
    expect(diff.outcome).toBe("fail");
    expect(diff.verdicts[0]?.reason).toMatch(/whole 95% interval \(\+17\.7 % … \+22\.4 %\) is above the 5 % budget/);
  });

  it("+1% at 1% noise with 10 pairs passes against a 5% budget", () => {
    const base = [100, 101, 99, 100.5, 99.5, 100, 101, 99, 100.5, 99.5];
    const noise = [1.01, 0.99, 1.0, 1.005, 0.995, 1.01, 0.99, 1.0, 1.005, 0.995];
    const head = base.map((e, i) => e * 1.01 * noise[i]!);
    // d = ln 1.01 + ln(noise): mean ≈ 0.00995, sd ≈ 0.0075; upper ≈ 0.00995 + 2.262 × 0.0075/√10 ≈ 0.0153 < 0.0488.
    const diff = compareOne(base, head);
    expect(diff.sci?.logRatio.upper).toBeLessThan(Math.log(1.05));
    expect(diff.sci?.robust).not.toBeNull();
    expect(diff.outcome).toBe("pass");
  });

  it("2 runs with 30% noise are inconclusive, with the pairs that would resolve it", () => {
    // d = ln(125/100) = 0.2231 and ln(95/130) = −0.3137: t(0.975, 1) = 12.706 makes the interval ±3.4.
    const diff = compareOne([100, 130], [125, 95]);
    expect(diff.outcome).toBe("inconclusive");
    expect(diff.verdicts[0]?.reason).toMatch(/straddles the 5 % budget; about \d+ pairs would likely resolve it/);
    // sd of d is 0.38 and the estimate sits 0.094 below ln 1.05: roughly (2 × 0.38 / 0.094)² ≈ 65 pairs.
    expect(diff.verdicts[0]?.pairsToResolve).toBeGreaterThan(50);
    expect(diff.verdicts[0]?.pairsToResolve).toBeLessThan(80);
  });

  it("identical runs pass", () => {
    const diff = compareOne([100, 101, 99, 100, 102], [100, 101, 99, 100, 102]);
    expect(diff.sci?.logRatio.estimate).toBe(0);
    expect(diff.outcome).toBe("pass");
  });

  it("an absolute ceiling far above the measured values passes", () => {
    // 100 J per 1,000 tokens × 1e-4 g/J = 0.01 g per 1,000 tokens = 1e-5 g per token.
    const config = makeConfig(`budgets:\n  - scenario: chat\n    maxSciGPerUnit: { fail: "1 g per 1k tokens" }`);
    const diff = compareOne([100, 101, 99], [100, 101, 99], config);
    expect(diff.head?.sciGPerUnit).toBeCloseTo(1e-5, 8);
    expect(diff.verdicts).toHaveLength(1);
    expect(diff.verdicts[0]).toMatchObject({ kind: "absolute", outcome: "pass" });
  });

  it("an absolute ceiling below every head run fails", () => {
    const config = makeConfig(`budgets:\n  - scenario: chat\n    maxSciGPerUnit: { fail: 5e-6 }`);
    expect(compareOne([100, 101, 99], [100, 101, 99], config).outcome).toBe("fail");
  });

  it("refuses different functional units, naming both", () => {
    const report = makePairedReport({ chat: { base: [1, 2], head: [1, 2] } }, budget5);
    const head = { ...report, scenarios: report.scenarios.map((s) => ({ ...s, unit: "request" })) };
    const result = compareReports({ base: report, head, files: { base: "base.json", head: "head.json" } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({ file: "head.json", path: "scenarios[0].unit" });
    expect(result.errors[0]?.message).toBe(
      'scenario "chat" counts "request" in the head but "token" in the base; SCI can only be compared per the same functional unit',
    );
  });

  it("a RAPL-measured base against a modelled head is inconclusive, with its reason", () => {
    const report = makePairedReport({ chat: { base: [100, 101, 99, 100, 100], head: [150, 151, 149, 150, 150] } }, budget5);
    const scenario = report.scenarios[0]!;
    scenario.runs = scenario.runs.map((r) => (r.revision === "head" ? { ...r, sources: { ...r.sources, cpu: "modelled:ccf-epyc-gen3" } } : r));
    const diff = compareReports({ base: report, head: report });
    if (!diff.ok) throw new Error("refused");
    expect(diff.value.scenarios[0]?.outcome).toBe("inconclusive");
    expect(diff.value.scenarios[0]?.decidedBy).toMatch(/not the same methodology on both sides: energy sources differ \(base cpu=measured:rapl/);
  });

  it("a failed run makes the scenario an error naming the run", () => {
    const report = makePairedReport({ chat: { base: [100, 100], head: [100, 100] } }, budget5);
    report.scenarios[0]!.runs.push(makeRun("head", 2, 2, 5, { exitCode: 1 }));
    const result = compareReports({ base: report, head: report });
    expect(result.ok && result.value.outcome).toBe("error");
    expect(result.ok && result.value.scenarios[0]?.decidedBy).toBe("the suite failed: head run 3 exited with code 1");
  });

  it("warns when units per run change", () => {
    const report = makePairedReport({ chat: { base: [100, 100, 100], head: [100, 100, 100] } }, budget5);
    report.scenarios[0]!.runs = report.scenarios[0]!.runs.map((r) => (r.revision === "head" ? { ...r, units: 2000 } : r));
    const result = compareReports({ base: report, head: report });
    expect(result.ok && result.value.scenarios[0]?.warnings[0]).toMatch(/^units per run changed from 1000 to 2000/);
  });

  it("judges the head by the base's budget even when the head loosens its own", () => {
    const loose = makeConfig(`budgets:\n  - scenario: "*"\n    maxIncreasePct: { fail: 50 }`);
    const report = makePairedReport({ chat: { base: [100, 102, 98, 101, 99], head: [120, 122, 118, 121, 119] } }, budget5);
    report.configs.head = loose;
    const result = compareReports({ base: report, head: report });
    if (!result.ok) throw new Error("refused");
    expect(result.value.scenarios[0]?.outcome).toBe("fail");
    expect(result.value.rulesFrom).toBe("base");
    expect(result.value.budgetChanges[0]).toMatch(/^budget for chat: base .*"fail":5.* → head .*"fail":50/);
  });

  it("splits the change in SCI into operational and embodied parts that add up to it, also on noisy runs", () => {
    const report = makePairedReport({ chat: { base: [100, 140, 70, 120], head: [150, 90, 200, 110] } }, budget5);
    // Embodied 36 g over 3,600 s, wholly reserved: 0.01 g per second, 0.1 g for each 10 s run,
    // i.e. 1e-4 g per token beside the operational energyJ × 1e-4 / 1000 g per token.
    report.assumptions = { ...report.assumptions, embodied: [{ name: "box", totalG: 36, lifetimeS: 3600, resourcesReserved: 1, resourcesTotal: 1, source: "test" }] };
    const result = compareReports({ base: report, head: report });
    if (!result.ok) throw new Error("refused");
    const diff = result.value.scenarios[0]!;
    const d = diff.decomposition!;
    // Base SCI per token: (E × 1e-7 + 1e-4) for E = 100, 140, 70, 120 → geometric mean of 1.100, 1.140, 1.070, 1.120 (× 1e-4).
    const geo = (xs: number[]) => Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);
    expect(diff.base!.sciGPerUnit).toBeCloseTo(geo([1.1, 1.14, 1.07, 1.12]) * 1e-4, 12);
    expect(d.deltaSciGPerUnit).toBeCloseTo(diff.head!.sciGPerUnit - diff.base!.sciGPerUnit, 15);
    expect(d.deltaOperationalGPerUnit + d.deltaEmbodiedGPerUnit).toBeCloseTo(d.deltaSciGPerUnit, 15);
    // The embodied share of the base: mean embodied 1e-4 of mean SCI 1.1075e-4.
    expect(diff.base!.embodiedGPerUnit / diff.base!.sciGPerUnit).toBeCloseTo(1 / 1.1075, 12);
  });

  it("enforce: false caps a failure at warn", () => {
    const config = makeConfig(`budgets:\n  - scenario: "*"\n    maxIncreasePct: { fail: 5 }\n    enforce: false`);
    expect(compareOne([100, 102, 98, 101, 99], [120, 122, 118, 121, 119], config).outcome).toBe("warn");
  });
});

describe("compareReports error rates (seeded simulation)", () => {
  /** Runs `trials` comparisons of 10 pairs where head = base × (1 + change), each run with log-normal noise of `cv`. */
  function failRate(changePct: number, cv: number, trials: number, seed: string): number {
    const rng = createRng(seed);
    let fails = 0;
    for (let t = 0; t < trials; t++) {
      const base: number[] = [];
      const head: number[] = [];
      for (let i = 0; i < 10; i++) {
        base.push(100 * Math.exp(cv * rng.nextNormal()));
        head.push(100 * (1 + changePct / 100) * Math.exp(cv * rng.nextNormal()));
      }
      if (compareOne(base, head).outcome === "fail") fails++;
    }
    return fails / trials;
  }

  for (const cv of [0.01, 0.03, 0.05]) it(`a true change equal to the 5 % budget fails at most 2.5 % of 1,000 comparisons at CV ${cv * 100} %`, { timeout: 60_000 }, () => {
    const rate = failRate(5, cv, 1000, `at-budget/${cv}`);
    // 2.5% + 3 binomial standard deviations (√(0.025 × 0.975 / 1000) = 0.49%) = 3.98%.
    expect(rate).toBeLessThanOrEqual(0.0398);
    const detect2x = failRate(10, cv, 1000, `2x/${cv}`);
    const detect3x = failRate(15, cv, 1000, `3x/${cv}`);
    console.log(`CV ${cv * 100}%: false fails at +5% ${(rate * 100).toFixed(1)}%; detection at +10% ${(detect2x * 100).toFixed(1)}%, at +15% ${(detect3x * 100).toFixed(1)}%`);
  });

  it("identical code never fails in 1,000 comparisons at CV 3%", () => {
    expect(failRate(0, 0.03, 1000, "identical")).toBe(0);
  });
});

describe("compareReports properties", () => {
  const runs = fc.array(fc.double({ min: 50, max: 200, noNaN: true }), { minLength: 6, maxLength: 6 });

  it("swapping base and head negates the estimate and mirrors the interval", () => {
    fc.assert(
      fc.property(runs, runs, (base, head) => {
        const forward = compareOne(base, head).sci!;
        const backward = compareOne(head, base).sci!;
        expect(backward.logRatio.estimate).toBeCloseTo(-forward.logRatio.estimate, 10);
        expect(backward.logRatio.lower).toBeCloseTo(-forward.logRatio.upper, 10);
        expect(backward.logRatio.upper).toBeCloseTo(-forward.logRatio.lower, 10);
      }),
      { numRuns: 50 },
    );
  });

  it("scaling both sides by a constant leaves the relative verdict unchanged", () => {
    fc.assert(
      fc.property(runs, runs, fc.double({ min: 0.01, max: 100, noNaN: true }), (base, head, k) => {
        const plain = compareOne(base, head);
        const scaled = compareOne(base.map((e) => e * k), head.map((e) => e * k));
        expect(scaled.outcome).toBe(plain.outcome);
        expect(scaled.sci!.logRatio.estimate).toBeCloseTo(plain.sci!.logRatio.estimate, 9);
      }),
      { numRuns: 50 },
    );
  });
});

describe("the comparison JSON", () => {
  it("validates against the published comparison schema", async () => {
    const { comparisonSchema } = await import("./comparison-schema.js");
    const report = makePairedReport({ chat: { base: [100, 102, 98, 101, 99, 100], head: [120, 122, 118, 121, 119, 120] } }, budget5);
    const result = compareReports({ base: report, head: report });
    if (!result.ok) throw new Error("refused");
    const parsed = comparisonSchema.safeParse(JSON.parse(JSON.stringify(result.value)));
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });
});
