import { outcomes } from "@sci-gate/core";
import { describe, expect, it } from "vitest";
import { batchInconclusive, buildComparison, chatFail, embedPass, relativeVerdict, summariseWarn } from "./fixtures.test-helper.js";
import { describeBudget, describeCounts, describeTally, formatVerdict, selectDecidingVerdict, selectWorstScenarios } from "./outcome-text.js";
import { selectSciScale } from "./scale.js";

describe("describeCounts", () => {
  it("tallies worst first and leaves out zero counts", () => {
    const counts = { error: 1, fail: 1, warn: 1, inconclusive: 1, pass: 2 };
    expect(describeCounts(counts, "markdown")).toBe("💥 1 scenario failed to run · ❌ 1 over budget · ⚠️ 1 near budget · ⚪ 1 inconclusive · ✅ 2 within budget");
    expect(describeCounts({ error: 0, fail: 2, warn: 0, inconclusive: 0, pass: 0 }, "plain")).toBe("2 scenarios over budget");
    expect(describeCounts(Object.fromEntries(outcomes.map((o) => [o, 0])) as Record<(typeof outcomes)[number], number>, "plain")).toBe("no scenarios compared");
  });
});

describe("describeTally", () => {
  const accept = (diff: typeof chatFail, by: string) => ({ ...diff, outcome: "pass" as const, accepted: { by, label: "carbon-ok", outcomeBefore: "fail" as const } });
  const unbudgeted = { ...embedPass, verdicts: [] };

  it("counts accepted regressions and scenarios without a budget apart from those within budget", () => {
    const comparison = buildComparison([summariseWarn, accept(chatFail, "alice"), accept({ ...chatFail, name: "chat-2" }, "bob"), unbudgeted, embedPass]);
    expect(describeTally(comparison, "markdown")).toBe(
      "⚠️ 1 scenario near budget · ✅ 2 accepted regressions (@alice, carbon-ok; @bob, carbon-ok) · ✅ 1 within budget · ➖ 1 with no budget",
    );
    expect(describeTally(buildComparison([unbudgeted]), "plain")).toBe("1 scenario with no budget");
    // describeCounts, from counts alone, still says what it always did.
    expect(describeCounts(comparison.counts, "plain")).toBe("1 scenario near budget, 4 within budget");
  });

  it("leads with the suite's own failure when no scenario shows it", () => {
    const comparison = buildComparison([embedPass], { errors: ["head.json: the head's measurement was interrupted"] });
    expect(describeTally(comparison, "markdown")).toBe("💥 the suite failed · ✅ 1 scenario within budget");
    expect(describeTally(buildComparison([], { errors: ["x"] }), "plain")).toBe("the suite failed");
  });
});

describe("verdicts", () => {
  it("names the budget that decided, in the row's scale", () => {
    expect(formatVerdict(chatFail, null, "markdown")).toBe("❌ fail (> 5 %)");
    expect(formatVerdict(summariseWarn, null, "plain")).toBe("WARN (> 2 %)");
    expect(formatVerdict(embedPass, null, "markdown")).toBe("✅ pass (budget +5 %)");
    expect(formatVerdict(batchInconclusive, null, "markdown")).toBe("⚪ inconclusive (budget +5 %, ≈ 24 pairs to resolve)");
  });

  it("says an accepted regression was a failure and by how much; a scenario without a budget has none", () => {
    const accepted = { ...chatFail, outcome: "pass" as const, verdicts: chatFail.verdicts.map((v) => ({ ...v, outcome: "pass" as const })), accepted: { by: "alice", label: "sci-gate:accept", outcomeBefore: "fail" as const } };
    // chatFail: SCI × 1.095 → +9.5 %, over the relative budget's 5 %.
    expect(formatVerdict(accepted, null, "markdown")).toBe("✅ accepted by @alice — was ❌ fail, +9.5 % over the +5 % budget");
    expect(formatVerdict(accepted, null, "plain")).toBe("PASS: accepted by @alice — was FAIL, +9.5 % over the +5 % budget");
    // A ceiling of 1.5e-5 g per token, in the row's mg per 1k tokens: head 1.9469e-5 g → 19.5 mg over 15.0 mg.
    const ceiling = { ...relativeVerdict("pass", "accepted"), kind: "absolute" as const, warnAt: null, failAt: 1.5e-5 };
    expect(formatVerdict({ ...accepted, verdicts: [ceiling] }, selectSciScale(1.78e-5), "markdown")).toBe("✅ accepted by @alice — was ❌ fail, 19.5 mg over the 15.0 mg ceiling");
    expect(formatVerdict({ ...embedPass, verdicts: [] }, null, "markdown")).toBe("➖ no budget");
    expect(formatVerdict({ ...embedPass, verdicts: [] }, null, "plain")).toBe("PASS (no budget)");
  });

  it("writes absolute ceilings in the scale of the row", () => {
    // 1.5e-5 g per token ceiling; the row's scale for 1.78e-5 g is mg per 1k tokens: 1.5e-5 × 1000 = 0.015 g = 15.0 mg.
    const ceiling = { ...relativeVerdict("fail", "above the ceiling"), kind: "absolute" as const, warnAt: null, failAt: 1.5e-5 };
    expect(describeBudget(ceiling, "fail", selectSciScale(1.78e-5))).toBe("> 15.0 mg");
    expect(describeBudget({ ...ceiling, outcome: "pass" }, "pass", selectSciScale(1.78e-5))).toBe("ceiling 15.0 mg");
    expect(describeBudget({ ...ceiling, enforced: false }, "warn", selectSciScale(1.78e-5))).toBe("> 15.0 mg, not enforced");
  });

  it("prefers an enforced verdict among those with the scenario's outcome", () => {
    const loose = relativeVerdict("warn", "loose", { enforced: false });
    const strict = relativeVerdict("warn", "strict", { budgetIndex: 1 });
    expect(selectDecidingVerdict({ ...summariseWarn, verdicts: [loose, strict] })?.reason).toBe("strict");
    expect(selectDecidingVerdict({ ...summariseWarn, verdicts: [] })).toBeNull();
  });
});

describe("selectWorstScenarios", () => {
  it("keeps the worst outcomes and returns them in their original order", () => {
    const comparison = buildComparison([embedPass, chatFail, batchInconclusive, summariseWarn]);
    expect(selectWorstScenarios(comparison.scenarios, 2).map((d) => d.name)).toEqual(["chat", "summarise"]);
    expect(selectWorstScenarios(comparison.scenarios, 10).map((d) => d.name)).toEqual(["embed", "chat", "batch-score", "summarise"]);
    expect(selectWorstScenarios(comparison.scenarios, 0)).toEqual([]);
  });
});
