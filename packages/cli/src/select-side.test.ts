import { describe, expect, it } from "vitest";
import { makeConfig, makePairedReport } from "../../core/src/compare/make-report.test-helper.js";
import { isSameSession, listRevisions, selectSide, selectSides } from "./select-side.js";

const config = makeConfig("");

describe("selectSide", () => {
  it("relabels a single-revision report as the side asked for, dropping pairs", () => {
    const report = makePairedReport({ chat: { base: [], head: [1, 2] } }, config);
    report.configs = { head: config };
    report.revisions = { head: { sha: "abc", ref: "main", configHash: null } };
    const base = selectSide(report, "base");
    expect(listRevisions(base)).toEqual(["base"]);
    expect(base.scenarios[0]?.runs.map((r) => [r.revision, r.pair])).toEqual([
      ["base", null],
      ["base", null],
    ]);
    expect(base.revisions).toEqual({ base: { sha: "abc", ref: "main", configHash: null } });
    expect(base.configs).toEqual({ base: config });
  });

  it("keeps the side asked for from a report holding both", () => {
    const report = makePairedReport({ chat: { base: [1, 2, 3], head: [4, 5] } }, config);
    expect(selectSide(report, "head").scenarios[0]?.runs).toHaveLength(2);
    expect(selectSide(report, "base").scenarios[0]?.runs).toHaveLength(3);
  });
});

describe("selectSides", () => {
  it("keeps the pairs when both files are the same interleaved session", () => {
    const report = makePairedReport({ chat: { base: [1, 2, 3], head: [4, 5, 6] } }, config);
    const sides = selectSides(report, structuredClone(report));
    expect(sides.paired).toBe(true);
    expect(sides.base.scenarios[0]?.runs.map((r) => [r.revision, r.pair])).toEqual([
      ["base", 0],
      ["base", 1],
      ["base", 2],
    ]);
    expect(sides.head.scenarios[0]?.runs.map((r) => r.pair)).toEqual([0, 1, 2]);
  });

  it("drops them for two sessions, even with the same pair ids", () => {
    const first = makePairedReport({ chat: { base: [1, 2, 3], head: [4, 5, 6] } }, config);
    const second = { ...makePairedReport({ chat: { base: [1, 2, 3], head: [4, 5, 6] } }, config), createdAt: "2026-11-29T00:00:00.000Z" };
    const sides = selectSides(first, second);
    expect(sides.paired).toBe(false);
    expect(sides.head.scenarios[0]?.runs.map((r) => r.pair)).toEqual([null, null, null]);
    expect(sides.base.scenarios[0]?.runs.map((r) => r.pair)).toEqual([null, null, null]);
  });

  it("drops them when the ids differ, or there are none", () => {
    const report = makePairedReport({ chat: { base: [1, 2, 3], head: [4, 5, 6] } }, config);
    const fewer = structuredClone(report);
    fewer.scenarios[0]!.runs = fewer.scenarios[0]!.runs.filter((r) => r.pair !== 2);
    expect(isSameSession(selectSide(report, "base", true), selectSide(fewer, "head", true))).toBe(false);
    const alone = makePairedReport({ chat: { base: [], head: [1, 2] } }, config);
    alone.scenarios[0]!.runs = alone.scenarios[0]!.runs.map((r) => ({ ...r, pair: null }));
    expect(selectSides(alone, structuredClone(alone)).paired).toBe(false);
  });

  it("never pairs a head-only report used as the base with itself, whatever its ids", () => {
    const alone = makePairedReport({ chat: { base: [], head: [1, 2] } }, config);
    expect(alone.scenarios[0]?.runs.map((r) => r.pair)).toEqual([0, 1]);
    expect(selectSides(alone, structuredClone(alone)).paired).toBe(false);
  });
});
