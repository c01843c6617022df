/**
 * Secrets must never reach a log line or an error message: an error text can end up in a PR
 * comment, a job summary or a public log. Every text leaving the adapter goes through here.
 */
export type Redactor = (text: string) => string;

const mask = "***";

/**
 * Token shapes GitHub issues (classic PAT, OAuth, user-to-server, server-to-server, refresh,
 * fine-grained PAT), caught even when the caller did not name the secret.
 */
const tokenPatterns: readonly RegExp[] = [
  /\bgh[pousr]_[A-Za-z0-9_]{20,}/g,
  /\bgithub_pat_[A-Za-z0-9_]{20,}/g,
  /\b(authorization"?\s*[:=]\s*"?(?:token|bearer|basic)\s+)[^\s",]+/gi,
];

/** Builds a redactor for the given secrets; secrets shorter than 4 characters are ignored (they would blank out ordinary words). */
export function createRedactor(secrets: readonly (string | undefined)[]): Redactor {
  const literal = [...new Set(secrets.filter((s): s is string => typeof s === "string" && s.length >= 4))]
    // Longest first, so a secret that contains another is removed whole.
    .sort((a, b) => b.length - a.length);
  return (text: string) => {
    let out = text;
    for (const secret of literal) out = out.split(secret).join(mask);
    for (const pattern of tokenPatterns) {
      out = out.replace(pattern, (_match, prefix?: string) => (typeof prefix === "string" ? `${prefix}${mask}` : mask));
    }
    return out;
  };
}

/**
 * Applies a redactor to every string inside a JSON-like value (a report, a comparison), keys
 * included, so a token a suite printed into its error output leaves no trace in what is written
 * or rendered from it. Returns a copy; the input is not changed.
 */
export function redactDeep<T>(value: T, redact: Redactor): T {
  const visit = (node: unknown): unknown => {
    if (typeof node === "string") return redact(node);
    if (Array.isArray(node)) return node.map(visit);
    if (node !== null && typeof node === "object") {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(node)) out[redact(key)] = visit(child);
      return out;
    }
    return node;
  };
  return visit(value) as T;
}
