import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseMemTotalKiB, readMemoryInfo } from "./memory.js";

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function procWith(meminfo: string | null): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "proc-mem-"));
  dirs.push(root);
  if (meminfo !== null) await writeFile(join(root, "meminfo"), meminfo);
  return root;
}

describe("readMemoryInfo", () => {
  it("reads MemTotal from a real /proc/meminfo and converts kB (KiB) to GiB", async () => {
    const text = await readFile(new URL("./fixtures/proc-meminfo.txt", import.meta.url), "utf8");
    expect(parseMemTotalKiB(text)).toBe(24_684_084);
    const info = await readMemoryInfo(await procWith(text));
    expect(info.source).toBe("proc-meminfo");
    expect(info.totalGiB).toBeCloseTo((24_684_084 * 1024) / 2 ** 30, 10);
  });

  it("falls back to os.totalmem where there is no /proc, saying why", async () => {
    const info = await readMemoryInfo(await procWith(null), { totalMemBytes: () => 16 * 2 ** 30 });
    expect(info).toMatchObject({ available: true, totalGiB: 16, source: "os.totalmem" });
    expect(info.fallbackReason).toMatch(/meminfo does not exist/);
  });

  it("falls back when the file has no MemTotal line", async () => {
    const info = await readMemoryInfo(await procWith("MemFree: 1 kB\n"), { totalMemBytes: () => 2 ** 30 });
    expect(info).toMatchObject({ totalGiB: 1, source: "os.totalmem", fallbackReason: expect.stringContaining("no MemTotal") });
  });

  it.runIf(process.platform === "linux")("agrees with os.totalmem on this machine", async () => {
    const info = await readMemoryInfo();
    expect(info.source).toBe("proc-meminfo");
    expect(info.totalGiB).toBeCloseTo(totalmem() / 2 ** 30, 6);
  });
});
