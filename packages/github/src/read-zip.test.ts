import { describe, expect, it } from "vitest";
import { forgeDeclaredSize, makeZip } from "../../../test/support/make-zip.js";
import { readJsonEntries, sanitizeName } from "./read-zip.js";

const limits = { maxEntries: 10, maxEntryBytes: 1_000_000, maxTotalBytes: 2_000_000 };

describe("readJsonEntries", () => {
  it("reads the .json entries, nested ones included, and nothing else", () => {
    const zip = makeZip({ "a.json": '{"a":1}', "dir/B.JSON": "[]", "c.txt": "x", "dir/": new Uint8Array(0) });
    const { entries, problems } = readJsonEntries(zip, limits);
    expect(problems).toEqual([]);
    expect(entries).toEqual([
      { name: "a.json", text: '{"a":1}' },
      { name: "dir/B.JSON", text: "[]" },
    ]);
  });

  it("refuses an archive with too many entries before reading any", () => {
    const files = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`${i}.json`, "{}"]));
    expect(readJsonEntries(makeZip(files), limits)).toEqual({
      entries: [],
      problems: [{ file: null, message: "holds 11 entries, over the limit of 10; refused" }],
    });
  });

  it("refuses an entry whose declared size is a lie, whichever way it lies", () => {
    // Pseudo-random digits barely compress, so a small declared size cannot hold them.
    let seed = 7;
    const digits = Array.from({ length: 10_000 }, () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return String(seed % 10);
    }).join("");
    const zip = makeZip({ "r.json": digits });
    const smaller = readJsonEntries(forgeDeclaredSize(zip, "r.json", 5), limits);
    expect(smaller.entries).toEqual([]);
    expect(smaller.problems[0]?.message).toMatch(/declares 5 bytes uncompressed but holds \d+ compressed: a forged size/);
    // Declared larger than it is: fflate fills less than the buffer, and the mismatch shows.
    const larger = readJsonEntries(forgeDeclaredSize(zip, "r.json", 20_000), limits);
    expect(larger.problems[0]?.message).toMatch(/inflates to 10000 bytes, not the 20000 it declares/);
  });

  it("says which file is not UTF-8", () => {
    const { entries, problems } = readJsonEntries(makeZip({ "bad.json": new Uint8Array([0x7b, 0xff, 0x7d]) }), limits);
    expect(entries).toEqual([]);
    expect(problems).toEqual([{ file: "bad.json", message: "is not UTF-8 text" }]);
  });

  it("keeps untrusted names printable and short", () => {
    expect(sanitizeName("a\u001b[31mred\n.json")).toBe("a?[31mred?.json");
    expect(sanitizeName("x".repeat(500))).toHaveLength(198);
  });
});
