import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatRunMarker, RUN_MARKER_ENV } from "../samplers/marked-processes.js";
import { countLiveProcesses, killLiveProcessesNow, trackProcesses, trackProcessGroup, trackRunMarker } from "./live-processes.js";

const alive = (pid: number) => existsSync(`/proc/${pid}/stat`) && !/^\S+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
const waitFor = async (condition: () => boolean, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  return condition();
};

describe.runIf(process.platform === "linux")("killLiveProcessesNow", { timeout: 30_000 }, () => {
  it("SIGKILLs a tracked group that ignores SIGTERM, and a marked daemon outside it, synchronously", async () => {
    const runId = randomBytes(6).toString("hex");
    // The group ignores TERM; the daemon is in its own session, found only by its marker.
    const script = `trap '' TERM INT; setsid sh -c 'echo $$; exec sleep 61' & sleep 62`;
    const child = spawn("/bin/sh", ["-c", script], { detached: true, stdio: ["ignore", "pipe", "ignore"], env: { ...process.env, [RUN_MARKER_ENV]: runId } });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    expect(await waitFor(() => /^\d+\n/.test(out))).toBe(true);
    const daemon = Number(out.trim());
    const untrack = [trackProcessGroup(child.pid!), trackRunMarker("/proc", formatRunMarker(runId))];
    try {
      expect(countLiveProcesses()).toMatchObject({ groups: 1, markers: 1 });
      expect(killLiveProcessesNow()).toBeGreaterThanOrEqual(2);
      expect(await waitFor(() => !alive(child.pid!) && !alive(daemon))).toBe(true);
      expect(countLiveProcesses()).toEqual({ groups: 0, processes: 0, markers: 0 });
    } finally {
      for (const release of untrack) release();
      for (const pid of [daemon]) if (alive(pid)) process.kill(pid, "SIGKILL");
    }
  });

  it("forgets what was released", () => {
    const release = trackProcesses([2_000_000_001]);
    const releaseGroup = trackProcessGroup(2_000_000_002);
    expect(countLiveProcesses()).toMatchObject({ groups: 1, processes: 1 });
    release();
    release();
    releaseGroup();
    expect(countLiveProcesses()).toEqual({ groups: 0, processes: 0, markers: 0 });
  });
});
