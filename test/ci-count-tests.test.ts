import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "./support/action-harness.js";

/**
 * .ci/count-tests.mjs on real vitest 4 JSON reports (test/fixtures/vitest-json, made as its
 * README says): the closing line must never say "0 failed" for a run that did not pass.
 */
const script = join(repoRoot, ".ci", "count-tests.mjs");
const fixtures = join(repoRoot, "test", "fixtures", "vitest-json");

function countTests(report: string, vitestStatus?: number): Promise<{ code: number | null; stdout: string }> {
  const args = vitestStatus === undefined ? [script, report] : [script, report, String(vitestStatus)];
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: repoRoot }, (error, stdout) => {
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : null, stdout });
    });
  });
}

const lastLine = (stdout: string) => stdout.trimEnd().split("\n").at(-1);

let work = "";
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "sci-gate-count-tests-"));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe("the CI test count line", () => {
  it("counts a clean run: 1 passed, 0 failed, exit 0", async () => {
    const result = await countTests(join(fixtures, "all-pass.json"));
    expect(lastLine(result.stdout)).toBe("tests: 1 passed, 0 failed");
    expect(result.code).toBe(0);
  });

  it("counts a failed assertion", async () => {
    const result = await countTests(join(fixtures, "assertion-failure.json"));
    expect(lastLine(result.stdout)).toBe("tests: 1 passed, 1 failed");
    expect(result.code).toBe(1);
  });

  it("counts a test file that failed to load (a broken import) as a failure, and names it", async () => {
    // vitest 4: numFailedTests 0, numFailedTestSuites 1, success false, the file "failed" with no assertions.
    const result = await countTests(join(fixtures, "broken-import.json"));
    expect(lastLine(result.stdout)).toBe("tests: 1 passed, 1 failed");
    expect(result.stdout).toContain("broken-import.test.ts: Cannot find module './does-not-exist.js'");
    expect(result.code).toBe(1);
  });

  it("counts a suite whose beforeAll threw (its test skipped) as a failure", async () => {
    const result = await countTests(join(fixtures, "hook-failure.json"));
    expect(lastLine(result.stdout)).toBe("tests: 1 passed, 1 failed");
    expect(result.code).toBe(1);
  });

  it("never prints 0 failed when the report says the run did not succeed", async () => {
    const report = JSON.parse(await readFile(join(fixtures, "all-pass.json"), "utf8")) as Record<string, unknown>;
    const unsuccessful = join(work, "unsuccessful.json");
    await writeFile(unsuccessful, JSON.stringify({ ...report, success: false }));
    const result = await countTests(unsuccessful);
    expect(lastLine(result.stdout)).toBe("tests: 1 passed, 1 failed");
    expect(result.code).toBe(1);
  });

  it("counts a failed vitest run whose report shows no failure, when given its exit status", async () => {
    // An error thrown from a timer makes vitest exit 1 with a report of all passed and success: true (see the README).
    const failedRun = await countTests(join(fixtures, "all-pass.json"), 1);
    expect(lastLine(failedRun.stdout)).toBe("tests: 1 passed, 1 failed");
    expect(failedRun.code).toBe(1);
    const cleanRun = await countTests(join(fixtures, "all-pass.json"), 0);
    expect(cleanRun.stdout).toBe("tests: 1 passed, 0 failed\n");
    expect(cleanRun.code).toBe(0);
  });

  it("counts a missing or unreadable report as one failure, without a stack trace", async () => {
    const missing = await countTests(join(work, "none.json"));
    expect(missing.stdout).toBe(`no vitest report at ${join(work, "none.json")}\ntests: 0 passed, 1 failed\n`);
    expect(missing.code).toBe(1);
    const truncated = join(work, "truncated.json");
    await writeFile(truncated, (await readFile(join(fixtures, "all-pass.json"), "utf8")).slice(0, 100));
    const cut = await countTests(truncated);
    expect(lastLine(cut.stdout)).toBe("tests: 0 passed, 1 failed");
    expect(cut.stdout).toContain("is not JSON");
    expect(cut.code).toBe(1);
  });
});
