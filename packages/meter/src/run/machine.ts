import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { arch, platform } from "node:os";
import { detectGithubHostedRunner, type Machine } from "@sci-gate/core";
import { readCpuInfo } from "../samplers/cpu-info.js";
import { readMemoryInfo } from "../samplers/memory.js";
import { queryGpuInfo } from "../samplers/nvidia-smi-query.js";
import type { MeterSources } from "./types.js";

export interface MachineDetection {
  machine: Machine;
  warnings: string[];
}

/**
 * What the suite runs on: CPU, memory, GPUs and whether this is a GitHub-hosted runner. The
 * fingerprint is what a comparison checks to know both sides ran on comparable hardware.
 */
export async function detectMachine(sources: MeterSources, env: Record<string, string | undefined>): Promise<MachineDetection> {
  const warnings: string[] = [];
  const cpu = await readCpuInfo(sources.procRoot);
  const memory = await readMemoryInfo(sources.procRoot);
  if (!cpu.available) warnings.push(`CPU model unknown: ${cpu.reason}`);
  else if (cpu.fallbackReason) warnings.push(`CPU read from os.cpus(): ${cpu.fallbackReason}`);
  const gpus: Machine["gpus"] = [];
  if (sources.nvidiaSmi !== null) {
    const info = await queryGpuInfo(sources.nvidiaSmi, { timeoutMs: 10_000 });
    if (info.available) {
      warnings.push(...info.warnings);
      for (const gpu of info.gpus) {
        gpus.push({
          index: gpu.index,
          model: gpu.name,
          uuid: gpu.uuid,
          driver: gpu.driverVersion,
          powerLimitW: gpu.powerLimitW,
          memoryMiB: gpu.memoryTotalMiB,
        });
      }
    }
  }
  const runner = detectGithubHostedRunner(env);
  const virtualised = await readFile(`${sources.procRoot}/cpuinfo`, "utf8").then(
    (text) => /^flags\s*:.*\bhypervisor\b/m.test(text),
    () => false,
  );
  const cpuModel = cpu.available ? (cpu.model ?? "unknown CPU") : "unknown CPU";
  const vcpus = cpu.available ? cpu.vcpuCount : 1;
  const memoryGiB = memory.available ? Math.round(memory.totalGiB * 100) / 100 : 0;
  // The GPU driver is part of the identity: a driver update changes power management and
  // clocks, so runs before and after it are not on comparable hardware.
  const identity = [cpuModel, vcpus, Math.round(memoryGiB), ...gpus.map((g) => `${g.model}/${g.powerLimitW ?? "?"}W/driver ${g.driver ?? "?"}`), platform(), arch()].join("|");
  const fingerprint = `${cpuModel.replace(/\s+/g, " ").trim()} ×${vcpus}, ${Math.round(memoryGiB)} GiB${gpus.length ? `, ${gpus.map((g) => (g.driver ? `${g.model} (driver ${g.driver})` : g.model)).join(" + ")}` : ""} [${createHash("sha256").update(identity).digest("hex").slice(0, 8)}]`;
  return {
    machine: { cpuModel, vcpus, memoryGiB, gpus, os: platform(), arch: arch(), githubHosted: runner.githubHosted, virtualised, fingerprint },
    warnings: [...warnings, ...runner.hints.filter(() => runner.githubActions)],
  };
}
