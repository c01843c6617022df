import type { Comparison, Config, Machine, Report, ScenarioDiff } from "@sci-gate/core";
import type { Volume } from "./volume.js";

/** One value of a scenario's SCI on the main branch, oldest first in a list. */
export interface HistoryPoint {
  /** What the x-axis shows: a short SHA, a date, a run number. */
  label: string;
  sciGPerUnit: number;
}

/** Everything the renderers read. Nothing here is fetched: the caller gathers it. */
export interface RenderInput {
  comparison: Comparison;
  /** The report the comparison was made from (the head's, or the one holding both sides): machine, meter, status. */
  report?: Report;
  /** The config whose rules decided (comparison.rulesFrom): production volumes per scenario. */
  config?: Config;
  /** sci-gate's version, said in the footer. */
  version: string;
  /** The command that reproduces this comparison on a laptop. */
  reproduceCommand: string;
  methodologyUrl: string;
  /** Main-branch SCI per unit by scenario name, oldest first, for trend charts. */
  history?: Readonly<Record<string, readonly HistoryPoint[]>>;
  /** Energy the measurement itself used; defaults to report.meter.energyJ. */
  overheadEnergyJ?: number | null;
  /** Upper bound on the rendered length in UTF-16 code units. */
  maxLength?: number;
}

export interface CommentInput extends RenderInput {
  /** Tells this comment apart from other sci-gate comments on the same pull request (config comment.id). */
  commentId: string;
}

/** The scenario whose figure leads the comment: the configured headline, else the first. */
export function selectHeadlineScenario(comparison: Comparison): ScenarioDiff | null {
  const named = comparison.headline === null ? undefined : comparison.scenarios.find((s) => s.name === comparison.headline);
  return named ?? comparison.scenarios[0] ?? null;
}

export function findVolume(config: Config | undefined, scenario: string): Volume | null {
  return config?.scenarios.find((s) => s.name === scenario)?.volume ?? null;
}

/** The machine a scenario ran on: its own when the report was merged from shards, else the report's. */
export function findMachine(report: Report | undefined, scenario: string): Machine | null {
  if (report === undefined) return null;
  return report.scenarios.find((s) => s.name === scenario)?.machine ?? report.machine;
}

export function resolveOverheadEnergyJ(input: RenderInput): number | null {
  if (input.overheadEnergyJ !== undefined) return input.overheadEnergyJ;
  return input.report?.meter.energyJ ?? null;
}
