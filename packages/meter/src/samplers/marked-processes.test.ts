import { describe, expect, it } from "vitest";
import { environHasEntry } from "./marked-processes.js";

const environ = (...entries: string[]) => Buffer.from(entries.map((e) => `${e}\0`).join(""));
const marker = Buffer.from("SCI_GATE_RUN_ID=ab12");

describe("environHasEntry", () => {
  it("finds the marker as a whole NUL-separated entry, first, middle or last", () => {
    expect(environHasEntry(environ("SCI_GATE_RUN_ID=ab12", "PATH=/bin"), marker)).toBe(true);
    expect(environHasEntry(environ("PATH=/bin", "SCI_GATE_RUN_ID=ab12", "HOME=/"), marker)).toBe(true);
    // The last entry without its trailing NUL (a truncated read).
    expect(environHasEntry(Buffer.from("PATH=/bin\0SCI_GATE_RUN_ID=ab12"), marker)).toBe(true);
  });

  it("refuses a longer run id, a marker inside another value, and an empty environ", () => {
    expect(environHasEntry(environ("SCI_GATE_RUN_ID=ab123"), marker)).toBe(false);
    expect(environHasEntry(environ("X=SCI_GATE_RUN_ID=ab12"), marker)).toBe(false);
    // A prefix match first, the real one after it.
    expect(environHasEntry(environ("SCI_GATE_RUN_ID=ab123", "SCI_GATE_RUN_ID=ab12"), marker)).toBe(true);
    expect(environHasEntry(Buffer.alloc(0), marker)).toBe(false);
  });
});
