import { compareReports } from "@sci-gate/core";
import { describe, expect, it } from "vitest";
import { makeConfig, makePairedReport } from "../../core/src/compare/make-report.test-helper.js";
import { acceptRegression } from "./accept-label.js";

const budget5 = makeConfig(`budgets:\n  - scenario: "*"\n    maxIncreasePct: { warn: 3, fail: 5 }`);
// Head does 20 % more work per unit on every pair: far above the 5 % budget.
const regression = { base: [100, 102, 98, 101, 99], head: [120, 122.4, 117.6, 121.2, 118.8] };

function compare(report = makePairedReport({ chat: regression }, budget5)) {
  const result = compareReports({ base: report, head: report });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

describe("acceptRegression", () => {
  it("turns a failed scenario into an accepted one, recording who and what it was", () => {
    const before = compare();
    expect(before.outcome).toBe("fail");
    const after = acceptRegression(before, "sci-gate:accept", "octocat");
    expect(after.outcome).toBe("pass");
    expect(after.counts).toMatchObject({ fail: 0, pass: 1 });
    expect(after.scenarios[0]!.accepted).toEqual({ by: "octocat", label: "sci-gate:accept", outcomeBefore: "fail" });
    expect(after.scenarios[0]!.decidedBy).toMatch(/^regression accepted by @octocat with the sci-gate:accept label/);
  });

  it("never hides a failed suite: the comparison stays an error", () => {
    const report = makePairedReport({ chat: regression }, budget5);
    report.status = { interrupted: false, errors: ["setup failed in the head tree"] };
    const before = compare(report);
    expect(before.outcome).toBe("error");
    expect(acceptRegression(before, "sci-gate:accept", "octocat").outcome).toBe("error");
  });
});
