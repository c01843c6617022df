import { isAlias, isMap, isPair, isScalar, LineCounter, parseDocument, visit, type Document } from "yaml";
import { type Config, configSchema } from "../schema/config.js";
import { checkConfig, type ConfigFinding } from "./check-config.js";
import { formatPath, type InputIssue, type ParseResult } from "./issues.js";
import { findYamlExcess } from "./yaml-limits.js";
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

/** 1-based line of a character offset, counting only up to it (cheap on a huge text). */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

interface StructureProblem {
  offset: number;
  message: string;
}

/**
 * What yaml accepts but a config must not hold, found in one walk: duplicate keys (yaml's own
 * uniqueKeys check compares every pair, quadratic in a map's size, so it is done here with a
 * set), keys that are collections, and the first alias (to locate a refused alias expansion).
 */
function checkStructure(doc: Document): { problems: StructureProblem[]; aliases: { offset: number; source: string }[] } {
  const problems: StructureProblem[] = [];
  const aliases: { offset: number; source: string }[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        const key = pair.key;
        const offset = (key as { range?: [number, number, number] } | null)?.range?.[0] ?? map.range?.[0] ?? 0;
        if (key !== null && !isScalar(key) && !isAlias(key)) {
          problems.push({ offset, message: "invalid YAML: expected a plain key, got a list or mapping used as a key" });
          continue;
        }
        const name = isScalar(key) ? String(key.value) : isAlias(key) ? `*${key.source}` : "";
        if (seen.has(name)) problems.push({ offset, message: `invalid YAML: Map keys must be unique ("${name.length > 40 ? `${name.slice(0, 37)}…` : name}" is repeated)` });
        seen.add(name);
      }
    },
    Alias(_, alias) {
      if (aliases.length < 100) aliases.push({ offset: alias.range?.[0] ?? 0, source: alias.source });
    },
  });
  return { problems, aliases };
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
    return { ok: false, errors: [issue(`expected a config of at most ${maxConfigBytes} bytes, got ${text.length}`, lineAt(text, maxConfigBytes))] };
  }
  const excess = findYamlExcess(text);
  if (excess !== null) {
    const line = lineAt(text, excess.offset);
    return { ok: false, errors: [issue(excess.message, line)] };
  }
  const lineCounter = new LineCounter();
  // uniqueKeys is checked by checkStructure, in linear time.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false, strict: true });
  const position = (offset: number) => lineCounter.linePos(offset);
  if (doc.errors.length > 0) {
    return {
      ok: false,
      // The first errors locate the problem; the rest are usually its echoes.
      errors: doc.errors.slice(0, 20).map((e) => {
        const pos = position(e.pos[0]);
        // yaml's own text for this one is advice to the programmer ("please use YAML.parseAllDocuments()").
        if (e.code === "MULTIPLE_DOCS") {
          return issue(`invalid YAML: expected one YAML document, found a second at line ${pos.line} (a config cannot hold multiple documents; remove the "---" and what follows, or merge them)`, pos.line, pos.col);
        }
        const firstLine = e.message.split("\n")[0] ?? e.message;
        return issue(`invalid YAML: ${firstLine}`, pos.line, pos.col);
      }),
    };
  }
  const structure = checkStructure(doc);
  if (structure.problems.length > 0) {
    return { ok: false, errors: structure.problems.slice(0, 20).map((p) => issue(p.message, position(p.offset).line, position(p.offset).col)) };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount });
  } catch (error) {
    // yaml throws a ReferenceError for alias expansion beyond maxAliasCount, or for an alias
    // without its anchor: point at that alias, else at the first one.
    const reason = error instanceof Error ? error.message : String(error);
    const named = /: (\S+)$/.exec(reason)?.[1];
    const alias = structure.aliases.find((a) => a.source === named) ?? structure.aliases[0];
    const pos = alias === undefined ? { line: 1, col: 1 } : position(alias.offset);
    return { ok: false, errors: [issue(`refused YAML aliases: ${reason}`, pos.line, pos.col)] };
  }
  if (data === null || data === undefined) {
    return { ok: false, errors: [issue("expected a config document with version: 1 and scenarios, got an empty file", 1, 1)] };
  }
  if (typeof data !== "object" || Array.isArray(data)) {
    return { ok: false, errors: [issue("expected a mapping at the top level (version, scenarios, budgets …)", 1, 1)] };
  }
  const parsed = configSchema.safeParse(data);
  const locator = lineLocator(doc, lineCounter);
  if (!parsed.success) {
    return { ok: false, errors: convertZodIssues(parsed.error, data, configSchema, file, locator) };
  }
  const checked = checkConfig(parsed.data, data);
  const located = (finding: ConfigFinding): InputIssue => {
    const where = locator.locate(finding.path);
    return { file, line: where?.line ?? null, column: where?.column ?? null, path: formatPath(finding.path), message: finding.message };
  };
  if (checked.errors.length > 0) return { ok: false, errors: checked.errors.map(located) };
  return { ok: true, value: parsed.data, warnings: checked.warnings.map(located) };
}
