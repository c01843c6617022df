import { readFile } from "node:fs/promises";

/** What every sampler returns when its source cannot be used: a sentence a report can show as is. */
export interface Unavailable {
  readonly available: false;
  readonly reason: string;
}

export type ReadTextResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly code: string; readonly reason: string };

/** A one-line, user-facing description of a failed read, keyed on the errno code. */
export function describeReadError(error: unknown, path: string): { code: string; reason: string } {
  const code =
    typeof error === "object" && error !== null && "code" in error && typeof error.code === "string"
      ? error.code
      : "UNKNOWN";
  switch (code) {
    case "ENOENT":
      return { code, reason: `${path} does not exist` };
    case "EACCES":
    case "EPERM":
      return { code, reason: `permission denied reading ${path}` };
    case "ESRCH":
      // /proc/<pid>/* of a process that exited between listing and reading.
      return { code, reason: `${path} vanished (process exited)` };
    default: {
      const message = error instanceof Error ? error.message : String(error);
      return { code, reason: `cannot read ${path}: ${message}` };
    }
  }
}

/**
 * Read a small text file and never throw: /proc and sysfs entries disappear (processes exit,
 * devices go away) and that is an ordinary outcome for a sampler, not an exception.
 */
export async function readText(path: string): Promise<ReadTextResult> {
  try {
    return { ok: true, text: await readFile(path, "utf8") };
  } catch (error) {
    return { ok: false, ...describeReadError(error, path) };
  }
}

/** Parse a whole decimal integer (sysfs counters, /proc fields); null for anything else. */
export function parseCount(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isSafeInteger(value) ? value : null;
}
