import { describe, expect, it } from "vitest";
import { formatJsonPath, lookUpJsonPath, parseJsonPath } from "./json-path.js";

function segmentsOf(path: string) {
  const parsed = parseJsonPath(path);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.segments;
}

describe("parseJsonPath", () => {
  it("reads dotted keys, bracket indexes, digit keys and quoted keys", () => {
    expect(segmentsOf("a.b[0].c")).toEqual([
      { kind: "key", name: "a" },
      { kind: "key", name: "b" },
      { kind: "index", index: 0 },
      { kind: "key", name: "c" },
    ]);
    expect(segmentsOf("a.b.0.c")).toEqual([
      { kind: "key", name: "a" },
      { kind: "key", name: "b" },
      { kind: "key", name: "0" },
      { kind: "key", name: "c" },
    ]);
    expect(segmentsOf('stats["tokens.out"][12]')).toEqual([
      { kind: "key", name: "stats" },
      { kind: "key", name: "tokens.out" },
      { kind: "index", index: 12 },
    ]);
    expect(segmentsOf("['a b'].c")).toEqual([
      { kind: "key", name: "a b" },
      { kind: "key", name: "c" },
    ]);
    expect(segmentsOf("[3]")).toEqual([{ kind: "index", index: 3 }]);
  });

  it("names the character where a malformed path goes wrong", () => {
    const problem = (path: string) => {
      const parsed = parseJsonPath(path);
      return parsed.ok ? "parsed" : parsed.problem;
    };
    const tail = "expected a dotted path such as results.total_tokens or runs[0].tokens";
    expect(problem("")).toBe(`empty path; ${tail}`);
    expect(problem("a..b")).toBe(`empty key at character 3 of "a..b"; ${tail}`);
    expect(problem("a.")).toBe(`path ends with . at character 3 of "a."; ${tail}`);
    expect(problem("a[0")).toBe(`unclosed [ at character 2 of "a[0"; ${tail}`);
    expect(problem("a[x]")).toBe(`[x] is neither an index nor a quoted key at character 2 of "a[x]"; ${tail}`);
    expect(problem("a[0]b")).toBe(`unexpected "b" after ] at character 5 of "a[0]b"; ${tail}`);
    expect(problem("a]b")).toBe(`unexpected ] at character 2 of "a]b"; ${tail}`);
  });
});

describe("formatJsonPath", () => {
  it("spells every path one way, so messages match whatever form the user wrote", () => {
    expect(formatJsonPath(segmentsOf("a.b.0.c"))).toBe("a.b[0].c");
    expect(formatJsonPath(segmentsOf("a.b[0].c"))).toBe("a.b[0].c");
    expect(formatJsonPath(segmentsOf('a["x.y"]'))).toBe('a["x.y"]');
    expect(formatJsonPath(segmentsOf("[0].n_gen"))).toBe("[0].n_gen");
  });
});

describe("lookUpJsonPath", () => {
  const document = { results: { total_tokens: 900, runs: [{ tokens: 450 }, { tokens: 450 }] }, "0": "zero", empty: {} };

  it("finds values through keys and indexes in either spelling", () => {
    expect(lookUpJsonPath(document, segmentsOf("results.total_tokens"))).toEqual({ found: true, value: 900 });
    expect(lookUpJsonPath(document, segmentsOf("results.runs[1].tokens"))).toEqual({ found: true, value: 450 });
    expect(lookUpJsonPath(document, segmentsOf("results.runs.1.tokens"))).toEqual({ found: true, value: 450 });
    // A digit-only key on an object is a key, as in JavaScript.
    expect(lookUpJsonPath(document, segmentsOf("[0]"))).toEqual({ found: true, value: "zero" });
  });

  it("says where the walk stopped and what was there instead", () => {
    expect(lookUpJsonPath(document, segmentsOf("results.total_token"))).toEqual({
      found: false,
      reason: 'results has no key "total_token"; did you mean "total_tokens"?',
    });
    expect(lookUpJsonPath(document, segmentsOf("results.count"))).toEqual({ found: false, reason: 'results has no key "count"; its keys: total_tokens, runs' });
    expect(lookUpJsonPath(document, segmentsOf("empty.count"))).toEqual({ found: false, reason: 'empty has no key "count"; it is empty' });
    expect(lookUpJsonPath(document, segmentsOf("results.runs[2].tokens"))).toEqual({ found: false, reason: "results.runs has 2 items" });
    expect(lookUpJsonPath(document, segmentsOf("results.runs.tokens"))).toEqual({
      found: false,
      reason: "results.runs is a list, not an object; use an index such as results.runs[0]",
    });
    expect(lookUpJsonPath(document, segmentsOf("results.total_tokens.value"))).toEqual({
      found: false,
      reason: "results.total_tokens is 900, not an object or a list",
    });
    expect(lookUpJsonPath([1], segmentsOf("units"))).toEqual({ found: false, reason: "the top level is a list, not an object; use an index such as [0]" });
  });

  it("never reaches inherited properties", () => {
    expect(lookUpJsonPath({}, segmentsOf("constructor"))).toEqual({ found: false, reason: 'the top level has no key "constructor"; it is empty' });
    expect(lookUpJsonPath({ a: 1 }, segmentsOf("__proto__"))).toEqual({ found: false, reason: 'the top level has no key "__proto__"; its keys: a' });
  });

  it("lists at most eight keys", () => {
    const wide = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`key${i}`, i]));
    expect(lookUpJsonPath(wide, segmentsOf("units"))).toEqual({
      found: false,
      reason: 'the top level has no key "units"; its keys: key0, key1, key2, key3, key4, key5, key6, key7, … (10 in all)',
    });
  });
});
