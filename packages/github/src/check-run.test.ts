import type { Outcome } from "@sci-gate/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type GitHubServer, startGitHubServer } from "../../../test/support/github-server.js";
import { conclusionForOutcome, maxAnnotations, maxCheckSummaryChars, publishCheckRun, stripControlCharacters } from "./check-run.js";
import type { CheckAnnotation } from "./port.js";
import { createTestPort } from "./test-port.test-helper.js";

const headSha = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";

const annotation = (i: number): CheckAnnotation => ({
  path: "sci-gate.yml",
  start_line: 10 + i,
  end_line: 10 + i,
  annotation_level: i % 2 === 0 ? "warning" : "failure",
  message: `scenario-${i}: SCI +${i} % over the budget`,
});

let server: GitHubServer;
beforeEach(async () => {
  server = await startGitHubServer();
});
afterEach(() => server.close());

describe("conclusionForOutcome", () => {
  it.each<[Outcome, string]>([
    ["error", "failure"],
    ["fail", "failure"],
    ["warn", "neutral"],
    ["inconclusive", "neutral"],
    ["pass", "success"],
  ])("%s → %s", (outcome, conclusion) => {
    expect(conclusionForOutcome(outcome)).toBe(conclusion);
  });

  it("follows fail-on like the exit code does", () => {
    expect(conclusionForOutcome("warn", "warn")).toBe("failure");
    expect(conclusionForOutcome("fail", "never")).toBe("neutral");
    expect(conclusionForOutcome("error", "never")).toBe("failure");
  });
});

describe("publishCheckRun", () => {
  it("creates a completed sci-gate check on the head commit", async () => {
    const result = await publishCheckRun(createTestPort(server), { headSha, outcome: "fail", title: "SCI +12 % on chat", summary: "## sci-gate" });
    expect(result).toMatchObject({ conclusion: "failure", annotations: 0, requests: 1, summaryTruncated: false });
    expect(result.url).toMatch(/\/octo-org\/octo-repo\/runs\/\d+$/);
    expect(server.state.checkRuns).toHaveLength(1);
    expect(server.state.checkRuns[0]).toMatchObject({
      name: "sci-gate",
      headSha,
      status: "completed",
      conclusion: "failure",
      title: "SCI +12 % on chat",
      summary: "## sci-gate",
    });
  });

  it("sends 120 annotations in 3 requests of at most 50", async () => {
    const annotations = Array.from({ length: 120 }, (_, i) => annotation(i));
    const result = await publishCheckRun(createTestPort(server), { headSha, outcome: "warn", title: "t", summary: "s", annotations });
    expect(result).toMatchObject({ conclusion: "neutral", annotations: 120, requests: 3 });
    const run = server.state.checkRuns[0];
    expect(run?.annotationBatches).toEqual([50, 50, 20]);
    expect(run?.annotations).toEqual(annotations);
    expect(server.requestsTo(/^POST .*\/check-runs$/)).toHaveLength(1);
    expect(server.requestsTo(new RegExp(`^PATCH .*/check-runs/${result.id}$`))).toHaveLength(2);
  });

  it("caps the annotations and says how many were left out", async () => {
    const annotations = Array.from({ length: maxAnnotations + 7 }, (_, i) => annotation(i));
    const result = await publishCheckRun(createTestPort(server), { headSha, outcome: "fail", title: "t", summary: "s", annotations });
    expect(result.annotations).toBe(maxAnnotations);
    expect(server.state.checkRuns[0]?.summary).toContain("7 more annotations were not sent");
  });

  it("cuts a summary over 65,535 characters and notes it", async () => {
    const summary = Array.from({ length: 4_000 }, (_, i) => `| scenario-${i} | 0.000123 g/token | +0.5 % |`).join("\n");
    const result = await publishCheckRun(createTestPort(server), { headSha, outcome: "pass", title: "t", summary, text: summary });
    expect(result.summaryTruncated).toBe(true);
    const stored = server.state.checkRuns[0]?.summary ?? "";
    expect(stored.length).toBeLessThanOrEqual(maxCheckSummaryChars);
    expect(stored).toMatch(/truncated: the summary passed GitHub's 65,535-character limit/);
  });

  it("keeps annotations GitHub would refuse in range", async () => {
    const bad = { ...annotation(0), start_line: 0, end_line: -3 };
    await publishCheckRun(createTestPort(server), { headSha, outcome: "warn", title: "t", summary: "s", annotations: [bad] });
    expect(server.state.checkRuns[0]?.annotations[0]).toMatchObject({ start_line: 1, end_line: 1 });
  });
});

describe("annotation text from report strings", () => {
  it("loses control characters and bidi overrides; a title loses its line breaks too", async () => {
    const evil = "chat\u0007\u001b[31m\u202e\u2066fail\u0085\nnext line\ttab";
    expect(stripControlCharacters(evil)).toBe("chat[31mfail\nnext line\ttab");
    expect(stripControlCharacters(evil, "title")).toBe("chat [31m fail next line tab");
    await publishCheckRun(createTestPort(server), {
      headSha,
      outcome: "fail",
      title: "SCI fail",
      summary: "s",
      annotations: [{ path: "sci-gate.yml", start_line: 3, end_line: 3, annotation_level: "failure", title: `${"t".repeat(300)}\u202e`, message: evil }],
    });
    const sent = server.state.checkRuns[0]!.annotations[0]!;
    expect(sent.message).toBe("chat[31mfail\nnext line\ttab");
    expect(String(sent.title)).toHaveLength(255);
  });
});
