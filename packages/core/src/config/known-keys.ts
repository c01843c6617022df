import type { z } from "zod";
import { findSchemasAt } from "./plain-zod-message.js";

type AnySchema = z.core.$ZodType;

/**
 * The keys an object schema accepts at `path`, for "did you mean" suggestions on unknown keys:
 * every object the schema allows there (several where a union does).
 */
export function findKnownKeys(schema: AnySchema, path: readonly PropertyKey[]): string[] {
  const found = new Set<string>();
  for (const node of findSchemasAt(schema, path)) {
    const def = node._zod.def as unknown as { type: string; shape?: Record<string, unknown> };
    if (def.type === "object" && def.shape) for (const key of Object.keys(def.shape)) found.add(key);
  }
  return [...found];
}
