import { open } from "node:fs/promises";
import { decodeUtf8, describeJsonSyntaxError, formatIssue } from "@sci-gate/core";
import { ActionInputError } from "./measure.js";

/** GitHub caps webhook payloads at 25 MB; the runner writes the event there, so anything larger is not one. */
export const maxEventBytes = 25 * 1024 * 1024;

/**
 * Reads the event payload the runner wrote to GITHUB_EVENT_PATH. A missing, oversized, non-UTF-8
 * or non-JSON file is an input error naming the file (exit 2), never an unexplained crash.
 */
export async function readEventFile(path: string | undefined): Promise<unknown> {
  if (!path) return null;
  let bytes: Uint8Array;
  try {
    const handle = await open(path, "r");
    try {
      const size = (await handle.stat()).size;
      if (size > maxEventBytes) throw new ActionInputError(`${path} (event payload): expected at most ${maxEventBytes} bytes, got ${size}`);
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof ActionInputError) throw error;
    throw new ActionInputError(`${path} (event payload): cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const decoded = decodeUtf8(bytes, `${path} (event payload)`);
  if (!decoded.ok) throw new ActionInputError(decoded.errors.map(formatIssue).join("\n"));
  try {
    return JSON.parse(decoded.value);
  } catch {
    const problem = describeJsonSyntaxError(decoded.value);
    // One shape for every message about the payload: "<file> (event payload)[:line] …", as formatIssue writes it.
    throw new ActionInputError(
      formatIssue({ file: `${path} (event payload)`, line: problem.line, column: null, path: "", message: `expected the JSON GitHub writes, but it does not parse at ${problem.message}` }),
    );
  }
}
