import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { spawnScenario } from "./spawn-scenario.js";

const base = { cwd: process.cwd(), env: { ...process.env }, timeoutS: 20 };
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return existsSync(`/proc/${pid}`) && !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, "utf8"));
  } catch {
    return false;
  }
};

describe("spawnScenario", () => {
  it("runs through the shell and reports the exit code and the output tail", async () => {
    const result = await spawnScenario({ ...base, command: "echo units=42; exit 3" });
    expect(result.exitCode).toBe(3);
    expect(result.stdoutTail).toContain("units=42");
    expect(result.timedOut).toBe(false);
  });

  it("stops a command past its timeout, with the group it started", async () => {
    const result = await spawnScenario({ ...base, command: "sleep 30 & sleep 30; echo never", timeoutS: 0.5, killGraceS: 0.2 });
    expect(result.timedOut).toBe(true);
    expect(result.signal).toBe("SIGTERM");
    expect(result.durationS).toBeLessThan(5);
    expect(result.stdoutTail).not.toContain("never");
  });

  it("keeps only the tail of a flood of output", async () => {
    const result = await spawnScenario({ ...base, command: "head -c 5000000 /dev/zero | tr '\\0' x; echo; echo last=7", keepStdoutBytes: 1000 });
    expect(result.stdoutBytes).toBeGreaterThan(5_000_000);
    expect(result.stdoutTail.length).toBeLessThanOrEqual(1000);
    expect(result.stdoutTail).toContain("last=7");
  });

  it("stops on abort and leaves nothing running", async () => {
    const controller = new AbortController();
    let pid = 0;
    const running = spawnScenario({ ...base, command: "sleep 30", signal: controller.signal, killGraceS: 0.2, onStart: (p) => (pid = p) });
    setTimeout(() => controller.abort(), 200);
    const result = await running;
    expect(result.aborted).toBe(true);
    expect(alive(pid)).toBe(false);
  });

  it("reports a missing working directory instead of throwing", async () => {
    const result = await spawnScenario({ ...base, command: "true", cwd: "/nonexistent/dir" });
    expect(result.spawnError).toMatch(/ENOENT/);
    expect(result.exitCode).toBeNull();
  });
});
