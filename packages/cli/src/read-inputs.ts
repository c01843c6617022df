import { open } from "node:fs/promises";
import { resolve } from "node:path";
import { type Config, decodeUtf8, maxConfigBytes, maxReportBytes, parseConfig, parseReport, type Report } from "@sci-gate/core";
import { CliError, createInputError, createIssuesError } from "./cli-error.js";

/** Why a file could not be read, in words, from the fs error code. */
function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "it is a directory, expected a file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  return error instanceof Error ? error.message : String(error);
}

/**
 * Reads a user's file as UTF-8 text, refusing it before reading when it is larger than core
 * accepts (a report downloaded from a fork could be gigabytes). Errors name the file as given.
 */
export async function readTextFile(cwd: string, file: string, limitBytes: number, what: string, display: string = file): Promise<string> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(resolve(cwd, file), "r");
    const stats = await handle.stat();
    if (stats.isDirectory()) throw Object.assign(new Error("directory"), { code: "EISDIR" });
    if (stats.size > limitBytes) throw createInputError(`${display}: expected ${what} of at most ${limitBytes} bytes, got ${stats.size}`);
    const bytes = await handle.readFile();
    const decoded = decodeUtf8(bytes, display);
    if (!decoded.ok) throw createIssuesError(decoded.errors);
    return decoded.value;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw createInputError(`${display}: cannot read ${what}: ${describeFsError(error)}`);
  } finally {
    await handle?.close();
  }
}

export interface LoadedConfig {
  config: Config;
  text: string;
  /** Absolute path. */
  path: string;
  /** As the user wrote it, for messages. */
  display: string;
}

export const defaultConfigFile = "sci-gate.yml";

/** Reads and validates sci-gate.yml; every problem comes back as file:line path: message. */
export async function loadConfigFile(cwd: string, file: string | undefined): Promise<LoadedConfig> {
  const display = file ?? defaultConfigFile;
  let text: string;
  try {
    text = await readTextFile(cwd, display, maxConfigBytes, "a config");
  } catch (error) {
    if (file === undefined && error instanceof Error && /no such file/.test(error.message)) {
      throw createInputError(`${display}: no such file; pass --config F, or run "sci-gate init" to write a starter config`);
    }
    throw error;
  }
  const parsed = parseConfig(text, display);
  if (!parsed.ok) throw createIssuesError(parsed.errors);
  return { config: parsed.value, text, path: resolve(cwd, display), display };
}

/** Reads and validates a report file (untrusted: it may come from another job or a fork). */
export async function loadReportFile(cwd: string, file: string): Promise<Report> {
  const text = await readTextFile(cwd, file, maxReportBytes, "a report");
  const parsed = parseReport(text, file);
  if (!parsed.ok) throw createIssuesError(parsed.errors);
  return parsed.value;
}
