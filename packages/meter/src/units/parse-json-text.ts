/**
 * Parse JSON as benchmark tools actually write it. Python's json.dump (vLLM's --save-result and
 * most Python suites) writes NaN, Infinity and -Infinity by default, which JSON.parse rejects; a
 * NaN in an unrelated latency field must not make the token count unreadable. Those bare
 * constants are read as null (so a NaN *count* is still refused, as "got null"). A UTF-8 byte
 * order mark, which PowerShell's Out-File writes, is skipped.
 */
export function parseJsonText(text: string): { readonly ok: true; readonly value: unknown } | { readonly ok: false } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    const patched = replacePythonConstants(body);
    if (patched === null) return { ok: false };
    try {
      return { ok: true, value: JSON.parse(patched) };
    } catch {
      return { ok: false };
    }
  }
}

/**
 * Replace bare NaN / Infinity / -Infinity tokens (outside strings) with null; null when there
 * were none, so the caller knows a second parse would fail the same way.
 */
function replacePythonConstants(text: string): string | null {
  const parts: string[] = [];
  let copiedUpTo = 0;
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char === '"') {
      // Skip the whole string literal, escapes included: "NaN" inside text is data.
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
      i++;
      continue;
    }
    if (char === "N" || char === "I" || char === "-") {
      const constant = ["-Infinity", "Infinity", "NaN"].find((word) => text.startsWith(word, i));
      if (constant !== undefined) {
        parts.push(text.slice(copiedUpTo, i), "null");
        i += constant.length;
        copiedUpTo = i;
        continue;
      }
    }
    i++;
  }
  if (parts.length === 0) return null;
  parts.push(text.slice(copiedUpTo));
  return parts.join("");
}
