import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseCpuInfo, readCpuInfo } from "./cpu-info.js";

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function procWith(cpuinfo: string | null): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "proc-cpu-"));
  dirs.push(root);
  if (cpuinfo !== null) await writeFile(join(root, "cpuinfo"), cpuinfo);
  return root;
}

// An arm64 kernel's /proc/cpuinfo: no model name at all (format of Linux arch/arm64/kernel/cpuinfo.c).
const ARM64 = `processor\t: 0
BogoMIPS\t: 243.75
Features\t: fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid
CPU implementer\t: 0x41
CPU architecture: 8
CPU variant\t: 0x3
CPU part\t: 0xd0c
CPU revision\t: 1

processor\t: 1
BogoMIPS\t: 243.75
CPU implementer\t: 0x41
CPU part\t: 0xd0c
`;

describe("readCpuInfo", () => {
  it("reads the model and vCPU count from a real /proc/cpuinfo", async () => {
    const text = await readFile(new URL("./fixtures/proc-cpuinfo.txt", import.meta.url), "utf8");
    expect(parseCpuInfo(text)).toEqual({ model: "AMD EPYC", vcpuCount: 2 });
    expect(await readCpuInfo(await procWith(text))).toEqual({
      available: true,
      model: "AMD EPYC",
      vcpuCount: 2,
      source: "proc-cpuinfo",
    });
  });

  it("keeps /proc's count but takes the model from os.cpus on a kernel that names none", async () => {
    const info = await readCpuInfo(await procWith(ARM64), { osCpus: () => [{ model: "Neoverse-N1" }] });
    expect(info).toMatchObject({ available: true, model: "Neoverse-N1", vcpuCount: 2, source: "os.cpus" });
  });

  it("falls back to os.cpus where there is no /proc", async () => {
    const osCpus = () => Array.from({ length: 8 }, () => ({ model: "Apple M2 " }));
    expect(await readCpuInfo(await procWith(null), { osCpus })).toMatchObject({
      available: true,
      model: "Apple M2",
      vcpuCount: 8,
      source: "os.cpus",
      fallbackReason: expect.stringContaining("does not exist"),
    });
  });

  it("is unavailable when neither source lists a CPU", async () => {
    expect(await readCpuInfo(await procWith(null), { osCpus: () => [] })).toMatchObject({ available: false });
  });

  it.runIf(process.platform === "linux")("agrees with os.cpus on this machine's vCPU count", async () => {
    const info = await readCpuInfo();
    expect(info.available).toBe(true);
    if (info.available) expect(info.vcpuCount).toBe(cpus().length);
  });
});
