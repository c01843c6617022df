import { describe, expect, it } from "vitest";
import { truncateText } from "./truncate-text.js";

describe("truncateText", () => {
  it("leaves a text within the limit alone", () => {
    expect(truncateText("short", 10, "cut")).toEqual({ text: "short", truncated: false });
  });

  it("cuts at a line break, ends with the note, and stays within the limit", () => {
    const rows = Array.from({ length: 100 }, (_, i) => `| row ${i} |`).join("\n");
    const { text, truncated } = truncateText(rows, 300, "_cut_");
    expect(truncated).toBe(true);
    expect(text.length).toBeLessThanOrEqual(300);
    expect(text.endsWith("|\n\n_cut_")).toBe(true);
  });

  it("never splits a surrogate pair", () => {
    const { text } = truncateText("🌍".repeat(100), 51, "…");
    expect(text.length).toBeLessThanOrEqual(51);
    expect(() => encodeURIComponent(text)).not.toThrow();
  });
});
