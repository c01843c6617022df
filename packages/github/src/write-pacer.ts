/**
 * GitHub asks integrations to leave about a second between write requests to stay clear of its
 * secondary rate limits; @octokit/plugin-throttling does that with Bottleneck groups that are
 * shared by the whole process and fixed at 1 s (3 s for notifying writes). This stand-in paces
 * one port's writes at an interval we choose, so tests can run at full speed. The plugin only
 * ever calls `key(id).schedule(options, fn, ...args)` on a group.
 */
export interface PacedLimiter {
  schedule<A extends unknown[], R>(options: unknown, fn: (...args: A) => R | Promise<R>, ...args: A): Promise<R>;
}

export interface PacedGroup {
  key(id?: string): PacedLimiter;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs scheduled jobs one at a time, starting each at least `minIntervalMs` after the previous one started. */
export function createPacedGroup(minIntervalMs: number): PacedGroup {
  let nextStartAt = 0;
  let queue: Promise<unknown> = Promise.resolve();
  const limiter: PacedLimiter = {
    schedule(_options, fn, ...args) {
      const job = queue.then(async () => {
        const wait = nextStartAt - Date.now();
        if (wait > 0) await sleep(wait);
        nextStartAt = Date.now() + minIntervalMs;
        return fn(...args);
      });
      // A failed job must not stall the ones behind it; its caller still sees the failure.
      queue = job.catch(() => undefined);
      return job;
    },
  };
  return { key: () => limiter };
}
