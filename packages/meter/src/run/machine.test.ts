import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { detectMachine } from "./machine.js";

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "machine-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** An nvidia-smi that answers the fingerprint query with one A100 line in the real format, on the given driver. */
async function nvidiaSmiWithDriver(driver: string): Promise<string> {
  const path = join(dir, `nvidia-smi-${driver}`);
  await writeFile(path, `#!/bin/sh\necho "0, NVIDIA A100-SXM4-40GB, GPU-8d6b5ba6-3e3c-0e9a-1f6e-5a0c2e8a1b11, ${driver}, 400.00, 40960"\n`);
  await chmod(path, 0o755);
  return path;
}

describe("detectMachine", () => {
  it("puts the GPU driver in the fingerprint: the same board on another driver is another machine", async () => {
    const sources = (nvidiaSmi: string) => ({ procRoot: "/proc", powercapRoot: join(dir, "none"), nvidiaSmi });
    const a = await detectMachine(sources(await nvidiaSmiWithDriver("535.129.03")), {});
    const again = await detectMachine(sources(await nvidiaSmiWithDriver("535.129.03")), {});
    const b = await detectMachine(sources(await nvidiaSmiWithDriver("550.54.15")), {});
    expect(a.machine.gpus.map((g) => g.driver)).toEqual(["535.129.03"]);
    expect(a.machine.fingerprint).toContain("NVIDIA A100-SXM4-40GB (driver 535.129.03)");
    expect(again.machine.fingerprint).toBe(a.machine.fingerprint);
    expect(b.machine.fingerprint).toContain("(driver 550.54.15)");
    // The hash differs too, so a comparison that only checks equality sees the change.
    const hash = (fingerprint: string) => /\[([0-9a-f]{8})\]$/.exec(fingerprint)?.[1];
    expect(hash(b.machine.fingerprint)).not.toBe(hash(a.machine.fingerprint));
  });
});
