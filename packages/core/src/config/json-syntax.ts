/**
 * Where a JSON text stops being JSON, and what is there, in words that echo nothing of the input
 * but one character: V8's own messages quote a stretch of the text (which for an untrusted report
 * may hold terminal escapes) and often give no position at all.
 */
export interface JsonSyntaxProblem {
  offset: number;
  line: number;
  column: number;
  message: string;
}

const whitespace = new Set([" ", "\t", "\n", "\r"]);
const escapes = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);
const numberPattern = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Offset of the first character that makes `text` invalid JSON; -1 when it is valid. Iterative, linear. */
export function findJsonErrorOffset(text: string): number {
  const n = text.length;
  let i = 0;
  const stack: Array<"object" | "array"> = [];
  let expect: "value" | "key" | "after" = "value";
  const skipWhitespace = () => {
    while (i < n && whitespace.has(text[i]!)) i++;
  };
  const readString = (): boolean => {
    i++;
    while (i < n) {
      const code = text.charCodeAt(i);
      if (code === 0x22) {
        i++;
        return true;
      }
      if (code < 0x20) return false;
      if (code === 0x5c) {
        const escaped = text[i + 1];
        if (escaped === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return false;
          i += 6;
        } else if (escaped !== undefined && escapes.has(escaped)) i += 2;
        else return false;
        continue;
      }
      i++;
    }
    return false;
  };
  for (;;) {
    skipWhitespace();
    if (expect === "value") {
      if (i >= n) return i;
      const c = text[i]!;
      if (c === "{" || c === "[") {
        stack.push(c === "{" ? "object" : "array");
        i++;
        skipWhitespace();
        if (text[i] === (c === "{" ? "}" : "]")) {
          i++;
          stack.pop();
          expect = "after";
        } else expect = c === "{" ? "key" : "value";
        continue;
      }
      if (c === '"') {
        if (!readString()) return i;
        expect = "after";
        continue;
      }
      const literal = ["true", "false", "null"].find((word) => text.startsWith(word, i));
      if (literal !== undefined) {
        i += literal.length;
        expect = "after";
        continue;
      }
      numberPattern.lastIndex = i;
      const number = numberPattern.exec(text);
      if (number === null) return i;
      i += number[0].length;
      expect = "after";
      continue;
    }
    if (expect === "key") {
      if (text[i] !== '"' || !readString()) return i;
      skipWhitespace();
      if (text[i] !== ":") return i;
      i++;
      expect = "value";
      continue;
    }
    const top = stack[stack.length - 1];
    if (top === undefined) return i < n ? i : -1;
    if (i >= n) return i;
    if (text[i] === ",") {
      i++;
      expect = top === "object" ? "key" : "value";
      continue;
    }
    if (text[i] === (top === "object" ? "}" : "]")) {
      i++;
      stack.pop();
      continue;
    }
    return i;
  }
}

/** The problem at the first invalid character of a text JSON.parse refused. */
export function describeJsonSyntaxError(text: string): JsonSyntaxProblem {
  let offset = findJsonErrorOffset(text);
  if (offset < 0) offset = 0;
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  const column = offset - lineStart + 1;
  let what: string;
  if (offset >= text.length) what = text.trim() === "" ? "the file is empty" : "the text ends early (a truncated file?)";
  else {
    const constant = ["NaN", "-Infinity", "Infinity"].find((word) => text.startsWith(word, offset));
    if (constant !== undefined) what = `found ${constant}, which JSON does not allow (a report holds finite numbers only)`;
    else {
      const code = text.codePointAt(offset)!;
      const shown = code < 0x20 || (code >= 0x7f && code <= 0x9f) || (code >= 0x202a && code <= 0x202e) ? `U+${code.toString(16).toUpperCase().padStart(4, "0")}` : String.fromCodePoint(code);
      what = `unexpected ${JSON.stringify(shown)}`;
    }
  }
  return { offset, line, column, message: `line ${line}, column ${column}: ${what}` };
}
