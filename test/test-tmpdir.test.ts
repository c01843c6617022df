import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { basename } from "node:path";
import { describe, expect, it } from "vitest";
import { childEnv } from "./support/run-process.js";

// The run's own temporary root (test/support/global-tmpdir.ts): what a test or its children
// leave behind is removed with it, so `npm test` does not fill a developer's /tmp.
describe("the test run's temporary folder", () => {
  it("is one sci-gate-tests-* folder, and children started with it inherit it", () => {
    const root = tmpdir();
    expect(basename(root)).toMatch(/^sci-gate-tests-[A-Za-z0-9]{6}$/);
    expect(process.env.SCI_GATE_TEST_TMPDIR).toBe(root);
    const seenByChild = execFileSync(process.execPath, ["-e", 'process.stdout.write(require("node:os").tmpdir())'], { env: childEnv() }).toString();
    expect(seenByChild).toBe(root);
  });
});
