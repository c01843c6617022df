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
    // sd of d is 0.3796 and the estimate (−0.0453) sits 0.0940 below ln 1.05, so only passing can settle it.
    // At 80 % power: (t(0.975, n−1) + t(0.8, n−1)) × 0.3796/√n < 0.0940, about ((1.96 + 0.84) × 0.3796 / 0.0940)² ≈ 128;
    // with the t quantiles (1.97852 + 0.84442) × 0.3796/√130 = 0.09398 is the first below it.
    expect(diff.verdicts[0]?.pairsToResolve).toBe(130);
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
    expect(result.value.budgetChanges).toEqual(["chat: fail +5 % → +50 %, warn +3 % → none", "long: fail +5 % → +50 %, warn +3 % → none"]);
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

describe("compareReports on a suite that failed", () => {
  const setupFailed = 'setup "npm ci" failed in the head tree (/w/head): exited with code 1';

  it("a head report that measured nothing is an error, and the base's scenarios are inconclusive, not passes", () => {
    const base = makePairedReport({ chat: { base: [100, 101, 99], head: [] } }, budget5);
    const head = makePairedReport({}, budget5);
    head.status.errors = [setupFailed];
    const result = compareReports({ base, head, files: { base: "main.json", head: "pr.json" } });
    if (!result.ok) throw new Error("refused");
    expect(result.value.outcome).toBe("error");
    expect(result.value.errors).toEqual([`pr.json: ${setupFailed}`]);
    expect(result.value.warnings).toEqual([]);
    const chat = result.value.scenarios[0]!;
    expect(chat.outcome).toBe("inconclusive");
    expect(chat.decidedBy).toBe(`scenario not measured on the head (${setupFailed})`);
    expect(chat.verdicts).toMatchObject([{ kind: "relative", outcome: "inconclusive", pairsToResolve: null }]);
    expect(result.value.counts).toMatchObject({ error: 0, inconclusive: 1, pass: 0 });
  });

  it("a scenario missing from a head that did not fail is inconclusive too, ceilings included", () => {
    const rules = makeConfig(`budgets:\n  - scenario: chat\n    maxSciGPerUnit: { fail: 1 }`);
    const base = makePairedReport({ chat: { base: [100, 101, 99], head: [] } }, rules);
    const result = compareReports({ base, head: makePairedReport({}, rules) });
    if (!result.ok) throw new Error("refused");
    expect(result.value.outcome).toBe("inconclusive");
    expect(result.value.scenarios[0]).toMatchObject({ outcome: "inconclusive", decidedBy: "scenario not measured on the head" });
    expect(result.value.scenarios[0]?.verdicts.map((v) => [v.kind, v.outcome])).toEqual([["absolute", "inconclusive"]]);
  });

  it("an interrupted base is an error, whatever the verdicts say", () => {
    const report = makePairedReport({ chat: { base: [100, 101, 99, 100, 100], head: [100, 101, 99, 100, 100] } }, budget5);
    const base = { ...report, status: { interrupted: true, errors: [] } };
    const result = compareReports({ base, head: report, files: { base: "main.json", head: "pr.json" } });
    if (!result.ok) throw new Error("refused");
    expect(result.value.scenarios[0]?.outcome).toBe("pass");
    expect(result.value.outcome).toBe("error");
    expect(result.value.errors).toEqual(["main.json: the measurement was interrupted; the report covers only the runs that finished"]);
  });

  it("one report holding both sides names each of its errors once", () => {
    const report = makePairedReport({ chat: { base: [100, 101], head: [100, 101] } }, budget5);
    report.status.errors = ['scenario "long" head run 1: exited with code 2'];
    const result = compareReports({ base: report, head: report, files: { base: "both.json", head: "both.json" } });
    expect(result.ok && result.value.errors).toEqual(['both.json: scenario "long" head run 1: exited with code 2']);
    expect(result.ok && result.value.outcome).toBe("error");
  });
});

describe("compareReports decisions, branch by branch", () => {
  /** Head runs 100 × e^d over a base of 100 J each, so the pair log ratios are exactly d. */
  const fromLogRatios = (d: readonly number[], config = budget5) =>
    compareOne(
      d.map(() => 100),
      d.map((x) => 100 * Math.exp(x)),
      config,
    );

  it("warns when the whole interval is above the warning level", () => {
    // d = ln 1.04 ± 0.001: mean 0.039221, the 95 % interval ±0.0008 lies above ln 1.03 = 0.02956, below ln 1.05.
    const diff = fromLogRatios([1, -1, 0.5, -0.5, 0, 1, -1, 0.5, -0.5, 0].map((x) => Math.log(1.04) + 0.001 * x));
    expect(diff.outcome).toBe("warn");
    expect(diff.decidedBy).toBe("the whole interval (+3.9 % … +4.1 %) is above the 3 % warning level");
  });

  it("warns when an increase is certain and its estimate is above the fail budget, though the interval reaches below it", () => {
    // d = ln 1.07 + [0.04, −0.04, 0.05, −0.05, 0]: mean 0.067659, sd √(0.0082/4) = 0.045277,
    // half-width t(0.975, 4) × 0.045277/√5 = 2.776445 × 0.020248 = 0.056218: lower 0.011441 (+1.2 %) is above 0
    // but below ln 1.03, upper 0.123877 (+13.2 %).
    const diff = fromLogRatios([0.04, -0.04, 0.05, -0.05, 0].map((x) => Math.log(1.07) + x));
    expect(diff.sci?.logRatio.lower).toBeCloseTo(0.011441, 5);
    expect(diff.outcome).toBe("warn");
    expect(diff.decidedBy).toBe("an increase is certain and its estimate (+7.0 %) is above the 5 % budget, but the interval (+1.2 % … +13.2 %) reaches below it");
  });

  it("fewer pairs than compare.minPairs can never fail: +20 % over 3 pairs warns, and fails once minPairs allows 3", () => {
    // d = ln 1.2 + ln [1.01, 0.99, 1.00] = [0.19227, 0.17227, 0.18232]: sd 0.0100, half-width t(0.975, 2) × 0.0100/√3 = 0.0249,
    // so the lower end 0.1574 is far above ln 1.05; only the pair count stops the failure.
    const d = [1.01, 0.99, 1.0].map((x) => Math.log(1.2 * x));
    const capped = fromLogRatios(d);
    expect(capped.outcome).toBe("warn");
    expect(capped.decidedBy).toMatch(/is above the 5 % budget; only 3 pairs, fewer than compare.minPairs \(5\) needed to fail the build$/);
    const allowed = makeConfig(`budgets:\n  - scenario: "*"\n    maxIncreasePct: { warn: 3, fail: 5 }`, "compare:\n  minPairs: 3");
    expect(fromLogRatios(d, allowed).outcome).toBe("fail");
  });

  it("a Hodges–Lehmann/Wilcoxon disagreement is inconclusive: one stray pair widens the t interval, not the robust one", () => {
    // 19 pairs at +6.2 % (d ≈ 0.06) and one at −39 % (d = −0.5): the mean falls to 0.032 and the t interval spans
    // about ±0.054, which straddles 5 %. Only 20 of the 210 Walsh averages involve the stray pair, fewer than the
    // critical rank (53 at 20 pairs), so the Hodges–Lehmann interval stays near 0.06, wholly above ln 1.05: "fail".
    const d = [...Array.from({ length: 19 }, (_, i) => 0.06 + 0.002 * Math.sin(i)), -0.5];
    const diff = fromLogRatios(d);
    expect(diff.sci?.robust?.logRatio.lower).toBeGreaterThan(Math.log(1.05));
    expect(diff.outcome).toBe("inconclusive");
    expect(diff.decidedBy).toMatch(/^the t interval \(.+\) says inconclusive but the Hodges–Lehmann\/Wilcoxon interval \(.+\) says fail, so neither is trusted;/);
  });

  it("computes the robust check from 6 pairs and the bootstrap from 20 pairs, not before", () => {
    const d = (n: number) => Array.from({ length: n }, (_, i) => 0.01 * Math.sin(i * 2.3 + 0.7));
    expect(fromLogRatios(d(5)).sci?.robust).toBeNull();
    expect(fromLogRatios(d(6)).sci?.robust).not.toBeNull();
    expect(fromLogRatios(d(19)).sci?.bootstrap).toBeNull();
    const twenty = fromLogRatios(d(20)).sci!;
    expect(twenty.bootstrap).not.toBeNull();
    expect(twenty.bootstrap!.lower).toBeLessThan(twenty.logRatio.estimate);
    expect(twenty.bootstrap!.upper).toBeGreaterThan(twenty.logRatio.estimate);
  });

  it("different machines are inconclusive, naming both fingerprints", () => {
    const base = makePairedReport({ chat: { base: [100, 101, 99, 100, 100], head: [] } }, budget5);
    const head = makePairedReport({ chat: { base: [], head: [150, 151, 149, 150, 150] } }, budget5);
    head.machine = { ...head.machine, cpuModel: "Intel(R) Xeon(R) Platinum 8370C", fingerprint: "xeon-8370c/4/16" };
    const result = compareReports({ base, head });
    if (!result.ok) throw new Error("refused");
    const chat = result.value.scenarios[0]!;
    expect(chat.outcome).toBe("inconclusive");
    expect(chat.decidedBy).toBe("not the same methodology on both sides: machines differ (base epyc-7763/4/16; head xeon-8370c/4/16)");
    expect(chat.warnings).toContain("machines differ (base epyc-7763/4/16; head xeon-8370c/4/16)");
  });

  it("points a unit mismatch at the scenario's place in the head file", () => {
    const base = makePairedReport({ chat: { base: [1, 2], head: [] }, long: { base: [1, 2], head: [] } }, budget5);
    const head = makePairedReport({ long: { base: [], head: [1, 2], unit: "request" } }, budget5);
    const result = compareReports({ base, head, files: { base: "main.json", head: "pr.json" } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    // "long" is the second name of both files but the first scenario of pr.json.
    expect(result.errors).toMatchObject([{ file: "pr.json", path: "scenarios[0].unit" }]);
  });
});

describe("compareReports says what the head's rules would change", () => {
  const rules = (levels: string, extra: string) => makeConfig(`budgets:\n  - scenario: "*"\n    maxIncreasePct: ${levels}`, extra);

  it("in words, per scenario and per assumption", () => {
    const base = rules("{ warn: 2, fail: 5 }", "location: { country: FR }\npue: 1.1");
    const head = rules("{ warn: 3, fail: 15 }", "location: { zone: DE, year: 2023 }\npue: 1.2\ncompare:\n  minPairs: 3");
    const report = makePairedReport({ chat: { base: [100, 100], head: [100, 100] } }, base);
    const result = compareReports({ base: report, head: report, headConfig: head });
    expect(result.ok && result.value.budgetChanges).toEqual([
      "chat: fail +5 % → +15 %, warn +2 % → +3 %",
      "long: fail +5 % → +15 %, warn +2 % → +3 %",
      "grid location: country FR → zone DE (2023)",
      "PUE: 1.1 → 1.2",
      "minPairs: 5 → 3",
    ]);
  });

  it("ceilings with their unit, and enforcement", () => {
    const base = makeConfig(`budgets:\n  - scenario: chat\n    maxSciGPerUnit: { fail: "0.4 mg per 1k tokens" }`);
    const head = makeConfig(`budgets:\n  - scenario: chat\n    maxSciGPerUnit: { fail: "0.5 mg per 1k tokens" }\n    enforce: false`);
    const report = makePairedReport({ chat: { base: [100, 100], head: [100, 100] } }, base);
    const result = compareReports({ base: report, head: report, headConfig: head });
    // 0.4 mg per 1,000 tokens is 4e-7 g = 400 ng per token.
    expect(result.ok && result.value.budgetChanges).toEqual(["chat: ceiling fail 400 ng per token → 500 ng per token, no longer enforced (enforce: false)"]);
  });

  it("nothing when the head's config says the same in another object", () => {
    const report = makePairedReport({ chat: { base: [100, 100], head: [100, 100] } }, budget5);
    const copy = JSON.parse(JSON.stringify(budget5));
    const result = compareReports({ base: report, head: report, headConfig: copy });
    expect(result.ok && result.value.budgetChanges).toEqual([]);
  });
});

describe("compareReports assumptions", () => {
  it("reports the one set every scenario used", () => {
    const report = makePairedReport({ chat: { base: [100, 100], head: [100, 100] }, long: { base: [100, 100], head: [100, 100] } }, budget5);
    const result = compareReports({ base: report, head: report });
    expect(result.ok && result.value.assumptions).toEqual(report.assumptions);
    expect(result.ok && result.value.warnings).toEqual([]);
  });

  it("says so when merged scenarios were measured under different assumptions", () => {
    const report = makePairedReport({ chat: { base: [100, 100], head: [100, 100] }, long: { base: [100, 100], head: [100, 100] } }, budget5);
    report.scenarios[1]!.assumptions = { ...report.assumptions, intensityGPerKwh: 56, pue: 1.1, intensitySource: { ...report.assumptions.intensitySource, zone: "FR", year: 2024 } };
    const result = compareReports({ base: report, head: report });
    if (!result.ok) throw new Error("refused");
    expect(result.value.assumptions).toEqual(report.assumptions);
    expect(result.value.warnings).toEqual([
      "scenarios were measured under different assumptions (merged shards from different machines), so each scenario's figures use its own and the methodology shown is the report's: chat: 360 gCO2e/kWh (test), PUE 1, no embodied carbon; long: 56 gCO2e/kWh (test FR 2024), PUE 1.1, no embodied carbon",
    ]);
    // Each scenario's own figures: 100 J at 56 g/kWh × PUE 1.1 = 100 × 56 × 1.1 / 3.6e6 g per 1,000 tokens.
    expect(result.value.scenarios[1]?.base?.sciGPerUnit).toBeCloseTo((100 * 56 * 1.1) / 3.6e6 / 1000, 15);
  });
});

describe("compareReports error rates (seeded simulation)", () => {
  /**
   * Runs `trials` comparisons of `pairs` pairs where head = base × (1 + change), each run with
   * log-normal noise of `cv`, through the whole of compareReports.
   */
  function failRate(changePct: number, cv: number, trials: number, seed: string, pairs = 10, config = budget5): number {
    const rng = createRng(seed);
    let fails = 0;
    for (let t = 0; t < trials; t++) {
      const base: number[] = [];
      const head: number[] = [];
      for (let i = 0; i < pairs; i++) {
        base.push(100 * Math.exp(cv * rng.nextNormal()));
        head.push(100 * (1 + changePct / 100) * Math.exp(cv * rng.nextNormal()));
      }
      if (compareOne(base, head, config).outcome === "fail") fails++;
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

  // Below 6 pairs there is no robust check to hide a wrong t interval: here the t rule alone decides,
  // so a 90 % interval (5 % false fails at the budget) or a normal quantile in place of t fails these.
  const fewPairs = makeConfig(`budgets:\n  - scenario: "*"\n    maxIncreasePct: { warn: 3, fail: 5 }`, "compare:\n  minPairs: 2");
  for (const pairs of [3, 5]) it(`a true change equal to the budget fails at most 2.5 % of 4,000 comparisons of ${pairs} pairs (minPairs 2)`, { timeout: 60_000 }, () => {
    const rate = failRate(5, 0.03, 4000, `at-budget/${pairs}-pairs`, pairs, fewPairs);
    // 2.5% + 3 binomial standard deviations (√(0.025 × 0.975 / 4000) = 0.247%) = 3.24%.
    expect(rate).toBeLessThanOrEqual(0.0324);
    // The t rule is exact for normal log ratios: the rate is close to 2.5 %, not far below it.
    expect(rate).toBeGreaterThanOrEqual(0.0176);
    console.log(`${pairs} pairs at CV 3%: false fails at +5% ${(rate * 100).toFixed(2)}%; detection at +15% ${(failRate(15, 0.03, 1000, `3x/${pairs}`, pairs, fewPairs) * 100).toFixed(1)}%`);
  });

  it("identical code never fails in 1,000 comparisons at CV 3%", () => {
    expect(failRate(0, 0.03, 1000, "identical")).toBe(0);
  });
});

describe("compareReports properties", () => {
  /**
   * A base of 6–12 runs, and a head that is the base × (1 + change) × up to ±3 % noise per run,
   * with half the changes near the 3 %/5 % levels: verdicts of every kind, not only inconclusive.
   */
  const pairedRuns = fc
    .record({
      base: fc.array(fc.double({ min: 50, max: 200, noNaN: true }), { minLength: 6, maxLength: 12 }),
      changePct: fc.oneof(fc.double({ min: -10, max: 30, noNaN: true }), fc.double({ min: 2, max: 8, noNaN: true })),
      noise: fc.array(fc.double({ min: 0.97, max: 1.03, noNaN: true }), { minLength: 12, maxLength: 12 }),
    })
    .map(({ base, changePct, noise }) => ({ base, head: base.map((e, i) => e * (1 + changePct / 100) * noise[i]!) }));

  it("swapping base and head negates the estimate and mirrors the interval", () => {
    fc.assert(
      fc.property(pairedRuns, ({ base, head }) => {
        const forward = compareOne(base, head).sci!;
        const backward = compareOne(head, base).sci!;
        expect(backward.logRatio.estimate).toBeCloseTo(-forward.logRatio.estimate, 10);
        expect(backward.logRatio.lower).toBeCloseTo(-forward.logRatio.upper, 10);
        expect(backward.logRatio.upper).toBeCloseTo(-forward.logRatio.lower, 10);
      }),
      { numRuns: 100 },
    );
  });

  it("scaling both sides by a constant leaves the relative verdict unchanged, for passes, warnings and failures alike", () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(pairedRuns, fc.double({ min: 0.01, max: 100, noNaN: true }), ({ base, head }, k) => {
        const plain = compareOne(base, head);
        const scaled = compareOne(
          base.map((e) => e * k),
          head.map((e) => e * k),
        );
        seen.add(plain.outcome);
        expect(scaled.outcome).toBe(plain.outcome);
        expect(scaled.sci!.logRatio.estimate).toBeCloseTo(plain.sci!.logRatio.estimate, 9);
      }),
      { numRuns: 200, seed: 20261128 },
    );
    // The generator reaches every relative verdict, so the property is tested on each.
    expect([...seen].sort()).toEqual(["fail", "inconclusive", "pass", "warn"]);
  });
});

describe("the comparison JSON", () => {
  it("starts with its schema version", () => {
    const report = makePairedReport({ chat: { base: [100, 101], head: [100, 101] } }, budget5);
    const result = compareReports({ base: report, head: report });
    if (!result.ok) throw new Error("refused");
    expect(Object.keys(result.value)[0]).toBe("schema");
    expect(result.value.schema).toBe("sci-gate/comparison@1");
  });

  it("validates against the published comparison schema", async () => {
    const { comparisonSchema } = await import("./comparison-schema.js");
    const report = makePairedReport({ chat: { base: [100, 102, 98, 101, 99, 100], head: [120, 122, 118, 121, 119, 120] } }, budget5);
    const result = compareReports({ base: report, head: report });
    if (!result.ok) throw new Error("refused");
    const parsed = comparisonSchema.safeParse(JSON.parse(JSON.stringify(result.value)));
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });
});
