import { type UnzipFileInfo, unzipSync } from "fflate";

/**
 * Reads the `.json` files of an artifact's zip, which comes from another job and possibly a
 * fork: untrusted. The central directory's declared sizes are checked before anything is
 * inflated, and fflate inflates each entry into a buffer of exactly its declared size, so memory
 * stays within the limits whatever the archive claims.
 */
export interface ZipLimits {
  /** Entries of any kind in the archive. */
  maxEntries: number;
  /** Declared uncompressed size of one `.json` entry. */
  maxEntryBytes: number;
  /** Declared uncompressed size of all `.json` entries together. */
  maxTotalBytes: number;
}

export interface ZipTextEntry {
  name: string;
  text: string;
}

export interface ZipProblem {
  /** The entry's name, or null for the archive as a whole. */
  file: string | null;
  message: string;
}

const deflate = 8;
const stored = 0;

/** Deflate never grows data by more than a few bytes per block: a compressed size beyond this betrays a forged uncompressed size. */
function plausibleCompressedSize(originalSize: number): number {
  return originalSize + Math.ceil(originalSize / 1_000) + 64;
}

/** Untrusted names go into messages: no control characters, bounded length. */
export function sanitizeName(name: string): string {
  const clean = name.replace(/[\u0000-\u001f\u007f-\u009f]/g, "?");
  return clean.length > 200 ? `${clean.slice(0, 197)}…` : clean;
}

function listEntries(zip: Uint8Array): UnzipFileInfo[] | string {
  const entries: UnzipFileInfo[] = [];
  try {
    unzipSync(zip, {
      filter(info) {
        entries.push(info);
        return false;
      },
    });
  } catch (error) {
    return `not a readable zip archive (${error instanceof Error ? error.message : String(error)})`;
  }
  return entries;
}

export function readJsonEntries(zip: Uint8Array, limits: ZipLimits): { entries: ZipTextEntry[]; problems: ZipProblem[] } {
  const problems: ZipProblem[] = [];
  const listing = listEntries(zip);
  if (typeof listing === "string") return { entries: [], problems: [{ file: null, message: listing }] };
  if (listing.length > limits.maxEntries) {
    return { entries: [], problems: [{ file: null, message: `holds ${listing.length} entries, over the limit of ${limits.maxEntries}; refused` }] };
  }
  const accepted = new Map<string, number>();
  let total = 0;
  for (const info of listing) {
    if (info.name.endsWith("/") || !info.name.toLowerCase().endsWith(".json")) continue;
    const file = sanitizeName(info.name);
    if (accepted.has(info.name)) {
      problems.push({ file, message: "appears twice in the archive; refused" });
    } else if (info.compression !== stored && info.compression !== deflate) {
      problems.push({ file, message: `uses compression method ${info.compression}; only stored (0) and deflate (8) are read` });
    } else if (info.originalSize > limits.maxEntryBytes) {
      problems.push({ file, message: `declares ${info.originalSize} bytes uncompressed, over the limit of ${limits.maxEntryBytes}; refused` });
    } else if (info.size > plausibleCompressedSize(info.originalSize)) {
      problems.push({
        file,
        message: `declares ${info.originalSize} bytes uncompressed but holds ${info.size} compressed: a forged size (zip bomb?); refused`,
      });
    } else {
      accepted.set(info.name, info.originalSize);
      total += info.originalSize;
    }
  }
  if (total > limits.maxTotalBytes) {
    problems.push({ file: null, message: `its .json files declare ${total} bytes uncompressed in all, over the limit of ${limits.maxTotalBytes}; refused` });
    return { entries: [], problems };
  }
  if (accepted.size === 0) {
    if (problems.length === 0) problems.push({ file: null, message: "holds no .json file" });
    return { entries: [], problems };
  }
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip, { filter: (info) => accepted.has(info.name) });
  } catch (error) {
    problems.push({ file: null, message: `could not be inflated (${error instanceof Error ? error.message : String(error)}); the archive is corrupt` });
    return { entries: [], problems };
  }
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const entries: ZipTextEntry[] = [];
  for (const [name, declared] of accepted) {
    const bytes = files[name];
    const file = sanitizeName(name);
    if (bytes === undefined || bytes.length !== declared) {
      problems.push({ file, message: `inflates to ${bytes?.length ?? 0} bytes, not the ${declared} it declares; the archive is corrupt` });
      continue;
    }
    try {
      entries.push({ name, text: decoder.decode(bytes) });
    } catch {
      problems.push({ file, message: "is not UTF-8 text" });
    }
  }
  return { entries, problems };
}
