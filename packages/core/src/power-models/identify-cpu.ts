import type { CcfCpuArchitecture } from "./ccf-cpu.js";

export type CpuVendor = "amd" | "intel" | "apple" | "arm" | "unknown";

/**
 * What a CPU model string (the "model name" line of /proc/cpuinfo) tells us: the Cloud Carbon
 * Footprint row to use, and when that row is only the nearest one CCF has, why.
 */
export type CpuIdentification =
  | {
      readonly recognised: true;
      readonly vendor: CpuVendor;
      readonly architecture: CcfCpuArchitecture;
      /** The part of the string that identified it, e.g. "EPYC 7763" or "E5-2673 v4". */
      readonly matched: string;
      /** True for the GitHub-hosted runner's chip, which has its own measured curve (Eco-CI). */
      readonly isEpyc7763: boolean;
      /** Set when CCF has no row for this microarchitecture and a neighbouring one is used. */
      readonly approximation?: string;
    }
  | { readonly recognised: false; readonly vendor: CpuVendor };

type Rule = (cpuModel: string) => CpuIdentification | undefined;

const NEWER_INTEL =
  "CCF has no row for Intel Xeon generations after Cascade Lake; Cascade Lake, the newest it has, is used";
const NEWER_EPYC = "CCF has no row for AMD EPYC generations after Milan; 3rd gen (Milan), the newest it has, is used";

/**
 * AMD EPYC model numbers end in the generation digit: 7xx1 Naples, 7xx2 Rome, 7xx3 Milan,
 * 9xx4/8xx4/4xx4 Genoa/Siena, 9xx5 Turin (AMD naming; also cloud variants 7B12, 7R13, 7V13).
 */
const matchEpycModel: Rule = (cpuModel) => {
  const match = /\bEPYC\s+(\d)([0-9A-Z])([0-9A-Z])(\d)[A-Z]{0,2}\b/i.exec(cpuModel);
  if (match === null) return undefined;
  const generation = Number(match[4]);
  const matched = match[0];
  const isEpyc7763 = /^EPYC\s+7763$/i.test(matched);
  if (generation === 1) return { recognised: true, vendor: "amd", architecture: "amd-epyc-gen1", matched, isEpyc7763 };
  if (generation === 2) return { recognised: true, vendor: "amd", architecture: "amd-epyc-gen2", matched, isEpyc7763 };
  if (generation === 3) return { recognised: true, vendor: "amd", architecture: "amd-epyc-gen3", matched, isEpyc7763 };
  if (generation === 4 || generation === 5) {
    return { recognised: true, vendor: "amd", architecture: "amd-epyc-gen3", matched, isEpyc7763, approximation: NEWER_EPYC };
  }
  return undefined;
};

/** QEMU/KVM CPU model names, e.g. "AMD EPYC-Rome Processor". */
const matchEpycCodename: Rule = (cpuModel) => {
  const match = /\bEPYC-(Naples|Rome|Milan|Genoa)\b/i.exec(cpuModel);
  if (match === null) return undefined;
  const codename = match[1]!.toLowerCase();
  const matched = match[0];
  if (codename === "naples") return { recognised: true, vendor: "amd", architecture: "amd-epyc-gen1", matched, isEpyc7763: false };
  if (codename === "rome") return { recognised: true, vendor: "amd", architecture: "amd-epyc-gen2", matched, isEpyc7763: false };
  if (codename === "milan") return { recognised: true, vendor: "amd", architecture: "amd-epyc-gen3", matched, isEpyc7763: false };
  return { recognised: true, vendor: "amd", architecture: "amd-epyc-gen3", matched, isEpyc7763: false, approximation: NEWER_EPYC };
};

/**
 * Xeon Scalable: tier digit, then generation digit (Intel naming): 81xx/61xx/51xx… Skylake,
 * 82xx/62xx… Cascade Lake (e.g. 8272CL, 6246), 83xx Ice Lake (e.g. 8370C on Azure Dv5,
 * 8375C on AWS), 84xx Sapphire Rapids, 85xx Emerald Rapids.
 */
const matchXeonScalable: Rule = (cpuModel) => {
  const match = /\b(?:Platinum|Gold|Silver|Bronze)\s+\d(\d)\d{2}[A-Z]{0,2}\b/i.exec(cpuModel);
  if (match === null) return undefined;
  const generation = Number(match[1]);
  const matched = match[0];
  if (generation === 1) return { recognised: true, vendor: "intel", architecture: "intel-skylake", matched, isEpyc7763: false };
  if (generation === 2) return { recognised: true, vendor: "intel", architecture: "intel-cascade-lake", matched, isEpyc7763: false };
  if (generation >= 3 && generation <= 6) {
    return { recognised: true, vendor: "intel", architecture: "intel-cascade-lake", matched, isEpyc7763: false, approximation: NEWER_INTEL };
  }
  return undefined;
};

/**
 * Xeon E3/E5/E7 by version suffix (Intel naming): none or "0" Sandy Bridge, v2 Ivy Bridge,
 * v3 Haswell, v4 Broadwell, v5 Skylake, v6 Kaby Lake (a Skylake core; CCF has no Kaby Lake row).
 */
const matchXeonE: Rule = (cpuModel) => {
  const match = /\bE([357])-\s?\d{4}[A-Z]?\b(?:\s+v(\d))?/i.exec(cpuModel);
  if (match === null) return undefined;
  const version = match[2] === undefined ? 1 : Number(match[2]);
  const matched = match[0];
  const byVersion: Readonly<Record<number, CcfCpuArchitecture>> = {
    1: "intel-sandy-bridge",
    2: "intel-ivy-bridge",
    3: "intel-haswell",
    4: "intel-broadwell",
    5: "intel-skylake",
    6: "intel-skylake",
  };
  const architecture = byVersion[version];
  if (architecture === undefined) return undefined;
  return {
    recognised: true,
    vendor: "intel",
    architecture,
    matched,
    isEpyc7763: false,
    ...(version === 6 ? { approximation: "Kaby Lake has no CCF row; it shares Skylake's core, so Skylake is used" } : {}),
  };
};

/** Xeon E-21xx/E-22xx and desktop 8th/9th-gen Core (e.g. the i3-8100B of Intel Mac runners). */
const matchCoffeeLake: Rule = (cpuModel) => {
  const match = /\bXeon\(?R?\)?\s+E-2[12]\d{2}[A-Z]{0,2}\b|\bCore\(?(?:TM)?\)?\s+i[3579]-[89]\d{3}(?:K|F|KF|T|B|H|HK)?\b(?![A-Z])/i.exec(cpuModel);
  if (match === null) return undefined;
  return { recognised: true, vendor: "intel", architecture: "intel-coffee-lake", matched: match[0], isEpyc7763: false };
};

/** QEMU/KVM CPU model names, e.g. "Intel Xeon Processor (Cascadelake)" or "(Skylake, IBRS)". */
const matchIntelCodename: Rule = (cpuModel) => {
  const match = /\((Cascadelake|Skylake|Icelake|SapphireRapids|Broadwell|Haswell|IvyBridge|SandyBridge)\b/i.exec(cpuModel);
  if (match === null) return undefined;
  const codename = match[1]!.toLowerCase();
  const matched = match[0].slice(1);
  const exact: Readonly<Record<string, CcfCpuArchitecture>> = {
    cascadelake: "intel-cascade-lake",
    skylake: "intel-skylake",
    broadwell: "intel-broadwell",
    haswell: "intel-haswell",
    ivybridge: "intel-ivy-bridge",
    sandybridge: "intel-sandy-bridge",
  };
  const architecture = exact[codename];
  if (architecture !== undefined) return { recognised: true, vendor: "intel", architecture, matched, isEpyc7763: false };
  return { recognised: true, vendor: "intel", architecture: "intel-cascade-lake", matched, isEpyc7763: false, approximation: NEWER_INTEL };
};

const RULES: readonly Rule[] = [
  matchEpycModel,
  matchEpycCodename,
  matchXeonScalable,
  matchXeonE,
  matchCoffeeLake,
  matchIntelCodename,
];

function guessVendor(cpuModel: string): CpuVendor {
  if (/\b(Intel|Xeon|GenuineIntel)\b/i.test(cpuModel)) return "intel";
  if (/\b(AMD|EPYC|Ryzen|AuthenticAMD)\b/i.test(cpuModel)) return "amd";
  if (/\bApple\b/i.test(cpuModel)) return "apple";
  if (/\b(ARM|Neoverse|Graviton|Ampere|Cortex|aarch64)\b/i.test(cpuModel)) return "arm";
  return "unknown";
}

/**
 * Map a CPU model string to a Cloud Carbon Footprint row. VMs often report only
 * "Intel(R) Xeon(R) Processor" or "Intel(R) Xeon(R) CPU @ 2.20GHz": those stay unrecognised
 * (with the vendor), because guessing a generation would hide an uncertainty of ~2×.
 */
export function identifyCpu(cpuModel: string): CpuIdentification {
  for (const rule of RULES) {
    const identification = rule(cpuModel);
    if (identification !== undefined) return identification;
  }
  return { recognised: false, vendor: guessVendor(cpuModel) };
}
