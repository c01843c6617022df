import { computeRunSci, type RunSci } from "../sci/compute-sci.js";
import type { Assumptions, RunMeasurement, SourceTag } from "../schema/report.js";
import type { SideSummary } from "./types.js";

export interface ScoredRun {
  run: RunMeasurement;
  sci: RunSci;
}

/** Why a run cannot count, or null when it can. */
export function describeRunFailure(run: RunMeasurement): string | null {
  const which = `${run.revision} run ${run.index + 1}`;
  if (run.timedOut) return `${which} timed out`;
  if (run.signal !== null) return `${which} was stopped by ${run.signal}`;
  if (run.exitCode !== 0) return `${which} exited with code ${run.exitCode ?? "unknown"}`;
  if (run.partial) return `${which} was interrupted`;
  if (run.units === null || !(run.units > 0)) return `${which} counted ${run.units ?? "no"} functional units`;
  return null;
}

export function scoreRuns(runs: readonly RunMeasurement[], assumptions: Assumptions): { scored: ScoredRun[]; failures: string[] } {
  const scored: ScoredRun[] = [];
  const failures: string[] = [];
  for (const run of runs) {
    const failure = describeRunFailure(run);
    if (failure !== null) {
      failures.push(failure);
      continue;
    }
    const sci = computeRunSci(run, assumptions);
    if (!sci.ok) failures.push(`${run.revision} run ${run.index + 1}: ${sci.reason}`);
    else if (!(sci.value.sciGPerUnit > 0)) failures.push(`${run.revision} run ${run.index + 1} measured no energy`);
    else scored.push({ run, sci: sci.value });
  }
  return { scored, failures };
}

const geoMean = (values: readonly number[]) => Math.exp(values.reduce((a, v) => a + Math.log(v), 0) / values.length);
const mean = (values: readonly number[]) => values.reduce((a, v) => a + v, 0) / values.length;

function mostCommon(tags: readonly SourceTag[]): SourceTag {
  const counts = new Map<SourceTag, number>();
  for (const tag of tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "none";
}

export function summariseSide(allRuns: readonly RunMeasurement[], scored: readonly ScoredRun[], fingerprint: string): SideSummary | null {
  if (scored.length === 0) return null;
  const sci = scored.map((s) => s.sci.sciGPerUnit);
  const m = mean(sci);
  const sd = sci.length > 1 ? Math.sqrt(sci.reduce((a, v) => a + (v - m) ** 2, 0) / (sci.length - 1)) : null;
  const sciGPerUnit = geoMean(sci);
  // The headline is a geometric mean, and geometric means of parts do not add up to that of the
  // whole: each part gets its share of the arithmetic mean instead, so operational + embodied is
  // exactly the headline figure and a reviewer's sum of the decomposition checks out.
  const shareOf = (part: (s: ScoredRun) => number) => (mean(scored.map(part)) / m) * sciGPerUnit;
  return {
    runs: allRuns.length,
    okRuns: scored.length,
    failedRuns: allRuns.length - scored.length,
    sciGPerUnit,
    energyJPerUnit: geoMean(scored.map((s) => Math.max(s.sci.energyJPerUnit, Number.MIN_VALUE))),
    operationalGPerUnit: shareOf((s) => s.sci.operationalG / s.run.units!),
    embodiedGPerUnit: shareOf((s) => s.sci.embodiedG / s.run.units!),
    unitsPerRun: mean(scored.map((s) => s.run.units!)),
    durationS: mean(scored.map((s) => s.run.durationS)),
    energyJ: {
      cpu: mean(scored.map((s) => s.run.energyJ.cpu)),
      gpu: mean(scored.map((s) => s.run.energyJ.gpu)),
      memory: mean(scored.map((s) => s.run.energyJ.memory)),
      total: mean(scored.map((s) => s.run.energyJ.total)),
    },
    cv: sd === null ? null : sd / m,
    sources: {
      cpu: mostCommon(scored.map((s) => s.run.sources.cpu)),
      gpu: mostCommon(scored.map((s) => s.run.sources.gpu)),
      memory: mostCommon(scored.map((s) => s.run.sources.memory)),
    },
    machineFingerprint: fingerprint,
  };
}

/** Distinct source tags used across runs, for the "same methodology" check. */
export function collectSources(scored: readonly ScoredRun[]): string[] {
  const tags = new Set<string>();
  for (const { run } of scored) tags.add(`cpu=${run.sources.cpu} gpu=${run.sources.gpu} memory=${run.sources.memory}`);
  return [...tags].sort();
}
