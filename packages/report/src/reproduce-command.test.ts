import { describe, expect, it } from "vitest";
import { buildReproduceCommand, quoteShellArg } from "./reproduce-command.js";

describe("buildReproduceCommand", () => {
  it("re-measures base and head when the base commit is known, then compares under the report's base rules", () => {
    expect(buildReproduceCommand({ configPath: "sci-gate.yml", baseSha: "f95f852bd8fca8fcc58a9a2d6c842781e32a215e" })).toBe(
      "npx sci-gate run --config sci-gate.yml --base f95f852bd8fca8fcc58a9a2d6c842781e32a215e && npx sci-gate compare sci-gate-report.json",
    );
  });

  it("compares the report(s) again when no base commit is known, with the config that decided", () => {
    expect(buildReproduceCommand({ reportPath: "both.json", configPath: "ci/sci-gate.yml" })).toBe("npx sci-gate compare both.json --config ci/sci-gate.yml");
    expect(buildReproduceCommand({ reportPath: ["main.json", "pr.json"], baseSha: null })).toBe("npx sci-gate compare main.json pr.json");
    expect(buildReproduceCommand()).toBe("npx sci-gate compare sci-gate-report.json");
  });

  it("quotes what a shell would split or expand, and keeps a path that starts with - a path", () => {
    expect(buildReproduceCommand({ reportPath: "my report's.json", configPath: "$(rm -rf ~).yml" })).toBe(
      `npx sci-gate compare 'my report'"'"'s.json' --config '$(rm -rf ~).yml'`,
    );
    expect(buildReproduceCommand({ reportPath: "-r.json" })).toBe("npx sci-gate compare ./-r.json");
    expect(quoteShellArg("")).toBe("''");
  });
});
