import { it } from "vitest";
import { parseConfig, parseReport } from "@sci-gate/core";
it("nasty", () => {
  const cases: Record<string,string> = {
    deepFlow: "version: 1\nscenarios: " + "[".repeat(100000) + "]".repeat(100000),
    deepBlock: "version: 1\nx:\n" + Array.from({length: 5000}, (_, i) => " ".repeat(i+1) + "- ").join("\n"),
    deepMap: "version: 1\nscenarios: " + "{a: ".repeat(50000) + "1" + "}".repeat(50000),
    manyAnchors: "version: 1\n" + Array.from({length: 20000}, (_, i) => `k${i}: &a${i} v`).join("\n"),
    aliasKey: "version: 1\n*a : 1\n",
    undefAlias: "version: 1\nscenarios: *nope\n",
    tags: "version: !!binary aGVsbG8=\nscenarios: !!set {a, b}\n",
    customTag: "version: !js/function 'x'\n",
    mergeKey: "version: 1\n<<: {scenarios: []}\n",
    multiDoc: "version: 1\n---\nversion: 2\n",
    proto: "version: 1\n__proto__: {polluted: true}\nscenarios: [{name: a, run: x, unit: token}]\n",
    ctor: "version: 1\nconstructor: {prototype: {x: 1}}\nscenarios: [{name: a, run: x, unit: token}]\n",
    nul: "version: 1\x00\nscenarios: []\n",
    hugeNum: "version: 1\nscenarios: [{name: a, run: x, unit: token, runs: 1e400}]\n",
    bigint: "version: 1\nscenarios: [{name: a, run: x, unit: token, runs: 123456789012345678901234567890}]\n",
    nan: "version: 1\nscenarios: [{name: a, run: x, unit: token, timeout: .nan}]\n",
    inf: "version: 1\nscenarios: [{name: a, run: x, unit: token, timeout: .inf}]\n",
    dupKey: "version: 1\nversion: 1\n",
    longLine: "version: 1\nscenarios: [{name: a, run: '" + "x".repeat(900000) + "', unit: token}]\n",
    tabs: "version: 1\nscenarios:\n\t- name: a\n",
    bomInMiddle: "version: 1\n\uFEFFscenarios: []\n",
    strKey: "'version': 1\n? [a]\n: 1\n",
    complexKey: "version: 1\n? {a: 1}\n: b\n",
  };
  for (const [name, text] of Object.entries(cases)) {
    const t0 = performance.now();
    try {
      const r = parseConfig(text, "c.yml");
      console.log(name, Math.round(performance.now()-t0), JSON.stringify(r.ok ? "OK "+JSON.stringify(r.value).slice(0,100) : r.errors.slice(0,2)).slice(0,300));
    } catch (e) { console.log(name, "THROW", String(e).slice(0,200)); }
  }
});
