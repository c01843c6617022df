import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeConfig, makePairedReport } from "../compare/make-report.test-helper.js";
import { formatIssue } from "./issues.js";
import { describeJsonSyntaxError, findJsonErrorOffset } from "./json-syntax.js";
import { parseReport } from "./parse-report.js";

/**
 * Hundreds of runs per property take a few seconds alone and far longer on a loaded 2-core CI
 * machine: a generous limit keeps a slow machine from failing a correct parser. Speed is the
 * bench's business, not these tests'.
 */
const fuzzTimeout = { timeout: 120_000 };

/**
 * Reports come from other jobs and from forks. Whatever the text, parseReport returns typed
 * issues (never throws), a syntax error is located by line and column, and nothing of the input
 * but one character is echoed in the message.
 */
const validReport = makePairedReport({ chat: { base: [100, 101, 99], head: [102, 103, 101] } }, makeConfig("budgets:\n  - maxIncreasePct: { warn: 3, fail: 5 }"));
const validText = JSON.stringify(validReport, null, 2);

const jsonChar = fc.constantFrom(
  ...["{", "}", "[", "]", ":", ",", '"', "\\", "\\u", "\\u12", "/", " ", "\n", "\t", "\r", "-", "+", ".", "e", "E", "0", "1", "01", "1e400"],
  ...["NaN", "Infinity", "-Infinity", "true", "false", "null", "nul", "\u0000", "\u001b[2J", "\uFEFF", "\uD800", "é", "x"],
);
const jsonish = fc.array(jsonChar, { maxLength: 80 }).map((parts) => parts.join(""));

const mutation = fc.record({ at: fc.nat(), remove: fc.nat({ max: 6 }), insert: jsonish });
function mutate(text: string, edits: ReadonlyArray<{ at: number; remove: number; insert: string }>): string {
  let out = text;
  for (const edit of edits) {
    const at = edit.at % (out.length + 1);
    out = out.slice(0, at) + edit.insert + out.slice(at + edit.remove);
  }
  return out;
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function expectTypedIssues(text: string): void {
  const result = parseReport(text, "fuzz.json");
  if (result.ok) {
    // What was accepted survives a round trip: the report a renderer reads is what the file said.
    expect(parseReport(JSON.stringify(result.value)).ok).toBe(true);
    return;
  }
  expect(result.errors.length).toBeGreaterThan(0);
  expect(result.errors.length).toBeLessThanOrEqual(20);
  for (const error of result.errors) {
    expect(error.file).toBe("fuzz.json");
    if (!parses(text)) expect(error.line, formatIssue(error)).toBeTypeOf("number");
    // No raw control characters (terminal escapes) from the input in what the user reads.
    expect(formatIssue(error)).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F]/);
  }
}

describe("the JSON syntax locator", fuzzTimeout, () => {
  it("agrees with JSON.parse on what is JSON, for arbitrary and near-JSON text", () => {
    fc.assert(
      fc.property(fc.oneof(jsonish, fc.json({ maxDepth: 3 }), fc.string({ unit: "binary", maxLength: 60 })), (text) => {
        expect(findJsonErrorOffset(text) === -1).toBe(parses(text));
      }),
      { numRuns: 1000 },
    );
  });

  it("points inside the text, at the first character JSON.parse cannot accept", () => {
    fc.assert(
      fc.property(fc.json({ maxDepth: 3 }), fc.array(mutation, { minLength: 1, maxLength: 3 }), (json, edits) => {
        const text = mutate(json, edits);
        const offset = findJsonErrorOffset(text);
        if (offset === -1) return;
        expect(offset).toBeLessThanOrEqual(text.length);
        const problem = describeJsonSyntaxError(text);
        expect(problem.line).toBe(text.slice(0, offset).split("\n").length);
      }),
      { numRuns: 500 },
    );
  });
});

describe("parseReport on arbitrary input", fuzzTimeout, () => {
  it("returns typed issues for near-JSON text", () => {
    fc.assert(fc.property(jsonish, expectTypedIssues), { numRuns: 500 });
  });

  it("returns typed issues for a valid report with random edits", () => {
    fc.assert(fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (edits) => expectTypedIssues(mutate(validText, edits))), { numRuns: 300 });
  });

  it("returns typed issues for a valid report with one field replaced by any JSON value", () => {
    const paths: (string | number)[][] = [
      ["schema"],
      ["machine"],
      ["machine", "vcpus"],
      ["assumptions", "pue"],
      ["scenarios"],
      ["scenarios", 0, "runs"],
      ["scenarios", 0, "runs", 0],
      ["scenarios", 0, "runs", 0, "energyJ", "cpu"],
      ["scenarios", 0, "runs", 0, "units"],
      ["scenarios", 0, "runs", 1, "pair"],
      ["scenarios", 0, "runs", 1, "revision"],
      ["scenarios", 0, "name"],
      ["configs"],
      ["status"],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue({ maxDepth: 3 }), (path, value) => {
        const raw = JSON.parse(validText) as Record<string | number, unknown>;
        let node = raw;
        for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
        node[path[path.length - 1]!] = value;
        expectTypedIssues(JSON.stringify(raw));
      }),
      { numRuns: 400 },
    );
  });

  it("quotes an unknown key of any characters, so it cannot drive the terminal", () => {
    const key = fc.oneof(fc.string({ unit: "binary", maxLength: 20 }), fc.constantFrom("\u001b[2J", "\u009b31m", "\u202Eevil", "a\nb", "__proto__"));
    fc.assert(
      fc.property(key, fc.constantFrom([], ["machine"], ["scenarios", 0, "runs", 0]), (name, at) => {
        const raw = JSON.parse(validText) as Record<string | number, unknown>;
        let node = raw;
        for (const segment of at) node = node[segment] as Record<string | number, unknown>;
        Object.defineProperty(node, name, { value: 1, enumerable: true });
        expectTypedIssues(JSON.stringify(raw));
      }),
      { numRuns: 300 },
    );
  });

  it("returns typed issues for any JSON document", () => {
    fc.assert(fc.property(fc.json({ maxDepth: 4 }), expectTypedIssues), { numRuns: 300 });
  });
});
