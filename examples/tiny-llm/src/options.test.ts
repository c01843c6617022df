import { describe, expect, it } from "vitest";
import { formatUsage, type ParsedCommand, parseCommand, UsageError } from "./options.js";
import { type BenchSettings, SCENARIOS } from "./scenarios.js";

function parseSettings(argv: string[], env: Record<string, string> = {}): BenchSettings {
  const command: ParsedCommand = parseCommand(argv, env);
  if (command.kind !== "run") throw new Error("expected a run command");
  return command.settings;
}

function usageErrorOf(argv: string[], env: Record<string, string> = {}): string {
  try {
    parseCommand(argv, env);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error("expected a UsageError");
}

describe("parseCommand", () => {
  it("runs the chat preset by default", () => {
    const { description: _description, ...chat } = SCENARIOS["chat"]!;
    expect(parseSettings([])).toEqual({ scenario: "chat", ...chat });
  });

  it("applies every flag, in both --name value and --name=value forms", () => {
    const settings = parseSettings([
      "--scenario",
      "long-prompt",
      "--kv-cache",
      "off",
      "--batch=3",
      "--int8",
      "on",
      "--extra-work-pct",
      "2.5",
      "--width",
      "64",
      "--layers",
      "2",
      "--heads",
      "8",
      "--vocab",
      "100",
      "--prompt-tokens",
      "7",
      "--new-tokens",
      "9",
      "--seed",
      "42",
    ]);
    expect(settings).toEqual({
      scenario: "long-prompt",
      kvCache: false,
      batch: 3,
      int8: true,
      extraWorkPct: 2.5,
      width: 64,
      layers: 2,
      heads: 8,
      vocab: 100,
      promptTokens: 7,
      newTokens: 9,
      seed: 42,
    });
  });

  it("reads TINY_LLM_* variables, and a flag beats its variable", () => {
    const env = { TINY_LLM_KV_CACHE: "off", TINY_LLM_EXTRA_WORK_PCT: "10", TINY_LLM_SCENARIO: "batch", TINY_LLM_BATCH: "2" };
    const fromEnv = parseSettings([], env);
    expect([fromEnv.scenario, fromEnv.kvCache, fromEnv.extraWorkPct, fromEnv.batch]).toEqual(["batch", false, 10, 2]);
    const flagWins = parseSettings(["--kv-cache", "on", "--extra-work-pct", "0"], env);
    expect([flagWins.kvCache, flagWins.extraWorkPct]).toEqual([true, 0]);
    // An empty variable (a CI default) counts as unset.
    expect(parseSettings([], { TINY_LLM_BATCH: "" }).batch).toBe(SCENARIOS["chat"]!.batch);
  });

  it("names the flag or variable and what was expected", () => {
    expect(usageErrorOf(["--kv-cache", "maybe"])).toBe(
      '--kv-cache is "maybe"; expected reuse cached keys/values instead of recomputing the prefix: on or off',
    );
    expect(usageErrorOf(["--batch", "0"])).toMatch(/^--batch is "0"; expected .*integer from 1 to 1024$/);
    expect(usageErrorOf(["--batch", "2.5"])).toMatch(/^--batch is "2.5"/);
    expect(usageErrorOf(["--extra-work-pct", "ten"])).toMatch(/^--extra-work-pct is "ten"; expected .*number from 0 to 1000$/);
    expect(usageErrorOf([], { TINY_LLM_EXTRA_WORK_PCT: "-5" })).toMatch(/^TINY_LLM_EXTRA_WORK_PCT is "-5"/);
    expect(usageErrorOf(["--scenario", "poem"])).toBe('--scenario is "poem"; expected one of chat, long-prompt, batch');
    expect(usageErrorOf(["--bogus", "1"])).toMatch(/^unknown option --bogus; expected one of --scenario, --kv-cache/);
    expect(usageErrorOf(["--batch"])).toMatch(/^--batch needs a value: sequences decoded together/);
    expect(usageErrorOf(["chat"])).toMatch(/^unexpected argument "chat"/);
    expect(usageErrorOf(["--seed", "1", "--seed", "2"])).toBe("--seed is given twice");
  });

  it("checks the settings against each other", () => {
    expect(usageErrorOf(["--heads", "5"])).toBe("--heads (5) must divide --width (384); try a width that is a multiple of 5");
    expect(usageErrorOf([], { TINY_LLM_WIDTH: "100", TINY_LLM_HEADS: "3" })).toMatch(
      /^TINY_LLM_HEADS \(3\) must divide TINY_LLM_WIDTH \(100\)/,
    );
    expect(usageErrorOf(["--width", "4092", "--layers", "96"])).toMatch(/parameters \(limit 250,000,000\)/);
    expect(usageErrorOf(["--batch", "1024", "--new-tokens", "4000"])).toMatch(
      /^these settings need about \d+ MiB \(limit 2048 MiB\); lower --batch, --prompt-tokens, --new-tokens or --width$/,
    );
  });

  it("answers --help with the usage, which lists every switch and scenario", () => {
    expect(parseCommand(["--batch", "2", "--help"], {})).toEqual({ kind: "help" });
    const usage = formatUsage();
    for (const text of ["--kv-cache on|off", "TINY_LLM_EXTRA_WORK_PCT", "long-prompt", "SCI_GATE_OUTPUT"]) {
      expect(usage).toContain(text);
    }
  });
});
