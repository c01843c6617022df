import { readFileSync } from "node:fs";

let cached: string | null = null;

/**
 * The CLI's own version, from its package.json: one level above both src/ (tests) and dist/
 * (the binary), so the same lookup works for both.
 */
export function readToolVersion(): string {
  if (cached !== null) return cached;
  try {
    const json = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version?: unknown };
    cached = typeof json.version === "string" ? json.version : "0.0.0";
  } catch {
    cached = "0.0.0";
  }
  return cached;
}
