import type { z } from "zod";
import { findClosest } from "../text/closest.js";
import { describeValue, formatPath, type InputIssue, quoteText } from "./issues.js";
import { findKnownKeys } from "./known-keys.js";
import { describeZodIssue } from "./plain-zod-message.js";

export interface Locator {
  /** Line and column of the node at `path` (or of the key `key` inside it), when known. */
  locate(path: readonly PropertyKey[], key?: string): { line: number; column: number } | null;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node: unknown = root;
  for (const segment of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<PropertyKey, unknown>)[segment as string];
  }
  return node;
}

/**
 * No one reads past the first screenful; locating each issue walks the document, so a hostile
 * input with tens of thousands of unknown keys would otherwise cost quadratic time.
 */
export const maxIssues = 50;

/**
 * Turns zod's issues into messages a user can act on: the line, the path, what was expected
 * and what was found, with the closest known key for a misspelt one. Identical issues (zod
 * reports `2.5` as both not whole and, say, out of range with the same wording) appear once.
 */
export function convertZodIssues(
  error: z.ZodError,
  input: unknown,
  schema: z.core.$ZodType,
  file: string,
  locator: Locator | null,
): InputIssue[] {
  const out: InputIssue[] = [];
  const seen = new Set<string>();
  const push = (issue: InputIssue) => {
    const key = `${issue.path}\u0000${issue.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(issue);
  };
  for (const issue of error.issues) {
    if (out.length >= maxIssues) break;
    const path = issue.path;
    if (issue.code === "unrecognized_keys") {
      const known = findKnownKeys(schema, path);
      for (const key of issue.keys.slice(0, maxIssues - out.length)) {
        const suggestion = findClosest(key, known, 1)[0];
        const hint = suggestion ? ` (did you mean "${suggestion}"?)` : known.length > 0 ? ` (known keys: ${known.join(", ")})` : "";
        const where = locator?.locate(path, key) ?? null;
        push({
          file,
          line: where?.line ?? null,
          column: where?.column ?? null,
          path: formatPath([...path, key]),
          message: `unknown key ${quoteText(key)}${hint}`,
        });
      }
      continue;
    }
    const value = valueAt(input, path);
    const where = locator?.locate(path) ?? null;
    // zod's own wording ("Invalid input: expected object, received number") never reaches a user.
    let message = describeZodIssue(issue, schema) ?? issue.message;
    if (issue.code !== "custom") {
      message = value === undefined ? `missing; ${message}` : `${message}, got ${describeValue(value)}`;
    }
    push({ file, line: where?.line ?? null, column: where?.column ?? null, path: formatPath(path), message });
  }
  return out;
}
