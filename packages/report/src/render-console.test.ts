import { describe, expect, it } from "vitest";
import { buildEvilCase, buildOneFailCase, buildSuiteFailedCase } from "./cases.test-helper.js";
import { renderConsole } from "./render-console.js";

describe("renderConsole", () => {
  it("prints the verdict, the same figures as the comment, and provenance for what did not pass", async () => {
    const text = renderConsole(buildOneFailCase());
    expect(text.split("\n")[0]).toBe("sci-gate: FAIL: 1 scenario over budget, 1 near budget, 2 within budget");
    expect(text).toContain("chat: 17.8 mg → 19.5 mg CO2e per 1k tokens (base → head), +9.5 % (95% CI +6.5 … +12.6 %)");
    expect(text).toContain("In production at 2 billion tokens per day: 13.0 t → 14.2 t CO2e per year (+1.23 t/yr).");
    // Provenance for fail and warn only by default.
    expect(text).toContain("chat: FAIL\n  Decided by:");
    expect(text).toContain("summarise: WARN\n");
    expect(text).not.toContain("embed: PASS");
    await expect(text).toMatchFileSnapshot("./__snapshots__/console-one-fail.txt");
  });

  it("aligns the columns of every row", () => {
    const lines = renderConsole(buildOneFailCase()).split("\n");
    const start = lines.findIndex((line) => line.startsWith("Scenario"));
    const table = lines.slice(start, start + 6);
    // Each column starts at the same offset in the header and in every row (code points, not bytes).
    const columnStarts = (line: string) => [...line.matchAll(/(?<=\s{2})\S/g)].map((match) => Array.from(line.slice(0, match.index)).length);
    const header = columnStarts(table[0]!);
    expect(header).toHaveLength(6);
    // The Verdict column is left-aligned, so its start is the same on every row.
    for (const row of table.slice(2)) expect(columnStarts(row).at(-1)).toBe(header.at(-1));
    expect(table[1]).toMatch(/^-+( {2}-+){6}$/);
  });

  it("contains no markdown or HTML", () => {
    const text = renderConsole({ ...buildOneFailCase(), details: "all" });
    expect(text).not.toMatch(/<\/?(details|summary|sub|pre)>|\*\*|```|&lt;|&#x/);
    expect(text).toContain("embed: PASS");
  });

  it("says the suite failed and lists the errors", () => {
    const text = renderConsole(buildSuiteFailedCase());
    expect(text.split("\n")[0]).toBe("sci-gate: ERROR: 1 scenario failed to run, 1 within budget");
    expect(text).toContain("The suite failed:\n  - sci-gate-report.json: chat-long: head run 1 exited with code 137 (killed: out of memory at 15.6 GiB)");
  });

  it("folds hostile text to one line without control characters", () => {
    const text = renderConsole({ ...buildEvilCase(), details: "all" });
    expect(text).not.toMatch(/[\u0000-\u0009\u000B-\u001F]/);
    expect(text).toContain("  warning: line one # heading - list @alice #2 ```");
  });
});
