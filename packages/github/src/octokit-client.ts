import { getOctokit } from "@actions/github";
import { retry } from "@octokit/plugin-retry";
import { throttling, type ThrottlingOptions } from "@octokit/plugin-throttling";
import type { Redactor } from "./redact.js";
import { type TimeBudget, TimeBudgetSpentError } from "./time-budget.js";
import { createPacedGroup } from "./write-pacer.js";

/** Where the adapter's progress and warnings go; @actions/core's functions fit. */
export interface GitHubLog {
  debug(message: string): void;
  info(message: string): void;
  warning(message: string): void;
}

export const silentLog: GitHubLog = { debug() {}, info() {}, warning() {} };

export interface ClientOptions {
  token: string;
  baseUrl: string;
  log: GitHubLog;
  redact: Redactor;
  /** Retries of a 5xx, a network failure or a timed-out attempt. */
  retries: number;
  /** Milliseconds per second of backoff: 1000 in production; tests shrink it. */
  retryDelayUnitMs: number;
  /** Retries of a rate-limited request (secondary 403/429, or the primary limit). */
  maxRateLimitRetries: number;
  /** The longest `retry-after` we wait for; a longer one fails with a clear error instead. */
  maxRetryAfterS: number;
  /** Time allowed for one attempt, answer body included. */
  attemptTimeoutMs: number;
  writeIntervalMs: number;
  /** The run's allowance for all GitHub calls together; each attempt and each rate-limit wait fits in what is left. */
  timeBudget: TimeBudget;
}

export type OctokitClient = ReturnType<typeof getOctokit>;

type WrappedRequest = (options: Record<string, unknown>) => Promise<unknown>;
interface HookableOctokit {
  hook: { wrap(name: "request", fn: (request: WrappedRequest, options: Record<string, unknown>) => Promise<unknown>): void };
}

/**
 * Gives every attempt its own deadline, cut to what is left of the run's time budget. Registered
 * before the retry plugin, its wrap runs inside the retry loop, once per attempt; a timed-out
 * attempt surfaces as a 500-like RequestError and is retried like any transient fault, and once
 * the budget is spent the next attempt throws TimeBudgetSpentError, which carries no request and
 * so is never retried. Octokit hands every wrap the same options object and ignores arguments
 * passed inward, so the signal is set on that object rather than on a copy.
 */
function attemptTimeout(timeoutMs: number, budget: TimeBudget) {
  return (octokit: unknown) => {
    (octokit as HookableOctokit).hook.wrap("request", (request, options) => {
      const left = budget.remainingMs();
      if (left <= 0) return Promise.reject(new TimeBudgetSpentError(budget.totalMs));
      options.request = { ...(options.request as Record<string, unknown> | undefined), signal: AbortSignal.timeout(Math.max(1, Math.min(timeoutMs, left))) };
      return request(options);
    });
  };
}

export function createOctokitClient(options: ClientOptions): OctokitClient {
  const { log, redact } = options;
  const limitHandler =
    (kind: string) =>
    (retryAfterS: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number): boolean => {
      const leftMs = options.timeBudget.remainingMs();
      const fitsBudget = retryAfterS * options.retryDelayUnitMs < leftMs;
      const willRetry = retryCount < options.maxRateLimitRetries && retryAfterS <= options.maxRetryAfterS && fitsBudget;
      const what = `${request.method} ${request.url}`;
      const budgetNote = fitsBudget ? "" : `; the time budget for GitHub calls has ${Math.floor(leftMs / 1000)} s left`;
      log.warning(
        redact(
          willRetry
            ? `GitHub ${kind} on ${what}: retrying in ${retryAfterS} s (retry ${retryCount + 1} of ${options.maxRateLimitRetries})`
            : `GitHub ${kind} on ${what}: not retrying (asked to wait ${retryAfterS} s; ${retryCount} retries done${budgetNote})`,
        ),
      );
      return willRetry;
    };
  // The plugin types want Bottleneck groups; ours honour the one method the plugin calls.
  type Group = NonNullable<Extract<ThrottlingOptions, { onRateLimit: unknown }>["write"]>;
  const throttle: ThrottlingOptions = {
    onRateLimit: limitHandler("rate limit"),
    onSecondaryRateLimit: limitHandler("secondary rate limit"),
    retryAfterBaseValue: options.retryDelayUnitMs,
    fallbackSecondaryRateRetryAfter: 60,
    write: createPacedGroup(options.writeIntervalMs) as unknown as Group,
    notifications: createPacedGroup(options.writeIntervalMs) as unknown as Group,
  };
  const octokitOptions: NonNullable<Parameters<typeof getOctokit>[1]> = {
    baseUrl: options.baseUrl,
    log: {
      debug: (message: string) => log.debug(redact(message)),
      info: (message: string) => log.debug(redact(message)),
      warn: (message: string) => log.warning(redact(message)),
      error: (message: string) => log.warning(redact(message)),
    },
    retry: {
      retries: options.retries,
      retryAfterBaseValue: options.retryDelayUnitMs,
      // 403 and 429 belong to the throttling plugin, which reads `retry-after`; client errors are final.
      doNotRetry: [400, 401, 403, 404, 409, 410, 422, 429, 451],
    },
    throttle,
  };
  return getOctokit(options.token, octokitOptions, attemptTimeout(options.attemptTimeoutMs, options.timeBudget), retry, throttling);
}
