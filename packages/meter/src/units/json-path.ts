import { describeValue, findClosest } from "@sci-gate/core";

/**
 * A path into a JSON document, as users write it in sci-gate.yml: `results.total_tokens`,
 * `runs[0].tokens`, `runs.0.tokens` (the same thing: a digit-only key indexes a list), and
 * `["key.with.dots"]` for keys that contain the separators.
 */
export type JsonPathSegment = { readonly kind: "key"; readonly name: string } | { readonly kind: "index"; readonly index: number };

export type JsonPathParse = { readonly ok: true; readonly segments: readonly JsonPathSegment[] } | { readonly ok: false; readonly problem: string };

export type JsonPathLookup =
  | { readonly found: true; readonly value: unknown }
  /** `reason` says where the walk stopped and what was there instead. */
  | { readonly found: false; readonly reason: string };

const INDEX = /^(0|[1-9]\d*)$/;

/** Parse a path once, upfront, so a typo is reported before the suite runs for ten minutes. */
export function parseJsonPath(path: string): JsonPathParse {
  const segments: JsonPathSegment[] = [];
  let i = 0;
  const fail = (what: string): JsonPathParse => ({
    ok: false,
    problem: `${what} at character ${i + 1} of ${JSON.stringify(path)}; expected a dotted path such as results.total_tokens or runs[0].tokens`,
  });
  if (path.trim() === "") return { ok: false, problem: "empty path; expected a dotted path such as results.total_tokens or runs[0].tokens" };
  while (i < path.length) {
    const char = path[i];
    if (char === "[") {
      const close = path.indexOf("]", i);
      if (close === -1) return fail("unclosed [");
      const inside = path.slice(i + 1, close).trim();
      if (INDEX.test(inside)) {
        const index = Number(inside);
        if (!Number.isSafeInteger(index)) return fail("index too large");
        segments.push({ kind: "index", index });
      } else if (/^"(?:[^"\\]|\\.)*"$/.test(inside)) {
        let name: unknown;
        try {
          name = JSON.parse(inside);
        } catch {
          return fail("bad escape in quoted key");
        }
        segments.push({ kind: "key", name: String(name) });
      } else if (/^'[^']*'$/.test(inside)) {
        segments.push({ kind: "key", name: inside.slice(1, -1) });
      } else {
        return fail(`[${inside}] is neither an index nor a quoted key`);
      }
      i = close + 1;
      if (i < path.length && path[i] !== "." && path[i] !== "[") return fail(`unexpected ${JSON.stringify(path[i])} after ]`);
      if (path[i] === ".") {
        i++;
        if (i >= path.length) return fail("path ends with .");
      }
      continue;
    }
    let end = i;
    while (end < path.length && path[end] !== "." && path[end] !== "[") {
      if (path[end] === "]") {
        i = end;
        return fail("unexpected ]");
      }
      end++;
    }
    const name = path.slice(i, end);
    if (name === "") return fail("empty key");
    segments.push({ kind: "key", name });
    i = end;
    if (path[i] === ".") {
      i++;
      if (i >= path.length) return fail("path ends with .");
    }
  }
  return { ok: true, segments };
}

/** The canonical spelling used in messages: `runs.0.tokens` is shown as `runs[0].tokens`. */
export function formatJsonPath(segments: readonly JsonPathSegment[]): string {
  let out = "";
  for (const segment of segments) {
    if (segment.kind === "index") out += `[${segment.index}]`;
    else if (INDEX.test(segment.name)) out += `[${segment.name}]`;
    else if (segment.name === "" || /[.[\]"'\s]/.test(segment.name)) out += `[${JSON.stringify(segment.name)}]`;
    else out += out === "" ? segment.name : `.${segment.name}`;
  }
  return out;
}

/** Walk `segments` from `root`; on a miss, say which step failed and what the document held there. */
export function lookUpJsonPath(root: unknown, segments: readonly JsonPathSegment[]): JsonPathLookup {
  let current: unknown = root;
  for (let depth = 0; depth < segments.length; depth++) {
    const segment = segments[depth]!;
    const parent = depth === 0 ? "the top level" : formatJsonPath(segments.slice(0, depth));
    if (Array.isArray(current)) {
      const index = segment.kind === "index" ? segment.index : INDEX.test(segment.name) ? Number(segment.name) : null;
      if (index === null) {
        return { found: false, reason: `${parent} is a list, not an object; use an index such as ${formatJsonPath([...segments.slice(0, depth), { kind: "index", index: 0 }])}` };
      }
      if (index >= current.length) {
        return { found: false, reason: `${parent} has ${current.length} ${current.length === 1 ? "item" : "items"}` };
      }
      current = current[index];
    } else if (typeof current === "object" && current !== null) {
      const key = segment.kind === "index" ? String(segment.index) : segment.name;
      // Own keys only: a path must never reach Object.prototype ("constructor", "__proto__").
      if (!Object.hasOwn(current, key)) {
        const keys = Object.keys(current);
        const suggestions = findClosest(key, keys);
        const hint =
          suggestions.length > 0
            ? `; did you mean ${suggestions.map((s) => JSON.stringify(s)).join(" or ")}?`
            : keys.length === 0
              ? "; it is empty"
              : `; its keys: ${listKeys(keys)}`;
        return { found: false, reason: `${parent} has no key ${JSON.stringify(key)}${hint}` };
      }
      current = (current as Record<string, unknown>)[key];
    } else {
      return { found: false, reason: `${parent} is ${describeValue(current)}, not an object or a list` };
    }
  }
  return { found: true, value: current };
}

function listKeys(keys: readonly string[]): string {
  const shown = keys.slice(0, 8).join(", ");
  return keys.length > 8 ? `${shown}, … (${keys.length} in all)` : shown;
}
