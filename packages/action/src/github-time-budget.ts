import { defaultGitHubTimeBudgetMs } from "@sci-gate/github";

/** Overrides the run's time budget for GitHub calls, in seconds (tests shrink it; a slow GitHub Enterprise may raise it). */
export const timeBudgetVariable = "SCI_GATE_GITHUB_TIME_BUDGET_S";

/** The budget from the environment, or the default (5 minutes); a value that is not a positive number of seconds is refused. */
export function readGitHubTimeBudget(env: Readonly<Record<string, string | undefined>>): { ok: true; ms: number } | { ok: false; message: string } {
  const raw = env[timeBudgetVariable]?.trim();
  if (raw === undefined || raw === "") return { ok: true, ms: defaultGitHubTimeBudgetMs };
  const seconds = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || !(seconds > 0) || seconds > 86_400) {
    return { ok: false, message: `environment ${timeBudgetVariable}: expected a number of seconds between 0 and 86400, got ${JSON.stringify(raw)}` };
  }
  return { ok: true, ms: Math.round(seconds * 1000) };
}
