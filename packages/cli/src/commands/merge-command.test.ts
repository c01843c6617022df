import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseReport } from "@sci-gate/core";
import { describe, expect, it } from "vitest";
import { makeConfig, makePairedReport, testMachine } from "../../../core/src/compare/make-report.test-helper.js";
import { runInProcess, useTempDir, writeReport } from "../test-context.test-helper.js";

const config = makeConfig("budgets:\n  - maxIncreasePct: { fail: 5 }");
const shard = (name: string) => makePairedReport({ [name]: { base: [100, 101, 99], head: [100, 102, 98] } }, config);

describe("sci-gate merge", () => {
  const makeDir = useTempDir();

  it("merges shards into the default report file, keeping each machine", async () => {
    const dir = await makeDir();
    await writeReport(dir, "shard-1.json", shard("long"));
    const other = shard("chat");
    other.machine = { ...testMachine, fingerprint: "gpu-box" };
    await writeReport(dir, "shard-2.json", other);
    const result = await runInProcess(["merge", "shard-1.json", "shard-2.json"], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("Merged 2 reports (2 scenarios) into sci-gate-report.json\n");
    const merged = parseReport(await readFile(join(dir, "sci-gate-report.json"), "utf8"));
    if (!merged.ok) throw new Error(JSON.stringify(merged.errors));
    expect(merged.value.scenarios.map((s) => [s.name, s.machine?.fingerprint ?? null])).toEqual([
      ["chat", "gpu-box"],
      ["long", null],
    ]);
  });

  it("writes to --out, or to stdout with --out -", async () => {
    const dir = await makeDir();
    await writeReport(dir, "a.json", shard("chat"));
    await writeReport(dir, "b.json", shard("long"));
    expect((await runInProcess(["merge", "a.json", "b.json", "--out", "out/merged.json"], dir)).code).toBe(0);
    expect(parseReport(await readFile(join(dir, "out/merged.json"), "utf8")).ok).toBe(true);
    const piped = await runInProcess(["merge", "a.json", "b.json", "--out", "-"], dir);
    expect(parseReport(piped.stdout).ok).toBe(true);
  });

  it("refuses a scenario in two shards with exit 2, naming both files", async () => {
    const dir = await makeDir();
    await writeReport(dir, "a.json", shard("chat"));
    await writeReport(dir, "b.json", shard("chat"));
    const result = await runInProcess(["merge", "a.json", "b.json"], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('sci-gate: b.json scenarios[0].name: scenario "chat" is also in a.json (scenarios[0]); each scenario must come from exactly one shard\n');
  });

  it("needs at least one report", async () => {
    const dir = await makeDir();
    const result = await runInProcess(["merge"], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("expected one or more REPORT files");
  });
});
