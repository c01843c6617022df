import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { commandNames } from "./help-text.js";
import { runInProcess } from "./test-context.test-helper.js";

const cwd = process.cwd();
const version = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;

describe("runCli", () => {
  it("prints the version", async () => {
    expect(await runInProcess(["--version"], cwd)).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
    expect((await runInProcess(["-v"], cwd)).stdout).toBe(`${version}\n`);
  });

  it("prints help on stdout with exit 0, and on stderr with exit 2 when no command is given", async () => {
    const help = await runInProcess(["--help"], cwd);
    expect(help.code).toBe(0);
    for (const name of commandNames) expect(help.stdout).toMatch(new RegExp(`^  ${name} `, "m"));
    expect(help.stdout).toContain("Exit codes: 0 pass");
    const none = await runInProcess([], cwd);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("Usage: sci-gate <command>");
  });

  it("prints each command's help, wherever --help stands", async () => {
    for (const name of commandNames) {
      const result = await runInProcess([name, "--help"], cwd);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^Usage: sci-gate ${name}`));
    }
    expect((await runInProcess(["compare", "a.json", "--bogus", "-h"], cwd)).code).toBe(0);
    expect((await runInProcess(["help", "merge"], cwd)).stdout).toMatch(/^Usage: sci-gate merge/);
  });

  it("refuses an unknown command or top-level option with exit 2 and a suggestion", async () => {
    const typo = await runInProcess(["comapre", "r.json"], cwd);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe('sci-gate: unknown command "comapre" (did you mean "compare"?)\nRun "sci-gate --help" for the commands.\n');
    expect((await runInProcess(["--verbose"], cwd)).stderr).toContain("unknown option --verbose");
  });

  it("refuses an unknown option of a command with its usage", async () => {
    const result = await runInProcess(["merge", "a.json", "--output", "b.json"], cwd);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'sci-gate: unknown option --output (did you mean --out?)\nUsage: sci-gate merge REPORT... [--out F]\nRun "sci-gate merge --help" for details.\n',
    );
  });
});
