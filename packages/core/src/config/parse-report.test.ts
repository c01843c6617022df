import { describe, expect, it } from "vitest";
import { makeConfig, makePairedReport } from "../compare/make-report.test-helper.js";
import { formatIssue } from "./issues.js";
import { parseReport } from "./parse-report.js";

const report = makePairedReport({ chat: { base: [100, 101], head: [102, 103] } }, makeConfig(""));
const text = JSON.stringify(report, null, 2);
/** The 1-based line of the n-th (0-based) occurrence of `needle` in `text`. */
const lineOf = (haystack: string, needle: string, n = 0) => {
  let at = -1;
  for (let i = 0; i <= n; i++) at = haystack.indexOf(needle, at + 1);
  return haystack.slice(0, at).split("\n").length;
};

describe("parseReport error messages", () => {
  it("name the line of the offending value, not only its path", () => {
    const edited = structuredClone(report);
    edited.scenarios[0]!.runs[2]!.energyJ.total = -1;
    edited.scenarios[0]!.runs[2]!.energyJ.cpu = -1;
    const editedText = JSON.stringify(edited, null, 2);
    const result = parseReport(editedText, "report.json");
    if (result.ok) throw new Error("expected the report to be refused");
    // The third run's "cpu": -1 and "total": -1 are the first occurrences of those texts.
    expect(result.errors.map(formatIssue)).toEqual([
      `report.json:${lineOf(editedText, '"cpu": -1')} scenarios[0].runs[2].energyJ.cpu: expected CPU energy in joules (a number ≥ 0), got -1`,
      `report.json:${lineOf(editedText, '"total": -1')} scenarios[0].runs[2].energyJ.total: expected total energy in joules (a number ≥ 0), got -1`,
    ]);
  });

  it("say what was expected in plain words where the schema gives none of its own", () => {
    const edited = JSON.parse(text) as { scenarios: { runs: Record<string, unknown>[] }[]; machine: unknown };
    edited.scenarios[0]!.runs[0]!.index = "first";
    edited.machine = 5;
    const result = parseReport(JSON.stringify(edited, null, 2), "report.json");
    if (result.ok) throw new Error("expected the report to be refused");
    const messages = result.errors.map(formatIssue);
    expect(messages).toContainEqual(expect.stringMatching(/^report\.json:\d+ machine: expected a mapping with keys cpuModel, vcpus, memoryGiB, gpus, os, arch, githubHosted, virtualised, fingerprint, got 5$/));
    expect(messages).toContainEqual(expect.stringMatching(/^report\.json:\d+ scenarios\[0\]\.runs\[0\]\.index: expected a number, got "first"$/));
    for (const message of messages) expect(message).not.toMatch(/Invalid input|received/);
  });

  it("refuse a run whose total is not cpu + gpu + memory, naming the run and the figures", () => {
    const edited = structuredClone(report);
    // base run 1 (runs[1]): cpu 101 J, so a total of 150 J claims 49 J that no component holds.
    edited.scenarios[0]!.runs[1]!.energyJ = { cpu: 101, gpu: 0, memory: 0, total: 150 };
    const editedText = JSON.stringify(edited, null, 2);
    const result = parseReport(editedText, "report.json");
    if (result.ok) throw new Error("expected the report to be refused");
    expect(result.errors.map(formatIssue)).toEqual([
      `report.json:${lineOf(editedText, '"total": 150')} scenarios[0].runs[1].energyJ.total: expected energyJ.total to be cpu + gpu + memory: scenario "chat" runs[1] (${edited.scenarios[0]!.runs[1]!.revision} run ${edited.scenarios[0]!.runs[1]!.index}) has total 150 J, but 101 + 0 + 0 = 101 J`,
    ]);
  });

  it("accepts totals that differ from the sum only by rounding", () => {
    const edited = structuredClone(report);
    // 0.1 + 0.2 = 0.30000000000000004 in binary floating point; a meter may write 0.3.
    edited.scenarios[0]!.runs[0]!.energyJ = { cpu: 0.1, gpu: 0.2, memory: 0, total: 0.3 };
    expect(parseReport(JSON.stringify(edited)).ok).toBe(true);
    // 1e-9 relative is the limit: 1000 J against 1000.000002 J (2e-9 relative) is refused.
    edited.scenarios[0]!.runs[0]!.energyJ = { cpu: 1000, gpu: 0, memory: 0, total: 1000.000002 };
    expect(parseReport(JSON.stringify(edited)).ok).toBe(false);
    edited.scenarios[0]!.runs[0]!.energyJ = { cpu: 1000, gpu: 0, memory: 0, total: 1000.0000005 };
    expect(parseReport(JSON.stringify(edited)).ok).toBe(true);
  });
});
