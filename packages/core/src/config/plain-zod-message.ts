import type { z } from "zod";

type AnySchema = z.core.$ZodType;
type Def = Record<string, unknown> & { type: string };

const defOf = (schema: AnySchema) => schema._zod.def as unknown as Def;

/** zod's own English messages ("Invalid input: expected object, received number"), as opposed to ours ("expected …"). */
const zodDefault = /^(Invalid|Too (small|big)|Unrecognized)\b/;

/** Wrappers our schemas use, unwrapped to the schema that decides the shape. */
function unwrap(schema: AnySchema, depth = 0): AnySchema[] {
  if (depth > 32) return [];
  const def = defOf(schema);
  switch (def.type) {
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
      return unwrap(def.innerType as AnySchema, depth + 1);
    case "pipe":
      return unwrap(def.in as AnySchema, depth + 1);
    case "union":
      return (def.options as AnySchema[]).flatMap((option) => unwrap(option, depth + 1));
    default:
      return [schema];
  }
}

/** The schemas that can sit at `path` in a document, unwrapped (several where a union allows). */
export function findSchemasAt(schema: AnySchema, path: readonly PropertyKey[]): AnySchema[] {
  let nodes = unwrap(schema);
  for (const segment of path) {
    const next: AnySchema[] = [];
    for (const node of nodes) {
      const def = defOf(node);
      if (def.type === "object") {
        const child = (def.shape as Record<string, AnySchema>)[String(segment)];
        if (child !== undefined && Object.hasOwn(def.shape as object, String(segment))) next.push(...unwrap(child));
      } else if (def.type === "array" && typeof segment === "number") next.push(...unwrap(def.element as AnySchema));
      else if (def.type === "record") next.push(...unwrap(def.valueType as AnySchema));
    }
    nodes = next;
    if (nodes.length === 0) return [];
  }
  return nodes;
}

function listKeys(node: AnySchema): string {
  const keys = Object.keys(defOf(node).shape as Record<string, unknown>);
  return keys.length > 12 ? `${keys.slice(0, 12).join(", ")}, …` : keys.join(", ");
}

/** "a mapping with keys a, b", "a list of numbers", "text" … for a schema node, in a user's words. */
function describeNode(node: AnySchema, plural: boolean, depth = 0): string {
  const def = defOf(node);
  const a = (singular: string, many: string) => (plural ? many : singular);
  switch (def.type) {
    case "object":
      return Object.keys(def.shape as object).length === 0 ? a("a mapping", "mappings") : `${a("a mapping", "mappings")} with keys ${listKeys(node)}`;
    case "array": {
      const element = unwrap(def.element as AnySchema)[0];
      return `${a("a list", "lists")} of ${element === undefined || depth > 2 ? "values" : describeNode(element, true, depth + 1)}`;
    }
    case "record": {
      const value = unwrap(def.valueType as AnySchema)[0];
      return `${a("a mapping", "mappings")} of names to ${value === undefined || depth > 2 ? "values" : describeNode(value, true, depth + 1)}`;
    }
    case "string":
      return a("text", "text values");
    case "number":
    case "int":
      return a("a number", "numbers");
    case "boolean":
      return a("true or false", "true or false values");
    case "enum":
      return `${a("one of", "each one of")} ${Object.values(def.entries as Record<string, unknown>).join(", ")}`;
    case "literal":
      return (def.values as unknown[]).map((v) => JSON.stringify(v)).join(" or ");
    default:
      return a("a value", "values");
  }
}

const typeWords: Record<string, string> = {
  number: "a number",
  int: "a whole number",
  string: "text",
  boolean: "true or false",
  object: "a mapping",
  array: "a list",
  record: "a mapping",
  null: "null",
};

/**
 * Our wording for an issue that carries zod's default message; null when the schema already
 * gave one of its own (every field builder in schema/fields.ts does). Shapes are described
 * from the schema at the issue's path: "expected a mapping with keys confidence, minPairs …".
 */
export function describeZodIssue(issue: z.core.$ZodIssue, schema: AnySchema): string | null {
  if (!zodDefault.test(issue.message)) return null;
  switch (issue.code) {
    case "invalid_type": {
      const expected = String(issue.expected);
      const node = findSchemasAt(schema, issue.path).find((candidate) => {
        const type = defOf(candidate).type;
        return type === expected || (expected === "object" && type === "record");
      });
      if (node !== undefined && ["object", "array", "record"].includes(defOf(node).type)) return `expected ${describeNode(node, false)}`;
      return `expected ${typeWords[expected] ?? expected}`;
    }
    case "too_small": {
      const minimum = String(issue.minimum);
      if (issue.origin === "array" || issue.origin === "set") return `expected at least ${minimum} ${minimum === "1" ? "entry" : "entries"}`;
      if (issue.origin === "string") return `expected text of at least ${minimum} ${minimum === "1" ? "character" : "characters"}`;
      return `expected a number ${issue.inclusive === false ? ">" : "≥"} ${minimum}`;
    }
    case "too_big": {
      const maximum = String(issue.maximum);
      if (issue.origin === "array" || issue.origin === "set") return `expected at most ${maximum} ${maximum === "1" ? "entry" : "entries"}`;
      if (issue.origin === "string") return `expected text of at most ${maximum} ${maximum === "1" ? "character" : "characters"}`;
      return `expected a number ${issue.inclusive === false ? "<" : "≤"} ${maximum}`;
    }
    case "invalid_value":
      return issue.values.length === 1 ? `expected ${JSON.stringify(issue.values[0])}` : `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "invalid_format":
      return issue.pattern === undefined ? `expected text in ${issue.format} format` : `expected text matching ${issue.pattern}`;
    case "not_multiple_of":
      return `expected a multiple of ${issue.divisor}`;
    case "invalid_union": {
      const shapes = findSchemasAt(schema, issue.path).map((node) => describeNode(node, false));
      return shapes.length > 0 ? `expected ${[...new Set(shapes)].join(" or ")}` : "expected one of the accepted forms";
    }
    default:
      return "expected a valid value";
  }
}
