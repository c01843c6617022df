import { describe, expect, it } from "vitest";
import { formatIssue } from "./issues.js";
import { maxConfigBytes, parseConfig } from "./parse-config.js";

const valid = `version: 1
location: { country: FR }
pue: 1.0
scenarios:
  - name: chat
    run: python bench.py --scenario chat
    unit: token
    units: { from: output-file }
    warmup: 1
    runs: 10
    timeout: 600
budgets:
  - scenario: "*"
    maxIncreasePct: { warn: 3, fail: 5 }
    maxSciGPerUnit: { fail: "0.4 mg per 1k tokens" }
    enforce: true
compare: { confidence: 0.95, minPairs: 5 }
`;

function errorsOf(text: string): string[] {
  const result = parseConfig(text, "sci-gate.yml");
  if (result.ok) throw new Error("expected the config to be refused");
  return result.errors.map(formatIssue);
}

describe("parseConfig on a valid config", () => {
  it("returns typed values with defaults filled in and ceilings in grams per unit", () => {
    const result = parseConfig(valid);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.scenarios[0]).toMatchObject({ name: "chat", unit: "token", runs: 10, warmup: 1, timeout: 600 });
    // 0.4 mg per 1,000 tokens = 0.0004 g / 1000 = 4e-7 g per token
    expect(result.value.budgets[0]?.maxSciGPerUnit?.fail).toBeCloseTo(4e-7, 15);
    expect(result.value.sampling.hz).toBe(10);
    expect(result.value.compare.order).toBe("abba");
  });

  it("fills defaults for a minimal config", () => {
    const result = parseConfig("version: 1\nscenarios:\n  - { name: a, run: 'true', unit: request }\n");
    expect(result.ok && result.value.scenarios[0]?.units).toEqual({ from: "output-file" });
    expect(result.ok && result.value.scenarios[0]?.runs).toBe(10);
    expect(result.ok && result.value.budgets).toEqual([]);
  });
});

/** Each malformed config, with the exact first message a user sees (file, line, path, what was expected). */
const malformed: Array<[string, string, string]> = [
  ["empty file", "", "sci-gate.yml:1: expected a config document with version: 1 and scenarios, got an empty file"],
  ["a list at the top", "- a\n- b\n", "sci-gate.yml:1: expected a mapping at the top level (version, scenarios, budgets …)"],
  ["YAML syntax error", "version: 1\nscenarios: [\n", "sci-gate.yml:3: invalid YAML:"],
  ["duplicate key", "version: 1\nversion: 1\n", "sci-gate.yml:2: invalid YAML: Map keys must be unique"],
  ["wrong version", valid.replace("version: 1", "version: 2"), "sci-gate.yml:1 version: expected version: 1, got 2"],
  ["missing scenarios", "version: 1\n", "sci-gate.yml:1 scenarios: missing; expected a list of scenarios"],
  ["empty scenarios", "version: 1\nscenarios: []\n", "sci-gate.yml:2 scenarios: expected at least one scenario, got a list of 0"],
  ["unknown top key", valid.replace("pue: 1.0", "peu: 1.0"), 'sci-gate.yml:3 peu: unknown key "peu" (did you mean "pue"?)'],
  ["unknown scenario key", valid.replace("    warmup: 1", "    warmpu: 1"), 'sci-gate.yml:9 scenarios[0].warmpu: unknown key "warmpu" (did you mean "warmup"?)'],
  ["percent as a word", valid.replace("fail: 5 }", "fail: ten }"), 'sci-gate.yml:14 budgets[0].maxIncreasePct.fail: expected a number of percent between 0 and 1000, got "ten"'],
  ["negative percent", valid.replace("warn: 3", "warn: -3"), "sci-gate.yml:14 budgets[0].maxIncreasePct.warn: expected a number of percent between 0 and 1000, got -3"],
  ["warn above fail", valid.replace("warn: 3, fail: 5", "warn: 9, fail: 5"), "sci-gate.yml:14 budgets[0].maxIncreasePct: expected warn to be at most fail"],
  ["ceiling text unreadable", valid.replace('"0.4 mg per 1k tokens"', '"a little"'), 'sci-gate.yml:15 budgets[0].maxSciGPerUnit.fail: expected grams per unit, as a number or text like "0.4 mg per 1k tokens", got "a little"'],
  ["zero runs", valid.replace("runs: 10", "runs: 0"), "sci-gate.yml:10 scenarios[0].runs: expected a number of runs between 1 and 1000, got 0"],
  ["fractional runs", valid.replace("runs: 10", "runs: 2.5"), "sci-gate.yml:10 scenarios[0].runs: expected a number of runs between 1 and 1000, got 2.5"],
  ["absurd timeout", valid.replace("timeout: 600", "timeout: 1e9"), "sci-gate.yml:11 scenarios[0].timeout: expected a timeout in seconds between 1 and 86400, got 1000000000"],
  ["PUE below 1", valid.replace("pue: 1.0", "pue: 0.5"), "sci-gate.yml:3 pue: expected a PUE between 1 and 3, got 0.5"],
  ["unit in capitals", valid.replace("unit: token", "unit: Token"), 'sci-gate.yml:7 scenarios[0].unit: expected a functional unit in lower case, such as token, request or image, got "Token"'],
  ["unknown units source", valid.replace("from: output-file", "from: stdout"), 'sci-gate.yml:8 scenarios[0].units.from: expected units.from to be one of output-file, json-file, stdout-regex, vllm, llama-bench, fixed, got "stdout"'],
  ["json-file without path", valid.replace("{ from: output-file }", "{ from: json-file, file: out.json }"), "sci-gate.yml:8 scenarios[0].units.path: missing; expected a dotted path inside that JSON (e.g. results.total_tokens) (text)"],
  ["empty command", valid.replace("run: python bench.py --scenario chat", 'run: ""'), 'sci-gate.yml:6 scenarios[0].run: expected the shell command that runs the scenario (non-empty text), got ""'],
  ["scenario name with a pipe", valid.replace("name: chat", 'name: "a|b"'), "sci-gate.yml:5 scenarios[0].name: expected a scenario name (letters, digits, '.', '_' or '-', starting with a letter or digit, up to 64 characters), got \"a|b\""],
  ["two locations", valid.replace("{ country: FR }", "{ country: FR, zone: FR }"), "sci-gate.yml:2 location: expected exactly one of country, zone or intensityGPerKwh"],
  ["intensity without source", valid.replace("{ country: FR }", "{ intensityGPerKwh: 56 }"), "sci-gate.yml:2 location.source: expected a source for the explicit intensity (e.g. \"my utility 2025\")"],
  ["enforce as text", valid.replace("enforce: true", "enforce: yes please"), 'sci-gate.yml:16 budgets[0].enforce: expected true or false, got "yes please"'],
  ["budget for a missing scenario", valid.replace('scenario: "*"', "scenario: chta"), 'sci-gate.yml:13 budgets[0].scenario: no scenario named "chta"'],
  ["confidence out of range", valid.replace("confidence: 0.95", "confidence: 95"), "sci-gate.yml:17 compare.confidence: expected a confidence level between 0.5 and 0.999, got 95"],
  ["scenarios as a map", "version: 1\nscenarios:\n  chat: { run: x }\n", 'sci-gate.yml:3 scenarios: expected a list of scenarios, got {"chat":{"run":"x"}}'],
  ["duplicate scenario names", `${valid.split("budgets:")[0]}  - name: chat\n    run: other\n    unit: token\n`, 'sci-gate.yml:12 scenarios[1].name: duplicate scenario name "chat" (also scenarios[0])'],
];

describe("parseConfig error messages", () => {
  it.each(malformed)("%s", (_name, text, expected) => {
    const errors = errorsOf(text);
    expect(errors[0]).toContain(expected);
  });

  it("names a line in every message of the corpus, whole-file ones included", () => {
    for (const [, text] of malformed) {
      const result = parseConfig(text);
      if (result.ok) continue;
      for (const error of result.errors) expect(error.line, formatIssue(error)).not.toBeNull();
    }
  });

  it("refuses alias bombs instead of expanding them", () => {
    const bomb = ["version: 1", "a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 0; i < 8; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(", ")}]`);
    const errors = errorsOf(bomb.join("\n"));
    // Located at the first alias (line 3), so the user sees where the expansion starts.
    expect(errors[0]).toMatch(/^sci-gate\.yml:3: refused YAML aliases/);
  });

  it("refuses a config over the size limit without parsing it", () => {
    const errors = errorsOf(`# ${"x".repeat(maxConfigBytes)}`);
    expect(errors[0]).toMatch(/expected a config of at most 1048576 bytes/);
  });
});

describe("findConfigLine", () => {
  it("points at the budget entry a verdict came from", async () => {
    const { findConfigLine } = await import("./parse-config.js");
    expect(findConfigLine(valid, ["budgets", 0])).toBe(13);
    expect(findConfigLine(valid, ["budgets", 0, "maxIncreasePct"])).toBe(14);
    expect(findConfigLine("a: [", ["a"])).toBeNull();
  });
});
