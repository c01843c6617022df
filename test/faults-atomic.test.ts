import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseReport } from "@sci-gate/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findProcessesWithEnv, killIfAlive } from "./support/proc-scan.js";
import { cliBin, cliEnv } from "./support/run-process.js";

/**
 * The report is rewritten after every run by temp file + rename, so a SIGKILL at any moment
 * (an OOM kill, a cancelled CI job) leaves either the previous report or a newer one, whole.
 */
const markerName = "SCI_GATE_ATOMIC_MARK";
let work = "";

beforeAll(async () => {
  if (!existsSync(cliBin)) throw new Error(`${cliBin} is missing: build first (npx turbo run build)`);
  work = await mkdtemp(join(tmpdir(), "sci-gate-atomic-"));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** Seeded, so a failure can be replayed: mulberry32. */
function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("atomic report writes", () => {
  it("SIGKILL of sci-gate run at random moments leaves the report absent or whole, never torn", async () => {
    const dir = await mkdtemp(join(work, "suite-"));
    await writeFile(join(dir, "quick.cjs"), 'setTimeout(() => require("node:fs").writeFileSync(process.env.SCI_GATE_OUTPUT, JSON.stringify({ units: 3 })), 30);');
    await writeFile(join(dir, "sci-gate.yml"), "version: 1\nlocation: { country: FR }\nscenarios:\n  - { name: quick, run: node quick.cjs, unit: token, warmup: 0, runs: 30 }\n");
    const report = join(dir, "report.json");
    const random = createRandom(20_241_128);
    // From before the first run is written to well into the suite.
    const delaysMs = [150, 650, 1000, 1400, 1900, 2500].map((d) => Math.round(d + (random() - 0.5) * 200));
    const seen: string[] = [];
    let previousRuns = -1;
    for (const delayMs of delaysMs) {
      const marker = randomBytes(6).toString("hex");
      const child = spawn(process.execPath, [cliBin, "run", "--out", "report.json"], {
        cwd: dir,
        env: cliEnv({ [markerName]: marker }),
        stdio: "ignore",
      });
      await new Promise((r) => setTimeout(r, delayMs));
      child.kill("SIGKILL");
      await new Promise((r) => child.on("close", r));
      // SIGKILL leaves the CLI no chance to stop the scenario it was running (its own process
      // group, see docs/SECURITY.md); the runner's job cleanup does that in CI, the test here.
      killIfAlive(await findProcessesWithEnv(markerName, marker));

      if (!existsSync(report)) {
        expect(previousRuns, `the report vanished after a kill at ${delayMs} ms`).toBe(-1);
        seen.push(`${delayMs} ms: absent`);
        continue;
      }
      const parsed = parseReport(await readFile(report, "utf8"), report);
      expect(parsed.ok, `a torn report after a kill at ${delayMs} ms: ${parsed.ok ? "" : JSON.stringify(parsed.errors[0])}`).toBe(true);
      if (!parsed.ok) continue;
      const runs = parsed.value.scenarios[0]?.runs.length ?? 0;
      seen.push(`${delayMs} ms: ${runs} runs`);
      previousRuns = runs;
    }
    // Nothing but the report and leftover temp files (never read as a report) beside the inputs.
    const stray = (await readdir(dir)).filter((f) => !["quick.cjs", "sci-gate.yml", "report.json"].includes(f) && !/^report\.json\.\d+\.[0-9a-f]+\.tmp$/.test(f));
    expect(stray).toEqual([]);
    // Not vacuous: some kill landed before any report, some after several runs were written.
    expect(seen.some((s) => s.endsWith("absent")), seen.join("; ")).toBe(true);
    expect(seen.some((s) => /: [1-9]\d* runs$/.test(s)), seen.join("; ")).toBe(true);
  }, 60_000);
});
