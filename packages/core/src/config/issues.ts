/** One problem with a user's input, located precisely enough to fix without guessing. */
export interface InputIssue {
  file: string;
  /** 1-based line in the file, when the input format has lines we could map to. */
  line: number | null;
  column: number | null;
  /** Path inside the document, e.g. `budgets[0].maxIncreasePct.fail`; empty for the whole document. */
  path: string;
  message: string;
}

export type ParseResult<T> = { ok: true; value: T; warnings: InputIssue[] } | { ok: false; errors: InputIssue[] };

/** C1 controls and bidi overrides, which JSON.stringify leaves raw, as \u escapes. */
function escapeInvisible(json: string): string {
  return json.replace(/[\u007f-\u009f\u200e\u200f\u2028-\u202e\u2066-\u2069]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * Text from the input, quoted for a message: JSON escapes plus the invisible characters JSON
 * leaves raw, so an untrusted key or value can neither drive a terminal nor reorder what a
 * reader sees.
 */
export function quoteText(text: string): string {
  return escapeInvisible(JSON.stringify(text));
}

/** Keys we know are identifiers; anything else (an unknown key from the input) is shown quoted. */
const plainKey = /^[A-Za-z_$][\w$-]*$/;

export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (!plainKey.test(String(segment))) out += `[${quoteText(String(segment))}]`;
    else out += out === "" ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

/** `sci-gate.yml:14 budgets[0].maxIncreasePct.fail: expected …` */
export function formatIssue(issue: InputIssue): string {
  const where = issue.line === null ? issue.file : `${issue.file}:${issue.line}`;
  return issue.path === "" ? `${where}: ${issue.message}` : `${where} ${issue.path}: ${issue.message}`;
}

/** Short, single-line rendering of an offending value for "got …". */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return `a list of ${value.length}`;
  // YAML's !!binary reads as bytes: their JSON ({"type":"Buffer","data":[…]}) means nothing to a user.
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) return "binary data";
  if (typeof value === "string") {
    const shown = value.length > 40 ? `${value.slice(0, 37)}…` : value;
    return quoteText(shown);
  }
  if (typeof value === "object") {
    let json: string;
    try {
      json = JSON.stringify(value);
    } catch {
      json = "an object";
    }
    return escapeInvisible(json.length > 40 ? `${json.slice(0, 37)}…` : json);
  }
  return String(value);
}
