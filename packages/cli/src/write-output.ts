import { resolve } from "node:path";
import type { Report } from "@sci-gate/core";
import { writeFileAtomic } from "@sci-gate/meter";
import { createInputError } from "./cli-error.js";

export const defaultReportFile = "sci-gate-report.json";

export function serialiseReport(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** Writes atomically (a reader never sees half a report); a failure names the file, exit 2. */
export async function writeOutputFile(cwd: string, file: string, content: string): Promise<void> {
  try {
    await writeFileAtomic(resolve(cwd, file), content);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const why = code === "EACCES" || code === "EPERM" ? "permission denied" : code === "EISDIR" ? "it is a directory" : error instanceof Error ? error.message : String(error);
    throw createInputError(`${file}: cannot write: ${why}`);
  }
}
