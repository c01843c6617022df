import { describe, expect, it } from "vitest";
import { CliError } from "./cli-error.js";
import { expectPositionals, parseChoiceOption, parseCommandArgs, parseIntegerOption } from "./parse-args.js";

function catchError(action: () => unknown): CliError {
  try {
    action();
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error("expected a CliError");
}

const options = { config: { type: "string" }, format: { type: "string" }, scenario: { type: "string", multiple: true }, force: { type: "boolean" } } as const;

describe("parseCommandArgs", () => {
  it("returns values and positionals, repeated options as a list", () => {
    const parsed = parseCommandArgs("compare", ["a.json", "--config", "x.yml", "--scenario", "s1", "--scenario=s2", "b.json"], options);
    expect(parsed.values.config).toBe("x.yml");
    expect(parsed.values.scenario).toEqual(["s1", "s2"]);
    expect(parsed.positionals).toEqual(["a.json", "b.json"]);
  });

  it("turns an unknown option into exit 2 with the closest known option and the usage", () => {
    const error = catchError(() => parseCommandArgs("compare", ["--fromat", "json"], options));
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe("unknown option --fromat (did you mean --format?)");
    expect(error.hint).toContain("Usage: sci-gate compare");
    expect(catchError(() => parseCommandArgs("compare", ["--zzzzzzzz=1"], options)).message).toBe("unknown option --zzzzzzzz");
  });

  it("says which option lacks its value, and which takes none", () => {
    expect(catchError(() => parseCommandArgs("compare", ["--config"], options)).message).toBe("option --config expects a value");
    expect(catchError(() => parseCommandArgs("init", ["--force=yes"], options)).message).toBe("option --force takes no value");
  });
});

describe("option values", () => {
  it("parses whole numbers within bounds and refuses the rest", () => {
    expect(parseIntegerOption("run", "--runs", "12", 1, 1000)).toBe(12);
    for (const bad of ["0", "1001", "1.5", "ten", "-3", ""]) {
      const error = catchError(() => parseIntegerOption("run", "--runs", bad, 1, 1000));
      expect(error.exitCode).toBe(2);
      expect(error.message).toBe(`--runs expects a whole number from 1 to 1000, got "${bad}"`);
    }
  });

  it("accepts one of a set of words, with a default", () => {
    expect(parseChoiceOption("compare", "--format", undefined, ["text", "json"] as const, "text")).toBe("text");
    expect(parseChoiceOption("compare", "--format", "json", ["text", "json"] as const, "text")).toBe("json");
    expect(catchError(() => parseChoiceOption("compare", "--format", "yaml", ["text", "json"] as const, "text")).message).toBe(
      '--format expects one of text, json, got "yaml"',
    );
  });

  it("counts positionals", () => {
    expect(() => expectPositionals("check", ["a"], 1, 1, "one REPORT")).not.toThrow();
    expect(catchError(() => expectPositionals("check", [], 1, 1, "one REPORT")).message).toBe("expected one REPORT");
    expect(catchError(() => expectPositionals("check", ["a", "b"], 1, 1, "one REPORT")).message).toBe('unexpected argument "b"; expected one REPORT');
  });
});
