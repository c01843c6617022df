import { describe, expect, it } from "vitest";
import {
  buildAllPassCase,
  buildEvilCase,
  buildInconclusiveCase,
  buildOneFailCase,
  buildSizeLimitCase,
  buildSuiteFailedCase,
  evilName,
} from "./cases.test-helper.js";
import { countMarkers, describeTableShapes, findStrayAngleBrackets, findTables } from "./markdown-checks.test-helper.js";
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
    // 2e9 tokens a day × 365 = 7.3e11 tokens; × 1.7780e-5 g = 1.298e7 g = 13.0 t; × 1.9469e-5 g = 1.421e7 g = 14.2 t.
    expect(body).toContain("In production at 2 billion tokens per day: 13.0 t → 14.2 t CO2e per year.");
  });

  it("says the head changed the budgets and that the base's rules decided", () => {
    const body = renderComment(buildOneFailCase());
    expect(body).toContain("> [!IMPORTANT]");
    expect(body).toContain("The base branch's rules decided this comparison");
    expect(renderComment(buildAllPassCase())).not.toContain("[!IMPORTANT]");
  });
});

describe("the table", () => {
  it("has one row per scenario with scale, change, energy and the deciding budget", () => {
    const body = renderComment(buildOneFailCase());
    const table = findTables(body)[0]!;
    expect(table).toHaveLength(2 + 4);
    const chat = table[2]!.split("|").map((cell) => cell.trim());
    // Energy per token: 0.9 J = 900 mJ, head 0.9 × 1.095 = 0.9855 J = 986 mJ (in the base's scale).
    expect(chat.slice(1, 8)).toEqual(["chat", "per 1k tokens", "17.8 mg", "19.5 mg", "+9.5 % (+6.5 … +12.6 %)", "900 → 986 mJ", "❌ fail (&gt; 5 %)"]);
    expect(table[3]).toContain("⚠️ warn (&gt; 2 %)");
    expect(table[4]).toContain("✅ pass (budget +5 %)");
  });

  it("shows an image scenario per image in milligrams", () => {
    const body = renderComment(buildOneFailCase());
    // 2400 J / 3.6e6 × 44.18 = 0.029453 g; embodied 1.2e6 × 41 / 126,144,000 × 4/128 / 8 = 1.5236e-3 g; SCI 0.030977 g = 31.0 mg per image.
    expect(body).toMatch(/\| image-gen +\| per image +\| +31\.0 mg \|/);
  });
});

describe("details and charts", () => {
  it("collapses one details section per scenario with provenance", () => {
    const body = renderComment(buildOneFailCase());
    expect(body.match(/<details>/g)).toHaveLength(4);
    expect(body).toContain("| CPU            |");
    expect(body).toContain("measured:rapl");
    expect(body).toContain("- **I:** 44.2 gCO2e/kWh, location-based, France (FRA) (ember-annual-average, @\u200btgwf/co2 0.19.0, zone FRA, latest available)");
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
    const full = renderSummary(buildSizeLimitCase());
    expect(full.length).toBeGreaterThan(65_000);
    const body = renderComment(buildSizeLimitCase());
    expect(body.length).toBeLessThanOrEqual(65_000);
    expect(body).toContain("left out the details of 32 passing scenarios");
    expect(body.match(/<details>/g)).toHaveLength(8);
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
