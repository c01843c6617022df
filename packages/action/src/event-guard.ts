/**
 * @actions/github reads and JSON-parses GITHUB_EVENT_PATH as soon as it is imported (its global
 * `context`), so a truncated or non-UTF-8 payload crashed the bundle at load, with a stack trace
 * and exit 1, before any of our code ran. This module is imported first: it moves the path aside
 * while the libraries load (we never use their `context`), and index.ts puts it back and reads the
 * payload itself (readEventFile: exit 2, naming the file).
 */
export const eventPath: string | undefined = process.env.GITHUB_EVENT_PATH;
delete process.env.GITHUB_EVENT_PATH;

/** Puts the variable back for our own reader and for the suite's processes. */
export function restoreEventPath(): void {
  if (eventPath !== undefined) process.env.GITHUB_EVENT_PATH = eventPath;
}
