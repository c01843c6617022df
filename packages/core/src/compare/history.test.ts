import { describe, expect, it } from "vitest";
import { collectSciHistory } from "./history.js";
import { makeConfig, makePairedReport, testAssumptions } from "./make-report.test-helper.js";

describe("collectSciHistory", () => {
  it("gives each scenario's head SCI per unit, oldest report first, under one set of assumptions", () => {
    const config = makeConfig("");
    const older = { ...makePairedReport({ chat: { base: [1], head: [100, 400] } }, config), createdAt: "2026-11-01T00:00:00Z" };
    older.revisions = { head: { sha: "aaaaaaa111", ref: null, configHash: null } };
    const newer = { ...makePairedReport({ chat: { base: [1], head: [200, 200] } }, config), createdAt: "2026-11-20T00:00:00Z" };
    newer.revisions = { head: { sha: "bbbbbbb222", ref: null, configHash: null } };
    // Per run: energy J × 1e-4 g/J / 1,000 units. Older: geometric mean of 100 and 400 J is 200 J → 2e-5 g.
    // The newer report's own intensity is ignored: the history uses the assumptions given.
    newer.assumptions = { ...newer.assumptions, intensityGPerKwh: 9999 };
    const history = collectSciHistory([newer, older], testAssumptions);
    expect(history.chat?.map((p) => p.label)).toEqual(["aaaaaaa", "bbbbbbb"]);
    expect(history.chat?.[0]?.sciGPerUnit).toBeCloseTo(2e-5, 12);
    expect(history.chat?.[1]?.sciGPerUnit).toBeCloseTo(2e-5, 12);
  });
});
