/**
 * Hand-built, realistic comparisons for the renderer's tests. Figures are internally
 * consistent: each side's SCI is recomputed from its energy per unit, units per run, run time
 * and the assumptions with core's own formulas, the way the compare step does it.
 *
 * Reference scenario (examples/tiny-llm "chat"): ~0.9 J per generated token on a 4-vCPU
 * GitHub-hosted runner, France at 44.18 gCO2e/kWh, 512 tokens per run in 11.6 s.
 * Operational: 0.9 J / 3.6e6 J/kWh × 44.18 g/kWh = 1.1045e-5 g per token.
 * Embodied: 1.2 t × 11.6 s / 4 years × 4/128 vCPUs = 3.449e-3 g per run = 6.74e-6 g per token.
 */
import {
  type Assumptions,
  type BudgetVerdict,
  type ChangeEstimate,
  type Comparison,
  comparisonSchemaId,
  computeEmbodiedItemG,
  computeOperationalG,
  type Machine,
  type Outcome,
  outcomes,
  type ScenarioDiff,
  type SideSummary,
  type SourceTag,
  worstOutcome,
} from "@sci-gate/core";

export const fourYearsS = 4 * 365 * 24 * 3600;

export const franceAssumptions: Assumptions = {
  intensityGPerKwh: 44.18,
  intensitySource: {
    dataset: "ember-annual-average",
    packageName: "@tgwf/co2",
    packageVersion: "0.19.0",
    zone: "FRA",
    year: "latest available",
    description: "France (FRA)",
  },
  pue: 1,
  // What core writes for `pue: 1.0` in the base's config (build-assumptions.ts: "pue in <file>").
  pueSource: "pue in sci-gate.yml (base)",
  embodied: [
    {
      name: "GitHub-hosted runner share",
      totalG: 1_200_000,
      lifetimeS: fourYearsS,
      resourcesReserved: 4,
      resourcesTotal: 128,
      source: "Eco-CI, 4-vCPU runner on a 128-thread host",
    },
  ],
  powerModel: { name: "eco-ci-epyc-7763", version: "2024", source: "Eco-CI SPECpower table" },
  memoryWPerGb: 0.392,
  warnings: [],
};

export const runnerMachine: Machine = {
  cpuModel: "AMD EPYC 7763 64-Core Processor",
  vcpus: 4,
  memoryGiB: 15.6,
  gpus: [],
  os: "Ubuntu 24.04",
  arch: "x64",
  githubHosted: true,
  virtualised: true,
  fingerprint: "gh-4vcpu-epyc7763-3f9a1c",
};

export const gpuMachine: Machine = {
  cpuModel: "Intel(R) Xeon(R) Platinum 8480+",
  vcpus: 26,
  memoryGiB: 221,
  gpus: [{ index: 0, model: "NVIDIA H100 80GB HBM3", uuid: "GPU-5c1b0d6e", driver: "550.90.07", powerLimitW: 700, memoryMiB: 81_559 }],
  os: "Ubuntu 22.04",
  arch: "x64",
  githubHosted: false,
  virtualised: false,
  fingerprint: "h100-26vcpu-9be204",
};

export interface SideSpec {
  energyJPerUnit: number;
  unitsPerRun: number;
  durationS: number;
  runs?: number;
  failedRuns?: number;
  cv?: number | null;
  /** Shares of the energy per component. */
  split?: { cpu: number; gpu: number; memory: number };
  sources?: { cpu: SourceTag; gpu: SourceTag; memory: SourceTag };
  fingerprint?: string;
}

const cpuOnly = { cpu: 0.94, gpu: 0, memory: 0.06 };
const rapl = { cpu: "measured:rapl", gpu: "none", memory: "measured:rapl-dram" };

export function buildSide(spec: SideSpec, assumptions: Assumptions = franceAssumptions): SideSummary {
  const split = spec.split ?? cpuOnly;
  const totalJ = spec.energyJPerUnit * spec.unitsPerRun;
  const operationalGPerUnit = computeOperationalG(spec.energyJPerUnit, assumptions.pue, assumptions.intensityGPerKwh);
  const embodiedG = assumptions.embodied.reduce((sum, item) => sum + computeEmbodiedItemG(item, spec.durationS), 0);
  const embodiedGPerUnit = embodiedG / spec.unitsPerRun;
  const runs = spec.runs ?? 10;
  const failed = spec.failedRuns ?? 0;
  return {
    runs,
    okRuns: runs - failed,
    failedRuns: failed,
    sciGPerUnit: operationalGPerUnit + embodiedGPerUnit,
    energyJPerUnit: spec.energyJPerUnit,
    operationalGPerUnit,
    embodiedGPerUnit,
    unitsPerRun: spec.unitsPerRun,
    durationS: spec.durationS,
    energyJ: { cpu: totalJ * split.cpu, gpu: totalJ * split.gpu, memory: totalJ * split.memory, total: totalJ },
    cv: spec.cv === undefined ? 0.021 : spec.cv,
    sources: spec.sources ?? rapl,
    machineFingerprint: spec.fingerprint ?? runnerMachine.fingerprint,
  };
}

/** A paired change whose percent interval is estimate ± halfWidth on the log scale. */
export function buildChange(ratio: number, halfWidthLog: number, n = 10, robust = true): ChangeEstimate {
  const estimate = Math.log(ratio);
  const logRatio = { estimate, lower: estimate - halfWidthLog, upper: estimate + halfWidthLog, confidence: 0.95 };
  const toPct = (x: number) => Math.expm1(x) * 100;
  const pct = { estimate: toPct(estimate), lower: toPct(logRatio.lower), upper: toPct(logRatio.upper), confidence: 0.95 };
  const robustLog = { estimate: estimate * 0.98, lower: logRatio.lower * 0.97, upper: logRatio.upper * 1.01, confidence: 0.95 };
  return {
    method: "paired-t",
    n,
    logRatio,
    pct,
    // t(0.975, 9) = 2.262: the spread of per-pair log ratios behind that half-width.
    sdLog: (halfWidthLog * Math.sqrt(n)) / 2.262,
    robust:
      robust && n >= 6
        ? {
            logRatio: robustLog,
            pct: { estimate: toPct(robustLog.estimate), lower: toPct(robustLog.lower), upper: toPct(robustLog.upper), confidence: 0.95 },
            achievedConfidence: 0.9512,
          }
        : null,
    bootstrap: null,
  };
}

export function relativeVerdict(outcome: Outcome, reason: string, extra: Partial<BudgetVerdict> = {}): BudgetVerdict {
  return { kind: "relative", budgetIndex: 0, warnAt: 2, failAt: 5, enforced: true, outcome, reason, pairsToResolve: null, ...extra };
}

export interface ScenarioSpec {
  name: string;
  unit: string;
  base: SideSpec | null;
  /** Head energy per unit relative to base; the rest of the head copies the base unless `head` says otherwise. */
  energyRatio?: number;
  head?: Partial<SideSpec> | null;
  halfWidthLog?: number;
  outcome: Outcome;
  /** Fixed text, or written from the SCI interval the way core's verdicts say it ("+6.2 % … +12.3 %"). */
  decidedBy: string | ((interval: string) => string);
  /** For an inconclusive verdict: what core estimates would resolve it. */
  pairsToResolve?: number;
  warnings?: string[];
  assumptions?: Assumptions;
}

export function buildScenario(spec: ScenarioSpec): ScenarioDiff {
  const assumptions = spec.assumptions ?? franceAssumptions;
  const base = spec.base === null ? null : buildSide(spec.base, assumptions);
  // At constant power a run takes as much longer as it uses more energy, so embodied carbon scales too.
  const ratio = spec.energyRatio ?? 1;
  const headSpec =
    spec.head === null || spec.base === null
      ? null
      : { ...spec.base, energyJPerUnit: spec.base.energyJPerUnit * ratio, durationS: spec.base.durationS * ratio, ...spec.head };
  const head = headSpec === null ? null : buildSide(headSpec, assumptions);
  const sci = base !== null && head !== null && spec.outcome !== "error" ? buildChange(head.sciGPerUnit / base.sciGPerUnit, spec.halfWidthLog ?? 0.03) : null;
  const energyPerUnit =
    base !== null && head !== null && spec.outcome !== "error" ? buildChange(head.energyJPerUnit / base.energyJPerUnit, spec.halfWidthLog ?? 0.03, 10, false) : null;
  // As core writes its reasons: a true minus sign (U+2212), like every figure the renderer formats.
  const fmtPct = (value: number) => `${value >= 0 ? "+" : "\u2212"}${Math.abs(value).toFixed(1)} %`;
  const interval = sci === null ? "" : `${fmtPct(sci.pct.lower)} … ${fmtPct(sci.pct.upper)}`;
  const decidedBy = typeof spec.decidedBy === "string" ? spec.decidedBy : spec.decidedBy(interval);
  return {
    name: spec.name,
    unit: spec.unit,
    pairing: sci === null ? "single" : "paired",
    base,
    head,
    sci,
    energyPerUnit,
    accepted: null,
    decomposition:
      base !== null && head !== null
        ? {
            deltaSciGPerUnit: head.sciGPerUnit - base.sciGPerUnit,
            deltaOperationalGPerUnit: head.operationalGPerUnit - base.operationalGPerUnit,
            deltaEmbodiedGPerUnit: head.embodiedGPerUnit - base.embodiedGPerUnit,
            energyPerUnitPct: (head.energyJPerUnit / base.energyJPerUnit - 1) * 100,
            unitsPerRunPct: (head.unitsPerRun / base.unitsPerRun - 1) * 100,
            durationPct: (head.durationS / base.durationS - 1) * 100,
          }
        : null,
    verdicts: spec.outcome === "error" ? [] : [relativeVerdict(spec.outcome, decidedBy, { pairsToResolve: spec.pairsToResolve ?? null })],
    outcome: spec.outcome,
    decidedBy,
    warnings: spec.warnings ?? [],
  };
}

export function buildComparison(scenarios: ScenarioDiff[], overrides: Partial<Comparison> = {}): Comparison {
  const counts = Object.fromEntries(outcomes.map((o) => [o, 0])) as Record<Outcome, number>;
  for (const diff of scenarios) counts[diff.outcome]++;
  return {
    schema: comparisonSchemaId,
    outcome: worstOutcome(scenarios.map((d) => d.outcome)),
    counts,
    scenarios,
    assumptions: franceAssumptions,
    rulesFrom: "base",
    budgetChanges: [],
    headline: scenarios[0]?.name ?? null,
    confidence: 0.95,
    errors: [],
    warnings: [],
    ...overrides,
  };
}

// The suite's scenarios, by outcome.

export const chatSide: SideSpec = { energyJPerUnit: 0.9, unitsPerRun: 512, durationS: 11.6 };

export const chatFail = buildScenario({
  name: "chat",
  unit: "token",
  base: chatSide,
  energyRatio: 1.095,
  head: { cv: 0.024 },
  halfWidthLog: 0.028,
  outcome: "fail",
  decidedBy: (ci) => `the whole 95% interval (${ci}) is above the 5 % budget`,
});

export const chatPass = buildScenario({
  name: "chat",
  unit: "token",
  base: chatSide,
  energyRatio: 1.003,
  halfWidthLog: 0.012,
  outcome: "pass",
  decidedBy: (ci) => `the whole interval (${ci}) is within the 5 % budget`,
});

export const summariseWarn = buildScenario({
  name: "summarise",
  unit: "token",
  base: { energyJPerUnit: 0.62, unitsPerRun: 256, durationS: 5.4 },
  energyRatio: 1.035,
  halfWidthLog: 0.011,
  outcome: "warn",
  decidedBy: (ci) => `the whole interval (${ci}) is above the 2 % warning level`,
});

export const embedPass = buildScenario({
  name: "embed",
  unit: "request",
  base: { energyJPerUnit: 3.5, unitsPerRun: 64, durationS: 3.1, sources: { cpu: "modelled:eco-ci-epyc-7763", gpu: "none", memory: "modelled:ccf-memory" } },
  energyRatio: 0.994,
  halfWidthLog: 0.013,
  outcome: "pass",
  decidedBy: (ci) => `the whole interval (${ci}) is within the 5 % budget`,
});

export const imagePass = buildScenario({
  name: "image-gen",
  unit: "image",
  base: {
    energyJPerUnit: 2400,
    unitsPerRun: 8,
    durationS: 41,
    split: { cpu: 0.18, gpu: 0.78, memory: 0.04 },
    sources: { cpu: "measured:rapl", gpu: "measured:nvml", memory: "measured:rapl-dram" },
    fingerprint: gpuMachine.fingerprint,
  },
  energyRatio: 1.008,
  halfWidthLog: 0.013,
  outcome: "pass",
  decidedBy: (ci) => `the whole interval (${ci}) is within the 5 % budget`,
});

export const batchInconclusive = buildScenario({
  name: "batch-score",
  unit: "request",
  base: { energyJPerUnit: 12, unitsPerRun: 200, durationS: 19, cv: 0.061 },
  energyRatio: 1.041,
  halfWidthLog: 0.037,
  outcome: "inconclusive",
  decidedBy: (ci) => `the interval (${ci}) straddles the 5 % budget; about 24 pairs would likely resolve it`,
  pairsToResolve: 24,
});

export const chatLongError = buildScenario({
  name: "chat-long",
  unit: "token",
  base: { energyJPerUnit: 1.1, unitsPerRun: 4096, durationS: 112 },
  head: null,
  outcome: "error",
  decidedBy: "the suite failed: head run 1 exited with code 137; head run 2 exited with code 137; head run 3 exited with code 137 (and 7 more)",
  warnings: ["head: every run was killed with exit code 137 (out of memory?); the base ran normally"],
});
