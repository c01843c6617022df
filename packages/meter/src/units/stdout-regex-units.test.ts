import { describe, expect, it } from "vitest";
import { extractUnits } from "./extract-units.js";
import { compileUnitsPattern, STDOUT_SEARCH_CHARS } from "./stdout-regex-units.js";

const extract = (pattern: string, stdoutTail: string) =>
  extractUnits({ source: { from: "stdout-regex", pattern }, cwd: "/", stdoutTail, scenarioName: "chat" });

const EXPECTED = "expected the suite to print the count on a line this pattern matches";

describe("extractUnits from: stdout-regex", () => {
  it("takes the last match, so progress lines printed earlier never win", async () => {
    const stdout = "warm-up: generated 10 tokens\nbatch 1: generated 60 tokens\ntotal: generated 120 tokens\nbye\n";
    expect(await extract("generated (\\d+) tokens", stdout)).toEqual({
      ok: true,
      units: 120,
      detail: "stdout /generated (\\d+) tokens/ (the last of 3 matches)",
    });
  });

  it("matches ^ and $ at line ends, including the \\r of progress bars", async () => {
    expect(await extract("^tokens=(\\d+)$", "tokens=5\nsummary\ntokens=7\n")).toEqual({ ok: true, units: 7, detail: "stdout /^tokens=(\\d+)$/ (the last of 2 matches)" });
    expect(await extract("^images: (\\d+)$", "images: 1\rimages: 2\rimages: 3\n")).toEqual({
      ok: true,
      units: 3,
      detail: "stdout /^images: (\\d+)$/ (the last of 3 matches)",
    });
  });

  it("uses the group named units when the pattern has several", async () => {
    expect(await extract("(\\w+) served (?<units>\\d+) requests", "worker-1 served 42 requests\n")).toEqual({
      ok: true,
      units: 42,
      detail: "stdout /(\\w+) served (?<units>\\d+) requests/ (1 match)",
    });
  });

  it("ignores terminal colour codes around the count", async () => {
    expect(await extract("generated (\\d+) tokens", "generated \x1b[1;32m512\x1b[0m tokens\n")).toEqual({
      ok: true,
      units: 512,
      detail: "stdout /generated (\\d+) tokens/ (1 match)",
    });
  });

  it("accepts decimals and exponents, and zero", async () => {
    expect(await extract("units=(\\S+)", "units=1.5e3")).toEqual({ ok: true, units: 1500, detail: "stdout /units=(\\S+)/ (1 match)" });
    expect(await extract("units=(\\S+)", "units=0")).toEqual({ ok: true, units: 0, detail: "stdout /units=(\\S+)/ (1 match)" });
  });

  it("refuses a pattern without a capture group, with several unnamed ones, or that does not compile", async () => {
    expect(await extract("generated \\d+ tokens", "generated 5 tokens")).toEqual({
      ok: false,
      message: 'scenario "chat": units.pattern: /generated \\d+ tokens/ has no capture group; expected one around the count, such as "generated (\\d+) tokens"',
    });
    expect(await extract("(\\w+) generated (\\d+) tokens", "a generated 5 tokens")).toEqual({
      ok: false,
      message:
        'scenario "chat": units.pattern: /(\\w+) generated (\\d+) tokens/ has 2 capture groups; expected one around the count (make the others non-capturing with (?:…), or name the count (?<units>…))',
    });
    expect(await extract("generated (\\d+ tokens", "generated 5 tokens")).toEqual({
      ok: false,
      message:
        'scenario "chat": units.pattern: /generated (\\d+ tokens/ is not a valid regular expression (Invalid regular expression: /generated (\\d+ tokens/gm: Unterminated group)',
    });
  });

  it("reports no match with the last line stdout showed", async () => {
    const stdout = "loading\nDone in 3.2 s\n\n";
    expect(await extract("generated (\\d+) tokens", stdout)).toEqual({
      ok: false,
      message: `scenario "chat": stdout: /generated (\\d+) tokens/: no match in ${stdout.length} characters of stdout (the last line is "Done in 3.2 s"); ${EXPECTED}`,
    });
    expect(await extract("generated (\\d+) tokens", "")).toEqual({
      ok: false,
      message: `scenario "chat": stdout: /generated (\\d+) tokens/: stdout is empty; ${EXPECTED}`,
    });
  });

  it("refuses a capture that is not a plain number, or that captured nothing", async () => {
    expect(await extract("generated ([\\d,]+) tokens", "generated 12,345 tokens")).toEqual({
      ok: false,
      message:
        'scenario "chat": stdout: /generated ([\\d,]+) tokens/: captured "12,345"; expected a number of units ≥ 0 written with digits only (no thousands separators or suffixes)',
    });
    expect(await extract("tokens(?:=(\\d+))?", "tokens")).toEqual({
      ok: false,
      message: 'scenario "chat": stdout: /tokens(?:=(\\d+))?/: the count group captured nothing in "tokens"; expected a number of units ≥ 0',
    });
    expect(await extract("delta (\\S+)", "delta -4")).toEqual({
      ok: false,
      message: 'scenario "chat": stdout: /delta (\\S+)/: expected a number of units ≥ 0, got -4',
    });
    expect(await extract("ns=(\\d+)", "ns=3000000000000000")).toEqual({
      ok: false,
      message:
        'scenario "chat": stdout: /ns=(\\d+)/: expected a number of units ≥ 0 and at most 1e15, got 3000000000000000 (is it a count of units, not bytes or nanoseconds?)',
    });
  });

  it("searches only the tail, from a line boundary, so a cut line never yields a wrong count", async () => {
    // The search window starts inside "generated 12345 tokens": "345 tokens" must not be read.
    const filler = `${"x".repeat(STDOUT_SEARCH_CHARS - 12)}\n`;
    const stdout = `generated 12345 tokens\n${filler}`;
    expect(stdout.length - STDOUT_SEARCH_CHARS).toBe(12);
    const result = await extract("(\\d+) tokens", stdout);
    expect(result).toEqual({
      ok: false,
      message: `scenario "chat": stdout: /(\\d+) tokens/: no match in the last ${filler.length} characters of stdout (the last line is "${"x".repeat(37)}…"); ${EXPECTED}`,
    });
  });

  it("stops a pattern that backtracks without end", async () => {
    const started = Date.now();
    const result = await extract("^(\\d+)+x$", `${"1".repeat(40)}y\n`);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result).toEqual({
      ok: false,
      message:
        'scenario "chat": stdout: /^(\\d+)+x$/: searching 42 characters took over 1000 ms and was stopped (nested quantifiers such as (\\d+)+ backtrack without end); expected a simpler pattern, such as "generated (\\d+) tokens"',
    });
  });
});

describe("compileUnitsPattern", () => {
  it("finds the count group", () => {
    const single = compileUnitsPattern("generated (\\d+) tokens");
    expect(single.ok && single.group).toBe(1);
    const named = compileUnitsPattern("(?<model>\\w+): (?<units>\\d+)");
    expect(named.ok && named.group).toBe("units");
  });
});
