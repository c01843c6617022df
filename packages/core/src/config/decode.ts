import type { ParseResult } from "./issues.js";

/** Decodes file bytes as UTF-8, refusing invalid sequences instead of silently replacing them. */
export function decodeUtf8(bytes: Uint8Array, file: string): ParseResult<string> {
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return { ok: true, value: text.startsWith("\uFEFF") ? text.slice(1) : text, warnings: [] };
  } catch {
    const offset = findInvalidUtf8(bytes);
    let line = 1;
    for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
    return {
      ok: false,
      errors: [{ file, line, column: null, path: "", message: `expected UTF-8 text, found an invalid byte sequence at byte ${offset}` }],
    };
  }
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence. */
function findInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    for (let k = 1; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    i += length;
  }
  return bytes.length;
}
