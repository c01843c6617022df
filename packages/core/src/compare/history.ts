import type { Assumptions, Report } from "../schema/report.js";
import { scoreRuns } from "./summarise.js";

export interface SciHistoryPoint {
  label: string;
  sciGPerUnit: number;
}

/**
 * SCI per unit of each scenario across past reports (e.g. the last main-branch runs), oldest
 * first, for the trend chart. Every point is recomputed under one set of assumptions — the
 * comparison's — so the trend shows the code changing, not the grid data or the PUE.
 */
export function collectSciHistory(reports: readonly Report[], assumptions: Assumptions): Record<string, SciHistoryPoint[]> {
  const history: Record<string, SciHistoryPoint[]> = Object.create(null);
  const ordered = [...reports].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  for (const report of ordered) {
    const sha = report.revisions.head?.sha ?? report.revisions.base?.sha ?? null;
    const label = sha ? sha.slice(0, 7) : report.createdAt.slice(0, 10);
    for (const scenario of report.scenarios) {
      const revision = scenario.runs.some((r) => r.revision === "head") ? "head" : "base";
      const { scored } = scoreRuns(
        scenario.runs.filter((r) => r.revision === revision),
        assumptions,
      );
      if (scored.length === 0) continue;
      const sciGPerUnit = Math.exp(scored.reduce((sum, s) => sum + Math.log(s.sci.sciGPerUnit), 0) / scored.length);
      const points = history[scenario.name] ?? [];
      points.push({ label, sciGPerUnit });
      history[scenario.name] = points;
    }
  }
  return history;
}
