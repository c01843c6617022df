import type { z } from "zod";

type AnySchema = z.core.$ZodType;

/**
 * The keys an object schema accepts at `path`, for "did you mean" suggestions on unknown keys.
 * Walks the zod definition through the wrappers our schemas use.
 */
export function findKnownKeys(schema: AnySchema, path: readonly PropertyKey[]): string[] {
  const found = new Set<string>();
  visit(schema, path, found, 0);
  return [...found];
}

function visit(schema: AnySchema, path: readonly PropertyKey[], found: Set<string>, depth: number): void {
  if (depth > 64) return;
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  switch (def.type) {
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
      visit(def.innerType as AnySchema, path, found, depth + 1);
      return;
    case "pipe":
      visit(def.in as AnySchema, path, found, depth + 1);
      return;
    case "union":
      for (const option of def.options as AnySchema[]) visit(option, path, found, depth + 1);
      return;
    case "array":
      if (path.length > 0 && typeof path[0] === "number") visit(def.element as AnySchema, path.slice(1), found, depth + 1);
      return;
    case "record":
      if (path.length > 0) visit(def.valueType as AnySchema, path.slice(1), found, depth + 1);
      return;
    case "object": {
      const shape = def.shape as Record<string, AnySchema>;
      if (path.length === 0) {
        for (const key of Object.keys(shape)) found.add(key);
        return;
      }
      const child = shape[String(path[0])];
      if (child) visit(child, path.slice(1), found, depth + 1);
      return;
    }
    default:
      return;
  }
}
