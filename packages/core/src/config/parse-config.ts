import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document } from "yaml";
import { type Config, configSchema } from "../schema/config.js";
import type { InputIssue, ParseResult } from "./issues.js";
import { convertZodIssues, type Locator } from "./zod-issues.js";

/** A config is a page of YAML; anything larger is a mistake or an attack, not a config. */
export const maxConfigBytes = 1024 * 1024;
/** yaml's own default; stated here because alias bombs ("billion laughs") are refused by it. */
const maxAliasCount = 100;

function lineLocator(doc: Document, lineCounter: LineCounter): Locator {
  const at = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  return {
    locate(path, key) {
      // Walk down as far as the document goes; a missing key is reported at its parent.
      for (let depth = path.length; depth >= 0; depth--) {
        const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth) as unknown[], true);
        if (node === undefined || node === null) continue;
        if (key !== undefined && depth === path.length && isMap(node)) {
          const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === key);
          if (pair && isScalar(pair.key) && pair.key.range) return at(pair.key.range[0]);
        }
        const range = (node as { range?: [number, number, number] }).range;
        if (range) return at(range[0]);
      }
      return null;
    },
  };
}

/**
 * The 1-based line of a path in a config text (e.g. ["budgets", 0]), for check-run annotations
 * that point at the budget which decided; null when the text does not contain it.
 */
export function findConfigLine(text: string, path: readonly (string | number)[]): number | null {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) return null;
  return lineLocator(doc, lineCounter).locate(path)?.line ?? null;
}

/** Parses sci-gate.yml text. Every error names the file, the line and the path inside it. */
export function parseConfig(text: string, file = "sci-gate.yml"): ParseResult<Config> {
  const issue = (message: string, line: number | null = null, column: number | null = null): InputIssue => ({
    file,
    line,
    column,
    path: "",
    message,
  });
  if (text.length > maxConfigBytes) {
    return { ok: false, errors: [issue(`expected a config of at most ${maxConfigBytes} bytes, got ${text.length}`)] };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        const firstLine = e.message.split("\n")[0] ?? e.message;
        return issue(`invalid YAML: ${firstLine}`, pos.line, pos.col);
      }),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount });
  } catch (error) {
    // yaml throws a ReferenceError for alias expansion beyond maxAliasCount.
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, errors: [issue(`refused YAML aliases: ${reason}`)] };
  }
  if (data === null || data === undefined) {
    return { ok: false, errors: [issue("expected a config document with version: 1 and scenarios, got an empty file")] };
  }
  if (typeof data !== "object" || Array.isArray(data)) {
    return { ok: false, errors: [issue("expected a mapping at the top level (version, scenarios, budgets …)", 1, 1)] };
  }
  const parsed = configSchema.safeParse(data);
  if (!parsed.success) {
    return { ok: false, errors: convertZodIssues(parsed.error, data, configSchema, file, lineLocator(doc, lineCounter)) };
  }
  return { ok: true, value: parsed.data, warnings: [] };
}
