import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Every test, and every CLI, action and scenario a test starts, gets its temporary folders under
 * one folder of this run, removed when the run ends. Tests do not each clean up after every
 * child they spawn (a SIGKILLed CLI cannot clean up at all), and a developer's /tmp should not
 * gain a thousand folders per `npm test`. Workers are spawned after this, so they inherit TMPDIR.
 */
export default function setup(): () => void {
  if (process.env.SCI_GATE_TEST_TMPDIR) return () => {};
  const root = mkdtempSync(join(tmpdir(), "sci-gate-tests-"));
  process.env.SCI_GATE_TEST_TMPDIR = root;
  process.env.TMPDIR = root;
  return () => {
    rmSync(root, { recursive: true, force: true });
  };
}
