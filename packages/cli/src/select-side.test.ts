import { describe, expect, it } from "vitest";
import { makeConfig, makePairedReport } from "../../core/src/compare/make-report.test-helper.js";
import { listRevisions, selectSide } from "./select-side.js";

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
