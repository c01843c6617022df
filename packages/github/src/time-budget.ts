/**
 * One action run's allowance of wall-clock time for GitHub calls. Each call may take several
 * attempts (60 s each) and backoffs, and a rate limit may ask for minutes; without an overall
 * bound a stalled API would outlast the job's `timeout-minutes` and the runner would kill the
 * step before the verdict decides. Once spent, every further call fails at once with
 * TimeBudgetSpentError, so the action warns and exits by its verdict instead.
 */
export interface TimeBudget {
  /** The whole allowance, in milliseconds. */
  readonly totalMs: number;
  /** What is left, never below 0. */
  remainingMs(): number;
}

export function createTimeBudget(totalMs: number, now: () => number = Date.now): TimeBudget {
  const endsAt = now() + totalMs;
  return {
    totalMs,
    remainingMs: () => Math.max(0, endsAt - now()),
  };
}

/** An allowance that never runs out, for callers that bound time themselves. */
export const unlimitedTimeBudget: TimeBudget = { totalMs: Number.POSITIVE_INFINITY, remainingMs: () => Number.POSITIVE_INFINITY };

/** Thrown instead of making a request once the budget is spent; never retried. */
export class TimeBudgetSpentError extends Error {
  constructor(totalMs: number) {
    super(`sci-gate's time budget for GitHub calls (${formatSeconds(totalMs)} per run) is spent: GitHub is slow or stalled (https://www.githubstatus.com); re-run the job`);
    this.name = "TimeBudgetSpentError";
  }
}

function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}
