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
  ["unknown country", valid.replace("country: FR", "country: XX"), 'sci-gate.yml:2 location.country: Unknown country "XX". Did you mean XK (Kosovo), MX (Mexico)?'],
  ["country without an Ember figure", valid.replace("country: FR", "country: MC"), "sci-gate.yml:2 location.country: no Ember figure for Monaco (MC) in @tgwf/co2 0.19.0: give a zone or an explicit intensityGPerKwh with its source"],
  ["unknown zone", valid.replace("country: FR", "zone: US-MIDA-PJN"), 'sci-gate.yml:2 location.zone: Unknown Electricity Maps zone "US-MIDA-PJN". Did you mean "US-MIDA-PJM"?'],
  ["zone year not in the data", valid.replace("{ country: FR }", "{ zone: FR, year: 2019 }"), 'sci-gate.yml:2 location.year: @tgwf/co2 0.19.0 has no 2019 average for zone "FR"; available years: 2021, 2022, 2023, 2024, 2025.'],
  ["unknown power model", `${valid}hardware:\n  cpu: { powerModel: ccf-intel-cascadelake }\n`, 'sci-gate.yml:19 hardware.cpu.powerModel: Unknown power model "ccf-intel-cascadelake". Did you mean "ccf-intel-cascade-lake"'],
  ["power model without its TDP", `${valid}hardware:\n  cpu:\n    powerModel: teads-tdp\n`, 'sci-gate.yml:20 hardware.cpu.powerModel: Power model "teads-tdp" needs tdpW (the chip\'s thermal design power in watts).'],
  ["hardware as a number", `${valid}hardware: 5\n`, "sci-gate.yml:18 hardware: expected a mapping with keys cpu, memory, embodied, gpus, idleBaseline, got 5"],
  ["compare as a number", valid.replace("compare: { confidence: 0.95, minPairs: 5 }", "compare: 5"), "sci-gate.yml:17 compare: expected a mapping with keys confidence, minPairs, order, seed, headline, got 5"],
  ["sampling as a number", `${valid}sampling: 5\n`, "sci-gate.yml:18 sampling: expected a mapping with keys hz, got 5"],
  ["github as a number", `${valid}github: 5\n`, "sci-gate.yml:18 github: expected a mapping with keys acceptLabel, got 5"],
  ["a budget as a number", valid.replace(/budgets:[\s\S]*compare/, "budgets:\n  - 5\ncompare"), "sci-gate.yml:13 budgets[0]: expected a mapping with keys scenario, maxIncreasePct, maxSciGPerUnit, enforce, got 5"],
  ["a scenario as a number", "version: 1\nscenarios:\n  - 5\n", "sci-gate.yml:3 scenarios[0]: expected a mapping with keys name, run, cwd, env, unit, units, warmup, runs, timeout, volume, got 5"],
  ["a null scenario", "version: 1\nscenarios:\n  - null\n", "sci-gate.yml:3 scenarios[0]: expected a mapping with keys name, run, cwd, env, unit, units, warmup, runs, timeout, volume, got null"],
  ["maxIncreasePct as a number", valid.replace("maxIncreasePct: { warn: 3, fail: 5 }", "maxIncreasePct: 5"), "sci-gate.yml:14 budgets[0].maxIncreasePct: expected a mapping with keys warn, fail, got 5"],
  ["gpus as a number", `${valid}hardware:\n  gpus: 5\n`, "sci-gate.yml:19 hardware.gpus: expected a list of mappings with keys model, embodiedKg, lifetimeYears, source, got 5"],
  ["env as a number", valid.replace("    warmup: 1", "    env: 5\n    warmup: 1"), "sci-gate.yml:9 scenarios[0].env: expected a mapping of names to text values, got 5"],
  ["location as a bare code", valid.replace("location: { country: FR }", "location: FR"), 'sci-gate.yml:2 location: expected a mapping such as { country: FR }, { zone: US-MIDA-PJM, year: 2024 } or { intensityGPerKwh: 56, source: "my utility 2025" }, got "FR"'],
  ["two YAML documents", `${valid}---\nversion: 1\n`, "sci-gate.yml:18: invalid YAML: expected one YAML document, found a second at line 18"],
  ["a !!binary value", valid.replace("version: 1", "version: !!binary MQ=="), "sci-gate.yml:1 version: expected version: 1, got binary data"],
  ["budget for a misspelt scenario", valid.replace('scenario: "*"', "scenario: caht"), 'sci-gate.yml:13 budgets[0].scenario: no scenario named "caht" (did you mean "chat"?)'],
  ["embodied share above 1", `${valid}hardware:\n  embodied: { totalKg: 1000, resourcesReserved: 64, resourcesTotal: 4, source: "vendor LCA" }\n`, "sci-gate.yml:19 hardware.embodied.resourcesReserved: expected resourcesReserved (64) to be at most resourcesTotal (4): a run cannot reserve more than the whole machine (are the two swapped?)"],
  ["ceiling per another unit, named scenario", valid.replace('scenario: "*"', "scenario: chat").replace('"0.4 mg per 1k tokens"', '"2 g per request"'), 'sci-gate.yml:15 budgets[0].maxSciGPerUnit.fail: expected a ceiling per token (the unit of scenario "chat"), got "2 g per request", which is per request'],
  ["ceiling per another unit, every scenario", valid.replace('"0.4 mg per 1k tokens"', '"0.4 mg per 1k images"'), 'sci-gate.yml:15 budgets[0].maxSciGPerUnit.fail: expected a ceiling per the unit of every scenario it applies to, but "0.4 mg per 1k images" is per images and scenario "chat" counts token; give that scenario a budget of its own'],
];

describe("parseConfig error messages", () => {
  it.each(malformed)("%s", (_name, text, expected) => {
    const errors = errorsOf(text);
    expect(errors[0]).toContain(expected);
  });

  it("names a line in every message of the corpus, whole-file ones included, and never zod's or yaml's own wording", () => {
    for (const [name, text] of malformed) {
      const result = parseConfig(text);
      expect(result.ok, name).toBe(false);
      if (result.ok) continue;
      for (const error of result.errors) {
        expect(error.line, formatIssue(error)).not.toBeNull();
        expect(error.message, formatIssue(error)).not.toMatch(/Invalid input|received|parseAllDocuments|"type":"Buffer"/);
      }
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

describe("parseConfig on what only the data can confirm", () => {
  it("accepts a ceiling per the scenario's unit, singular or plural, or with no unit word", () => {
    for (const ceiling of ['"0.4 mg per 1k tokens"', '"3 mg per token"', '"0.4 mg per 1,000 tokens"', '"5 g per 1M"', "0.0004"]) {
      const result = parseConfig(valid.replace('"0.4 mg per 1k tokens"', ceiling));
      expect(result.ok, ceiling).toBe(true);
    }
  });

  it("checks a \"*\" ceiling only against the scenarios it still decides for", () => {
    // A named budget with its own ceilings replaces the "*" ones for "chat", so "per image" concerns only "draw".
    const text = `version: 1
scenarios:
  - { name: chat, run: x, unit: token }
  - { name: draw, run: y, unit: image }
budgets:
  - scenario: "*"
    maxSciGPerUnit: { fail: "2 g per image" }
  - scenario: chat
    maxSciGPerUnit: { fail: "0.4 mg per 1k tokens" }
`;
    expect(parseConfig(text).ok).toBe(true);
    const errors = errorsOf(text.replace("  - scenario: chat\n    maxSciGPerUnit: { fail: \"0.4 mg per 1k tokens\" }\n", ""));
    expect(errors).toEqual([
      'sci-gate.yml:7 budgets[0].maxSciGPerUnit.fail: expected a ceiling per the unit of every scenario it applies to, but "2 g per image" is per image and scenario "chat" counts token; give that scenario a budget of its own',
    ]);
  });

  it("returns the grid note for UK as a warning at its line", () => {
    const result = parseConfig(valid.replace("country: FR", "country: UK"));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings.map(formatIssue)).toEqual([
      'sci-gate.yml:2 location.country: country "UK" read as GB (United Kingdom): UK is not an ISO 3166-1 code, only reserved for that country',
    ]);
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
