import { describe, expect, it } from "vitest";
import {
  acceptingLogin,
  buildAcceptedCase,
  buildAllPassCase,
  buildEvilCase,
  buildInconclusiveCase,
  buildOneFailCase,
  buildSizeLimitCase,
  buildSuiteFailedCase,
  evilName,
} from "./cases.test-helper.js";
import { countMarkers, describeTableShapes, findStrayAngleBrackets, findTables } from "./markdown-checks.test-helper.js";
import type { ScenarioDiff } from "@sci-gate/core";
import { buildComparison, buildScenario, chatFail, imagePass } from "./fixtures.test-helper.js";
import { renderConsole } from "./render-console.js";
import { renderComment, renderSummary } from "./render-markdown.js";

function expectSound(body: string): void {
  expect(findStrayAngleBrackets(body)).toEqual([]);
  for (const shape of describeTableShapes(body)) expect(shape).toHaveLength(1);
}

describe("renderComment snapshots", () => {
  it("all scenarios pass", async () => {
    const body = renderComment(buildAllPassCase());
    expectSound(body);
    await expect(body).toMatchFileSnapshot("./__snapshots__/all-pass.md");
  });

  it("one scenario fails, one warns, and the head tried to loosen its budget", async () => {
    const body = renderComment(buildOneFailCase());
    expectSound(body);
    await expect(body).toMatchFileSnapshot("./__snapshots__/one-fail.md");
  });

  it("an inconclusive scenario says how many pairs would resolve it", async () => {
    const body = renderComment(buildInconclusiveCase());
    expectSound(body);
    expect(body).toContain("⚪ inconclusive (budget +5 %, ≈ 24 pairs to resolve)");
    await expect(body).toMatchFileSnapshot("./__snapshots__/inconclusive.md");
  });

  it("the suite failed", async () => {
    const body = renderComment(buildSuiteFailedCase());
    expectSound(body);
    expect(body.split("\n")[2]).toBe("### sci-gate: 💥 1 scenario failed to run · ✅ 1 within budget");
    await expect(body).toMatchFileSnapshot("./__snapshots__/suite-failed.md");
  });

  it("40 scenarios with long warnings, cut to a 5,000-character limit", async () => {
    const body = renderComment(buildSizeLimitCase(5_000));
    expect(body.length).toBeLessThanOrEqual(5_000);
    expectSound(body);
    await expect(body).toMatchFileSnapshot("./__snapshots__/size-limit.md");
  });

  it("40 scenarios with long warnings at GitHub's real limit: passing details dropped first", async () => {
    const body = renderComment(buildSizeLimitCase());
    expect(body.length).toBeLessThanOrEqual(65_000);
    expectSound(body);
    await expect(body).toMatchFileSnapshot("./__snapshots__/size-limit-default.md");
  });

  it("an accepted regression and a scenario without a budget", async () => {
    const body = renderComment(buildAcceptedCase());
    expectSound(body);
    await expect(body).toMatchFileSnapshot("./__snapshots__/accepted-regression.md");
  });

  it("a hostile scenario name, unit, warning, machine and command", async () => {
    const body = renderComment(buildEvilCase());
    expectSound(body);
    await expect(body).toMatchFileSnapshot("./__snapshots__/evil-name.md");
  });
});

describe("the headline", () => {
  it("starts with the marker and tallies outcomes worst first", () => {
    const lines = renderComment(buildOneFailCase()).split("\n");
    expect(lines[0]).toBe("<!-- sci-gate:comment:default -->");
    expect(lines[2]).toBe("### sci-gate: ❌ 1 scenario over budget · ⚠️ 1 near budget · ✅ 2 within budget");
  });

  it("gives the headline figure with its interval, worked by hand", () => {
    const body = renderComment(buildOneFailCase());
    // Base SCI: 0.9 J / 3.6e6 × 44.18 = 1.1045e-5 g operational; embodied 1.2e6 g × 11.6 s / 126,144,000 s × 4/128 / 512
    // = 6.735e-6 g; SCI 1.7780e-5 g per token × 1000 = 17.8 mg per 1k tokens.
    // Head: 0.9 × 1.095 = 0.9855 J in 11.6 × 1.095 = 12.702 s: 1.2094e-5 + 7.375e-6 = 1.9469e-5 g = 19.5 mg per 1k tokens.
    // Change 1.095 → +9.5 %; interval ln(1.095) = 0.09075 ± 0.028 → e^0.06275 − 1 = +6.5 %, e^0.11875 − 1 = +12.6 %.
    expect(body).toContain("**chat**: 17.8 mg → 19.5 mg CO2e per 1k tokens (base → head), +9.5 % (95% CI +6.5 … +12.6 %)");
  });

  it("projects a year of production traffic", () => {
    const body = renderComment(buildOneFailCase());
    // 2e9 tokens a day × 365 = 7.3e11 tokens; × 1.7780e-5 g = 1.298e7 g = 13.0 t; × 1.9469e-5 g = 1.421e7 g = 14.2 t;
    // the difference 7.3e11 × (1.9469e-5 − 1.7780e-5) g = 1.233e6 g = +1.23 t a year.
    expect(body).toContain("In production at 2 billion tokens per day: 13.0 t → 14.2 t CO2e per year (+1.23 t/yr).");
  });

  it("says the head changed the budgets and that the base's rules decided", () => {
    const body = renderComment(buildOneFailCase());
    expect(body).toContain("> [!IMPORTANT]");
    expect(body).toContain("The base branch's rules decided this comparison");
    expect(renderComment(buildAllPassCase())).not.toContain("[!IMPORTANT]");
  });
});

describe("the table", () => {
  it("has one row per scenario with its count, change, energy and the deciding budget", () => {
    const body = renderComment(buildOneFailCase());
    const table = findTables(body)[0]!;
    expect(table).toHaveLength(2 + 4);
    expect(table[0]!.split("|").map((cell) => cell.trim())).toEqual(["", "Scenario", "Figures per", "Base CO2e", "Head CO2e", "Change (95% CI)", "Energy", "Verdict", ""]);
    const chat = table[2]!.split("|").map((cell) => cell.trim());
    // Energy for the row's 1k tokens: 0.9 J × 1000 = 900 J, head 0.9855 J × 1000 = 986 J.
    expect(chat.slice(1, 8)).toEqual(["chat", "1k tokens", "17.8 mg", "19.5 mg", "+9.5 % (+6.5 … +12.6 %)", "900 → 986 J", "❌ fail (&gt; 5 %)"]);
    expect(table[3]).toContain("⚠️ warn (&gt; 2 %)");
    expect(table[4]).toContain("✅ pass (budget +5 %)");
  });

  it("shows an image scenario per image in milligrams", () => {
    const body = renderComment(buildOneFailCase());
    // 2400 J / 3.6e6 × 44.18 = 0.029453 g; embodied 1.2e6 × 41 / 126,144,000 × 4/128 / 8 = 1.5236e-3 g; SCI 0.030977 g = 31.0 mg per image.
    expect(body).toMatch(/\| image-gen +\| image +\| +31\.0 mg \|/);
  });
});

describe("column scales", () => {
  // A video scenario: 200 kJ per video in 400 s. SCI 200,000 / 3.6e6 × 44.18 = 2.4544 g operational
  // + 1.2e6 × 400 / 126,144,000 × 4/128 = 0.11891 g embodied = 2.5734 g per video; its own scale
  // would be "2.57 g" and "200 → 202 kJ", next to chat's milligrams and joules.
  const video = buildScenario({
    name: "video-gen",
    unit: "video",
    base: { energyJPerUnit: 200_000, unitsPerRun: 1, durationS: 400 },
    energyRatio: 1.01,
    halfWidthLog: 0.02,
    outcome: "pass",
    decidedBy: "within the 5 % budget",
  });
  const tableOf = (scenarios: ScenarioDiff[]) => {
    const body = renderComment({ ...buildOneFailCase(), comparison: buildComparison(scenarios), history: {} });
    return findTables(body)[0]!.slice(2).map((row) => row.split("|").map((cell) => cell.trim()));
  };

  it("keeps one mass prefix for Base and Head, and one energy prefix, down each column", () => {
    const rows = tableOf([chatFail, imagePass, video]);
    // The smallest figure, chat's 17.8 mg per 1k tokens, sets milligrams for the column:
    // image 31.0 mg → 31.2 mg; video 2.5734 g = 2,573 mg → "2,570 mg", head × 1.01 = 2.5991 g → "2,600 mg".
    expect(rows.map((row) => [row[3], row[4]])).toEqual([
      ["17.8 mg", "19.5 mg"],
      ["31.0 mg", "31.2 mg"],
      ["2,570 mg", "2,600 mg"],
    ]);
    // Energy for each row's count, in joules throughout: chat 0.9 J × 1000 tokens = 900 J (head 986 J);
    // image 2,400 J → 2,420 J; video 200,000 J → 202,000 J.
    expect(rows.map((row) => row[6])).toEqual(["900 → 986 J", "2,400 → 2,420 J", "200,000 → 202,000 J"]);
    // The count each row's figures are for.
    expect(rows.map((row) => row[2])).toEqual(["1k tokens", "image", "video"]);
  });

  it("goes down to the prefix the smallest figure needs", () => {
    // 3.5e-10 g per token is 350 µg per 1M tokens; chat's 17.8 mg is 17,800 µg in the same column.
    const tiny = buildScenario({
      name: "tiny",
      unit: "token",
      base: { energyJPerUnit: 1e-5, unitsPerRun: 100_000, durationS: 0.01 },
      outcome: "pass",
      decidedBy: "within the 5 % budget",
    });
    // 1e-5 J / 3.6e6 × 44.18 = 1.2272e-10 g + 1.2e6 × 0.01 / 126,144,000 × 4/128 / 100,000 = 2.973e-11 g
    // = 1.5245e-10 g per token → 152 µg per 1M tokens; energy 1e-5 J × 1e6 = 10.0 J per 1M tokens.
    const rows = tableOf([tiny, chatFail]);
    expect(rows.map((row) => [row[2], row[3], row[6]])).toEqual([
      ["1M tokens", "152 µg", "10.0 → 10.0 J"],
      ["1k tokens", "17,800 µg", "900 → 986 J"],
    ]);
  });
});

describe("accepted regressions and scenarios without a budget", () => {
  const body = renderComment(buildAcceptedCase());

  it("says in the headline who accepted the regression, escaped like any user string", () => {
    expect(body.split("\n")[2]).toBe(
      `### sci-gate: ✅ 1 accepted regression (@\u200b${acceptingLogin}, sci-gate:accept) · ✅ 1 within budget · ➖ 1 with no budget`,
    );
    expect(body).not.toContain(`@${acceptingLogin}`);
  });

  it("says in the verdict cell that it was a failure, and by how much", () => {
    const rows = findTables(body)[0]!.slice(2).map((row) => row.split("|").map((cell) => cell.trim()));
    // SCI × 3.75 → +275 %, over the relative budget of 5 %.
    expect(rows[0]![7]).toBe(`✅ accepted by @\u200b${acceptingLogin} — was ❌ fail, +275 % over the +5 % budget`);
    expect(rows[0]![5]).toMatch(/^\+275 % /);
  });

  it("never says a scenario without a budget is within one", () => {
    const rows = findTables(body)[0]!.slice(2).map((row) => row.split("|").map((cell) => cell.trim()));
    // SCI × 1.37 → +37.0 %, and no budget applies.
    expect(rows[1]![5]).toMatch(/^\+37\.0 % /);
    expect(rows[1]![7]).toBe("➖ no budget");
    expect(body).toContain("<summary>summarise · ➖ no budget · +37.0 %");
  });

  it("counts them apart in the console too, without emoji", () => {
    const text = renderConsole(buildAcceptedCase());
    expect(text.split("\n")[0]).toBe(`sci-gate: PASS: 1 accepted regression (@${acceptingLogin}, sci-gate:accept), 1 within budget, 1 with no budget`);
    expect(text).toMatch(new RegExp(`^chat .*PASS: accepted by @${acceptingLogin} — was FAIL, \\+275 % over the \\+5 % budget$`, "m"));
    expect(text).toMatch(/^summarise .*PASS \(no budget\)$/m);
  });
});

describe("details and charts", () => {
  it("collapses one details section per scenario with provenance", () => {
    const body = renderComment(buildOneFailCase());
    expect(body.match(/<details>/g)).toHaveLength(4);
    expect(body).toContain("| CPU            |");
    expect(body).toContain("measured:rapl");
    expect(body).toContain("- **I:** 44.18 gCO2e/kWh, location-based, France (FRA) (Ember annual average via @\u200btgwf/co2 0.19.0, FRA, latest available)");
    // The PUE source carries its own parentheses, so it follows a comma rather than nesting in more.
    expect(body).toContain("- **PUE:** 1.00, from pue in sci-gate.yml (base)\n");
    expect(body).toContain("Hodges–Lehmann");
    expect(body).toContain("AMD EPYC 7763 64-Core Processor, 4 vCPUs, 15.6 GiB");
    expect(body).toContain("NVIDIA H100 80GB HBM3");
    expect(body).toContain("- **Modelled energy:** CPU (modelled:eco-ci-epyc-7763), Memory (modelled:ccf-memory)");
  });

  it("draws base and head per scenario, and the main-branch trend", () => {
    const body = renderComment(buildOneFailCase());
    expect(body).toContain('x-axis ["chat", "summarise", "embed", "image-gen"]');
    expect(body).toContain("Scenarios count different units, so each is shown relative to its base (base = 100).");
    expect(body).toContain('title "chat: SCI on the main branch"');
    // History 1.86e-5 g per token = 18.6 mg per 1k tokens; the head's 1.9469e-5 g = 19.47 mg is the last point.
    expect(body).toContain("line [18.60, 18.50, 18.30, 18.40, 18.00, 17.90, 17.80, 17.80, 19.47]");
  });

  it("ends with the formula, the methodology link, the version, the overhead and the reproduce command", () => {
    const body = renderComment(buildOneFailCase());
    expect(body).toContain("SCI = (E · I + M) / R");
    expect(body).toContain("[methodology](https://github.com/sci-gate/sci-gate/blob/v0.1.0/docs/METHODOLOGY.md)");
    expect(body).toContain("sci-gate 0.1.0");
    // 612 J / 3.6e6 × 44.18 = 7.51e-3 g = 7.51 mg.
    expect(body).toContain("measuring used 612 J (7.51 mg CO2e)");
    expect(body).toContain("<pre>npx sci-gate compare sci-gate-report.json --config sci-gate.yml</pre>");
  });
});

describe("size", () => {
  it("stays under GitHub's limit by default, dropping the details of passing scenarios first", () => {
    const input = buildSizeLimitCase();
    const full = renderSummary(input);
    // With every scenario's details the body is far over GitHub's 65,536 characters.
    expect(full.length).toBeGreaterThan(65_536);
    expect(full.match(/<details>/g)).toHaveLength(40);
    const body = renderComment(input);
    expect(body.length).toBeLessThanOrEqual(65_000);
    // Only the passing details went (about 2,400–3,000 characters each): the 8 kept ones and the
    // 40-row table still make a full comment, not a stub.
    expect(body.length).toBeGreaterThan(20_000);
    expect(body).toContain(
      "✂️ Shortened to fit the size limit: left out the details of 32 passing scenarios. For everything, see the job summary or the report JSON.",
    );
    // Every failing and warning scenario keeps its details; no passing one does; the table, the chart and the warnings stay.
    const kept = [...body.matchAll(/<summary>(prompt-set-\d+) · /g)].map((match) => match[1]);
    const notPassing = input.comparison.scenarios.filter((diff) => diff.outcome !== "pass").map((diff) => diff.name);
    expect(kept).toEqual(notPassing);
    expect(notPassing).toHaveLength(8);
    expect(findTables(body)[0]).toHaveLength(2 + 40);
    expect(body).toContain("```mermaid");
    expect(body).toContain("shard 3 of 4 ran on a different machine type");
  });

  it("cuts rows last, keeping the worst outcomes, and says what was cut", () => {
    const body = renderComment(buildSizeLimitCase(5_000));
    expect(body).not.toContain("<details>");
    expect(body).not.toContain("```mermaid");
    expect(body).toMatch(/left out the per-scenario details, the charts, \d+ of 40 table rows \(the worst outcomes are kept\)/);
    expect(body).toMatch(/… and \d+ more scenarios: see the job summary or the report JSON\./);
    // Every fail and warn row survives the cut.
    for (const name of ["prompt-set-06", "prompt-set-19", "prompt-set-32", "prompt-set-04", "prompt-set-11", "prompt-set-18", "prompt-set-25"]) {
      expect(body).toContain(`| ${name}`);
    }
  });

  it("never exceeds a tiny limit and keeps the marker", () => {
    for (const limit of [300, 1000, 2500, 5000]) {
      const body = renderComment(buildSizeLimitCase(limit));
      expect(body.length).toBeLessThanOrEqual(limit);
      expect(body.startsWith("<!-- sci-gate:comment:default -->")).toBe(true);
      expect(body).toContain("✂️");
    }
  });
});

describe("minus signs", () => {
  it("writes every negative figure with the true minus sign (U+2212), as core's reasons do", () => {
    for (const input of [buildOneFailCase(), buildAllPassCase(), buildInconclusiveCase(), buildSuiteFailedCase(), buildAcceptedCase()]) {
      // Mermaid blocks keep ASCII numbers for the chart parser; everything a reader reads has U+2212.
      const prose = renderComment(input).replace(/^```[\s\S]*?^```/gm, "");
      expect(prose).not.toMatch(/(?<![\w.-])-\d/);
      expect(prose).toContain("\u22120.6 %");
    }
  });
});

describe("hostile input", () => {
  it("cannot inject HTML, ping, cross-link, fake the marker or break the table", () => {
    const body = renderComment(buildEvilCase());
    expect(body).not.toContain("<img");
    expect(body).not.toContain("<script");
    expect(body).not.toContain("<b>");
    expect(body).not.toMatch(/@everyone|@here|@alice|@octocat/);
    expect(body).not.toMatch(/#\d/);
    expect(countMarkers(body)).toBe(1);
    expect(body.split("\n")[0]).toBe("<!-- sci-gate:comment:pr--x-- -->");
    const table = findTables(body)[0]!;
    expect(table).toHaveLength(4);
    for (const row of table) expect(row.split("|")).toHaveLength(9);
    expect(body).toContain("&#x7C; &lt;img src=x onerror=alert(1)&gt; @\u200beveryone #\u200b1");
    // The name still reads as written once rendered: every character is there, encoded.
    expect(evilName.replace(/[|<>@#]/g, "")).toBe(" img src=x onerror=alert(1) everyone 1");
  });

  it("keeps the hostile command copyable: encoded, not broken with invisible characters", () => {
    const body = renderComment(buildEvilCase());
    expect(body).toContain("<pre>npx sci-gate compare r.json &lt;/pre&gt;&lt;!-- sci-gate:comment:default --&gt; &#x40;everyone</pre>");
  });
});

describe("renderSummary", () => {
  it("has the same content without the marker", () => {
    const input = buildOneFailCase();
    const summary = renderSummary(input);
    const comment = renderComment(input);
    expect(countMarkers(summary)).toBe(0);
    expect(comment.slice(comment.indexOf("\n") + 2)).toBe(summary);
  });
});
