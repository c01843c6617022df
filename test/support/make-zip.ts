import { strToU8, zipSync } from "fflate";

/** A zip as actions/upload-artifact writes one: the given files, deflated. */
export function makeZip(files: Record<string, string | Uint8Array>): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const [name, content] of Object.entries(files)) entries[name] = typeof content === "string" ? strToU8(content) : content;
  return zipSync(entries, { level: 6 });
}

/**
 * Rewrites the uncompressed size the central directory declares for one entry, as a zip bomb
 * does to slip past size checks. Returns a copy.
 */
export function forgeDeclaredSize(zip: Uint8Array, entryName: string, declaredSize: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const name = strToU8(entryName);
  for (let i = 0; i + 46 <= out.length; i++) {
    if (view.getUint32(i, true) !== 0x02014b50) continue;
    const nameLength = view.getUint16(i + 28, true);
    const candidate = out.subarray(i + 46, i + 46 + nameLength);
    if (candidate.length === name.length && candidate.every((byte, k) => byte === name[k])) {
      view.setUint32(i + 24, declaredSize, true);
      return out;
    }
  }
  throw new Error(`no central directory entry named ${entryName}`);
}
