import type { Locator } from "./zod-issues.js";

const whitespace = new Set([" ", "\t", "\n", "\r"]);

/**
 * Finds where a path lies in a JSON text that JSON.parse accepted, so report errors can name a
 * line (`report.json:103 scenarios[0].runs[2].energyJ.total: …`). Each lookup walks down the
 * path only, skipping sibling values without building anything, so it costs one pass over the
 * text at most and no memory, whatever the report's size; nesting is skipped by counting
 * brackets, not by recursion. A missing key is reported at its parent, as for YAML configs.
 */
export function createJsonLocator(text: string): Locator {
  const skipWhitespace = (i: number) => {
    while (i < text.length && whitespace.has(text[i]!)) i++;
    return i;
  };
  /** Offset just past the string starting at `i` (a `"`). */
  const endOfString = (i: number) => {
    let j = i + 1;
    for (;;) {
      const quote = text.indexOf('"', j);
      if (quote === -1) return text.length;
      let backslashes = 0;
      for (let k = quote - 1; text[k] === "\\"; k--) backslashes++;
      if (backslashes % 2 === 0) return quote + 1;
      j = quote + 1;
    }
  };
  /** Offset just past the value starting at `i`. */
  const endOfValue = (i: number) => {
    const c = text[i];
    if (c === '"') return endOfString(i);
    if (c !== "{" && c !== "[") {
      let j = i;
      while (j < text.length && !whitespace.has(text[j]!) && text[j] !== "," && text[j] !== "}" && text[j] !== "]") j++;
      return j;
    }
    let depth = 0;
    let j = i;
    while (j < text.length) {
      const d = text[j]!;
      if (d === '"') {
        j = endOfString(j);
        continue;
      }
      if (d === "{" || d === "[") depth++;
      else if (d === "}" || d === "]") {
        depth--;
        if (depth === 0) return j + 1;
      }
      j++;
    }
    return j;
  };
  /** The member `key` of the object at `i`: where its key and its value start. The last one wins, as in JSON.parse. */
  const findKey = (i: number, key: string): { keyAt: number; valueAt: number } | null => {
    let found: { keyAt: number; valueAt: number } | null = null;
    let j = skipWhitespace(i + 1);
    while (j < text.length && text[j] === '"') {
      const keyEnd = endOfString(j);
      const name = JSON.parse(text.slice(j, keyEnd)) as string;
      const valueAt = skipWhitespace(skipWhitespace(keyEnd) + 1);
      if (name === key) found = { keyAt: j, valueAt };
      j = skipWhitespace(endOfValue(valueAt));
      if (text[j] !== ",") break;
      j = skipWhitespace(j + 1);
    }
    return found;
  };
  const findIndex = (i: number, index: number): number => {
    let j = skipWhitespace(i + 1);
    if (text[j] === "]") return -1;
    for (let n = 0; j < text.length; n++) {
      if (n === index) return j;
      j = skipWhitespace(endOfValue(j));
      if (text[j] !== ",") return -1;
      j = skipWhitespace(j + 1);
    }
    return -1;
  };
  const position = (offset: number) => {
    let line = 1;
    let lineStart = 0;
    for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
      line++;
      lineStart = i + 1;
    }
    return { line, column: offset - lineStart + 1 };
  };
  return {
    locate(path, key) {
      let at = skipWhitespace(0);
      if (at >= text.length) return null;
      for (const segment of path) {
        const c = text[at];
        let next = -1;
        if (c === "{") next = findKey(at, String(segment))?.valueAt ?? -1;
        else if (c === "[" && typeof segment === "number") next = findIndex(at, segment);
        if (next === -1) return position(at);
        at = next;
      }
      if (key !== undefined && text[at] === "{") {
        const member = findKey(at, key);
        if (member !== null) return position(member.keyAt);
      }
      return position(at);
    },
  };
}
