import { describe, expect, it } from "vitest";
import { createProgressReporter } from "./progress.js";

function collect(isTTY: boolean) {
  let text = "";
  let clock = 1_000;
  const reporter = createProgressReporter({ write: (chunk: string) => (text += chunk), isTTY }, () => clock);
  return { reporter, text: () => text, advance: (ms: number) => (clock += ms) };
}

const start = { kind: "run-start", scenario: "chat", revision: "head", warmup: false, runNumber: 2, runsTotal: 8 } as const;
const end = { ...start, kind: "run-end", durationS: 1.25, ok: true, message: null } as const;

describe("createProgressReporter", () => {
  it("writes one plain line per finished run when stderr is not a terminal", () => {
    const { reporter, text, advance } = collect(false);
    reporter.onProgress({ kind: "setup", revision: "base", command: "npm ci" });
    reporter.onProgress(start);
    advance(75_500);
    reporter.onProgress(end);
    reporter.onProgress({ ...end, warmup: true, runNumber: 1, runsTotal: 1, ok: false, message: "exited with code 1" });
    reporter.finish();
    expect(text()).toBe(
      "setup (base): npm ci\n" +
        "chat · head run 2/8: ok in 1.3 s (elapsed 1 min 16 s)\n" +
        "chat · head warm-up 1/1: failed: exited with code 1 in 1.3 s (elapsed 1 min 16 s)\n",
    );
    expect(text()).not.toContain("\x1b");
  });

  it("redraws one line in place on a terminal, keeps failures, and clears it at the end", () => {
    const { reporter, text, advance } = collect(true);
    reporter.onProgress(start);
    advance(2_000);
    reporter.onProgress({ ...end, ok: false, message: "timed out" });
    reporter.finish();
    expect(text()).toBe(
      "\r\x1b[2Kchat · head run 2/8 · 0.0 s" + "\r\x1b[2Kchat · head run 2/8: failed: timed out\n" + "\r\x1b[2Kchat · head run 2/8 done · 2.0 s" + "\r\x1b[2K",
    );
  });
});
