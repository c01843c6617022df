import { describe, expect, it } from "vitest";
import { makeConfig, makePairedReport, testAssumptions, testMachine } from "../compare/make-report.test-helper.js";
import { parseReport } from "../config/parse-report.js";
import type { Report } from "../schema/report.js";
import { mergeReports } from "./merge-reports.js";

const config = makeConfig("budgets:\n  - maxIncreasePct: { fail: 5 }");

function shard(names: string[], overrides: Partial<Report> = {}): Report {
  const scenarios = Object.fromEntries(names.map((name) => [name, { base: [100, 101], head: [102, 103] }]));
  return { ...makePairedReport(scenarios, config), ...overrides };
}

const otherMachine = { ...testMachine, cpuModel: "Intel Xeon Platinum 8370C", fingerprint: "xeon-8370c/4/16" };
const otherAssumptions = { ...testAssumptions, intensityGPerKwh: 50 };

describe("mergeReports", () => {
  it("puts the scenarios of two shards together in config order, summing the meter's CPU time", () => {
    const one = shard(["long"], { meter: { cpuS: 1.5, sampleHz: 10, energyJ: 20 }, createdAt: "2026-11-28T10:00:00.000Z" });
    const two = shard(["chat"], { meter: { cpuS: 2.25, sampleHz: 10, energyJ: 30 }, createdAt: "2026-11-28T11:00:00.000Z" });
    const result = mergeReports([
      { report: one, file: "shard-1.json" },
      { report: two, file: "shard-2.json" },
    ]);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.value.scenarios.map((s) => s.name)).toEqual(["chat", "long"]);
    expect(result.value.meter).toEqual({ cpuS: 3.75, sampleHz: 10, energyJ: 50 });
    expect(result.value.createdAt).toBe("2026-11-28T11:00:00.000Z");
    expect(result.warnings).toEqual([]);
    // Same machine and assumptions everywhere: nothing moves down onto the scenarios.
    expect(result.value.scenarios.every((s) => s.machine === undefined && s.assumptions === undefined)).toBe(true);
    // What it writes is a report sci-gate reads back.
    expect(parseReport(JSON.stringify(result.value)).ok).toBe(true);
  });

  it("keeps each shard's own machine and assumptions on its scenarios when they differ", () => {
    const one = shard(["chat"]);
    const two = shard(["long"], { machine: otherMachine, assumptions: otherAssumptions });
    const result = mergeReports([
      { report: one, file: "a.json" },
      { report: two, file: "b.json" },
    ]);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const [chat, long] = result.value.scenarios;
    expect(result.value.machine).toEqual(testMachine);
    expect(chat?.machine).toBeUndefined();
    expect(long?.machine).toEqual(otherMachine);
    expect(long?.assumptions?.intensityGPerKwh).toBe(50);
  });

  it("does not overwrite a scenario that already carries its own machine", () => {
    const nested = shard(["long"], { machine: otherMachine });
    const pinned = { ...testMachine, fingerprint: "pinned" };
    nested.scenarios[0]!.machine = pinned;
    const result = mergeReports([
      { report: shard(["chat"]), file: "a.json" },
      { report: nested, file: "b.json" },
    ]);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.value.scenarios[1]?.machine).toEqual(pinned);
  });

  it("refuses a scenario measured by two shards, naming both files", () => {
    const result = mergeReports([
      { report: shard(["chat"]), file: "shard-1.json" },
      { report: shard(["long", "chat"]), file: "shard-2.json" },
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ file: "shard-2.json", path: "scenarios[1].name" });
    expect(result.errors[0]?.message).toContain('scenario "chat" is also in shard-1.json (scenarios[0])');
  });

  it("refuses shards of different head commits, and fills a sha one shard did not know", () => {
    const revision = (sha: string | null) => ({ head: { sha, ref: "pr", configHash: null } });
    const clash = mergeReports([
      { report: shard(["chat"], { revisions: revision("aaa") }), file: "a.json" },
      { report: shard(["long"], { revisions: revision("bbb") }), file: "b.json" },
    ]);
    expect(clash.ok).toBe(false);
    if (!clash.ok) {
      expect(clash.errors[0]).toMatchObject({ file: "b.json", path: "revisions.head.sha" });
      expect(clash.errors[0]?.message).toContain("aaa of a.json, got bbb");
    }
    const filled = mergeReports([
      { report: shard(["chat"], { revisions: revision(null) }), file: "a.json" },
      { report: shard(["long"], { revisions: revision("ccc") }), file: "b.json" },
    ]);
    expect(filled.ok && filled.value.revisions.head?.sha).toBe("ccc");
  });

  it("refuses shards whose base configs differ, and only warns about differing head configs", () => {
    const looser = makeConfig("budgets:\n  - maxIncreasePct: { fail: 50 }");
    const base = mergeReports([
      { report: shard(["chat"]), file: "a.json" },
      { report: shard(["long"], { configs: { base: looser, head: config } }), file: "b.json" },
    ]);
    expect(base.ok).toBe(false);
    if (!base.ok) expect(base.errors[0]).toMatchObject({ file: "b.json", path: "configs.base" });
    const head = mergeReports([
      { report: shard(["chat"]), file: "a.json" },
      { report: shard(["long"], { configs: { base: config, head: looser } }), file: "b.json" },
    ]);
    expect(head.ok).toBe(true);
    if (head.ok) {
      expect(head.value.configs.head).toEqual(config);
      expect(head.warnings[0]).toContain("different head config");
    }
  });

  it("combines status: interrupted anywhere, errors prefixed by their file; unknown meter energy stays unknown", () => {
    const one = shard(["chat"], { status: { interrupted: false, errors: ["chat head run 3 exited with code 1"] } });
    const two = shard(["long"], { status: { interrupted: true, errors: [] }, meter: { cpuS: 1, sampleHz: 10, energyJ: null } });
    const result = mergeReports([
      { report: one, file: "a.json" },
      { report: two, file: "b.json" },
    ]);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.value.status).toEqual({ interrupted: true, errors: ["a.json: chat head run 3 exited with code 1"] });
    expect(result.value.meter.energyJ).toBeNull();
  });

  it("refuses an empty list", () => {
    expect(mergeReports([]).ok).toBe(false);
  });
});
