import { GitHubError } from "./github-error.js";
import { type TimeBudget, TimeBudgetSpentError, unlimitedTimeBudget } from "./time-budget.js";

/**
 * Downloads an artifact's zip from the storage URL GitHub redirected to. The request carries no
 * Authorization header (the URL is pre-signed; the token must never travel to a storage host),
 * and the body is read only up to the limit, so an oversized artifact costs no more than that.
 */
export interface BoundedDownloadOptions {
  fetch: typeof globalThis.fetch;
  maxBytes: number;
  timeoutMs: number;
  retries: number;
  retryDelayUnitMs: number;
  /** Named in messages, e.g. `artifact 42 "sci-gate-report"`. */
  subject: string;
  /** The run's allowance for GitHub calls; the storage download counts against it too. */
  timeBudget?: TimeBudget;
}

const operation = "downloadArtifactZip";

/** The URL without its query: a pre-signed storage URL's query is a credential. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return "(an invalid URL)";
  }
}

function tooLarge(options: BoundedDownloadOptions, got: string): GitHubError {
  return new GitHubError({
    code: "too-large",
    status: null,
    operation,
    message: `${options.subject} is ${got}, over the limit of ${options.maxBytes} bytes; refused without reading it (raise max-artifact-bytes if the report is genuinely that large)`,
  });
}

/** Reads a body chunk by chunk, giving up as soon as it passes maxBytes. */
export async function readBoundedBody(response: Response, options: BoundedDownloadOptions): Promise<Uint8Array> {
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > options.maxBytes) {
    await response.body?.cancel();
    throw tooLarge(options, `${declared} bytes`);
  }
  if (response.body === null) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > options.maxBytes) {
      await reader.cancel();
      throw tooLarge(options, `more than ${options.maxBytes} bytes`);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function downloadBounded(url: string, options: BoundedDownloadOptions): Promise<Uint8Array> {
  const where = describeUrl(url);
  const budget = options.timeBudget ?? unlimitedTimeBudget;
  const spent = () =>
    new GitHubError({ code: "time-budget", status: null, operation, message: `sci-gate could not download ${options.subject}: ${new TimeBudgetSpentError(budget.totalMs).message}` });
  let lastProblem = "";
  for (let attempt = 0; attempt <= options.retries; attempt++) {
    if (attempt > 0) await sleep(Math.min(attempt * attempt * options.retryDelayUnitMs, budget.remainingMs()));
    const left = budget.remainingMs();
    if (left <= 0) throw spent();
    let response: Response;
    try {
      response = await options.fetch(url, { redirect: "follow", signal: AbortSignal.timeout(Math.max(1, Math.min(options.timeoutMs, left))) });
    } catch (error) {
      const cause = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
      lastProblem = `the download from ${where} failed (${cause})`;
      continue;
    }
    if (response.status >= 500) {
      await response.body?.cancel();
      lastProblem = `the storage at ${where} answered ${response.status}`;
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new GitHubError({
        code: "http",
        status: response.status,
        operation,
        message: `sci-gate could not download ${options.subject}: the storage at ${where} answered ${response.status}; the artifact may have expired, re-run the workflow that produced it`,
      });
    }
    try {
      return await readBoundedBody(response, options);
    } catch (error) {
      if (error instanceof GitHubError) throw error;
      lastProblem = `reading the download from ${where} failed (${error instanceof Error ? error.message : String(error)})`;
    }
  }
  throw new GitHubError({
    code: "network",
    status: null,
    operation,
    message: `sci-gate could not download ${options.subject}: ${lastProblem}, after ${options.retries} retries; re-run the job`,
  });
}
