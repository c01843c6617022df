import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { formatIssue, type InputIssue } from "./issues.js";
import { parseConfig } from "./parse-config.js";
import { findYamlExcess } from "./yaml-limits.js";

/**
 * Hundreds of runs per property take a few seconds alone and far longer on a loaded 2-core CI
 * machine: a generous limit keeps a slow machine from failing a correct parser. Speed is the
 * bench's business, not these tests'.
 */
const fuzzTimeout = { timeout: 120_000 };

/**
 * Whatever text a user or a fork hands us, parseConfig returns typed issues (never throws), and
 * every issue names the file and a line.
 */
const valid = `version: 1
location: { country: FR }
pue: 1.2
scenarios:
  - name: chat
    run: python bench.py --scenario chat
    unit: token
    units: { from: json-file, file: out.json, path: results.tokens }
    warmup: 1
    runs: 10
    env: { THREADS: "4" }
budgets:
  - scenario: "*"
    maxIncreasePct: { warn: 3, fail: 5 }
    maxSciGPerUnit: { fail: "0.4 mg per 1k tokens" }
compare: { confidence: 0.95, minPairs: 5 }
`;

/** The characters that carry YAML structure, plus ordinary ones, so mutations hit the parser's corners. */
const yamlChar = fc.constantFrom(
  ...[":", "-", "?", "[", "]", "{", "}", ",", "#", "&", "*", "!", "|", ">", "'", '"', "%", "@", "`", " ", "  ", "\t", "\n", "\r\n", "\\"],
  ...["a", "1", "0.5", "-1", "1e400", ".nan", ".inf", "~", "null", "true", "<<", "---", "...", "\u0000", "\uFEFF", "é", "\uD800"],
);
const yamlText = fc.array(yamlChar, { maxLength: 120 }).map((parts) => parts.join(""));

type Mutation = { at: number; remove: number; insert: string };
const mutation = fc.record({ at: fc.nat(), remove: fc.nat({ max: 8 }), insert: yamlText });
function mutate(text: string, mutations: readonly Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const at = m.at % (out.length + 1);
    out = out.slice(0, at) + m.insert + out.slice(at + m.remove);
  }
  return out;
}

function expectTypedIssues(text: string): void {
  const result = parseConfig(text, "fuzz.yml");
  if (result.ok) return;
  expect(result.errors.length).toBeGreaterThan(0);
  expect(result.errors.length).toBeLessThanOrEqual(50);
  for (const error of result.errors as InputIssue[]) {
    expect(error.file).toBe("fuzz.yml");
    expect(error.line, formatIssue(error)).toBeTypeOf("number");
    expect(error.message.length).toBeGreaterThan(0);
  }
}

describe("parseConfig on arbitrary input", fuzzTimeout, () => {
  it("returns located issues for text made of YAML's structural characters", () => {
    fc.assert(fc.property(yamlText, expectTypedIssues), { numRuns: 400 });
  });

  it("returns located issues for arbitrary Unicode text", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 300 }), expectTypedIssues), { numRuns: 300 });
  });

  it("returns located issues for a valid config with random edits", () => {
    fc.assert(fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (edits) => expectTypedIssues(mutate(valid, edits))), { numRuns: 400 });
  });

  it("returns located issues for any JSON-like document written as YAML", () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 4, withNullPrototype: false, withBigInt: false, withDate: false, withMap: false, withSet: false, withTypedArray: false, withSparseArray: false }), (value) =>
        expectTypedIssues(stringify(value) ?? ""),
      ),
      { numRuns: 200 },
    );
  });

  it("returns located issues for a valid document with one field replaced by anything", () => {
    const paths: (string | number)[][] = [["version"], ["scenarios"], ["scenarios", 0], ["scenarios", 0, "runs"], ["scenarios", 0, "units"], ["budgets", 0, "maxIncreasePct"], ["location"], ["compare"]];
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue({ maxDepth: 3 }), (path, value) => {
        const document = parseConfig(valid);
        if (!document.ok) throw new Error("the valid config must parse");
        const raw = structuredClone(document.value) as unknown as Record<string | number, unknown>;
        let node = raw;
        for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
        node[path[path.length - 1]!] = value;
        expectTypedIssues(stringify(raw));
      }),
      { numRuns: 300 },
    );
  });
});

describe("findYamlExcess", fuzzTimeout, () => {
  it("lets every real-sized config through", () => {
    expect(findYamlExcess(valid)).toBeNull();
    const thousand = `version: 1\nscenarios:\n${Array.from({ length: 1000 }, (_, i) => `  - name: s${i}\n    run: python bench.py --scenario s${i} --threads 4\n    unit: token\n    env: { A: "1", B: "2" }\n`).join("")}`;
    expect(findYamlExcess(thousand)).toBeNull();
  });

  it("stops at nesting deeper than the limit, in any mix of flow and block levels", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("flow-seq", "flow-map", "block-seq", "block-map"), { minLength: 101, maxLength: 300 }), (levels) => {
        let text = "version: 1\nx:";
        let indent = 0;
        let inFlow = false;
        for (const level of levels) {
          if (level === "flow-seq" || inFlow) {
            text += level === "flow-map" ? " {k:" : " [";
            inFlow = true;
          } else if (level === "flow-map") {
            text += " {k:";
            inFlow = true;
          } else {
            indent += 2;
            text += level === "block-seq" ? `\n${" ".repeat(indent)}-` : `\n${" ".repeat(indent)}k:`;
          }
        }
        const excess = findYamlExcess(text);
        expect(excess?.message).toMatch(/nested at most 100 levels/);
        const result = parseConfig(text, "deep.yml");
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.errors[0]!.line).toBeTypeOf("number");
      }),
      { numRuns: 50 },
    );
  });
});
