import { readFile, stat } from "node:fs/promises";
import { describeValue } from "@sci-gate/core";
import { parseJsonText } from "./parse-json-text.js";

/**
 * Units files are small summaries; anything larger is a log or a dataset written to the wrong
 * path, and parsing it would hold the whole thing in memory several times over (text, tree).
 */
export const MAX_JSON_FILE_BYTES = 16 * 1024 * 1024;

/**
 * File systems with coarse timestamps (FAT, some network mounts: 1–2 s) can stamp a file
 * written just after the run started with a time just before it.
 */
const MTIME_TOLERANCE_MS = 2000;

export interface ReadUnitsFileOptions {
  /** What the file should hold, appended to every problem so the user knows what to write. */
  readonly expected: string;
  /** Refuse a file last modified before the run started: it is a previous run's, and its count would be wrong. */
  readonly runStartedAtMs?: number;
}

export type TextRead = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly problem: string };
export type JsonRead = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problem: string };

/** Read a units file as text, refusing what cannot be a units file before reading it all. */
export async function readUnitsText(filePath: string, options: ReadUnitsFileOptions): Promise<TextRead> {
  const fail = (what: string): TextRead => ({ ok: false, problem: `${what}; ${options.expected}` });
  let size: number;
  try {
    const info = await stat(filePath);
    if (info.isDirectory()) return fail("is a directory, not a file");
    if (!info.isFile()) return fail("is not a regular file");
    if (options.runStartedAtMs !== undefined && info.mtimeMs < options.runStartedAtMs - MTIME_TOLERANCE_MS) {
      return fail(
        `was last written at ${new Date(info.mtimeMs).toISOString()}, before this run started at ${new Date(options.runStartedAtMs).toISOString()}, so it holds an earlier run's count; the suite must write it on every run`,
      );
    }
    size = info.size;
  } catch (error) {
    return fail(describeFileError(error));
  }
  if (size > MAX_JSON_FILE_BYTES) return fail(`is ${formatMiB(size)}, over the 16 MiB limit for a units file`);
  let bytes: Buffer;
  try {
    bytes = await readFile(filePath);
  } catch (error) {
    return fail(describeFileError(error));
  }
  // It may have grown between stat and read (the suite still writing): check what was read.
  if (bytes.length > MAX_JSON_FILE_BYTES) return fail(`is ${formatMiB(bytes.length)}, over the 16 MiB limit for a units file`);
  return { ok: true, text: bytes.toString("utf8") };
}

/** Read and parse a units file; problems name what was found and what was expected. */
export async function readUnitsJson(filePath: string, options: ReadUnitsFileOptions): Promise<JsonRead> {
  const read = await readUnitsText(filePath, options);
  if (!read.ok) return read;
  return parseUnitsJson(read.text, options.expected);
}

/** Parse text already read; shared with readers that try another format first (llama-bench JSONL). */
export function parseUnitsJson(text: string, expected: string): JsonRead {
  if (text.trim() === "") return { ok: false, problem: `is empty; ${expected}` };
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    // The opening of the file says more than the parser's position: usually it is a log line
    // or a truncated write, and the user recognises either at a glance.
    return { ok: false, problem: `is not valid JSON (it starts with ${describeValue(text.trimStart().slice(0, 40))}); ${expected}` };
  }
  return { ok: true, value: parsed.value };
}

function describeFileError(error: unknown): string {
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  switch (code) {
    case "ENOENT":
      return "no such file";
    case "ENOTDIR":
      return "no such file (a parent is not a directory)";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "is a directory, not a file";
    default:
      return `cannot be read (${error instanceof Error ? error.message : String(error)})`;
  }
}

function formatMiB(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
