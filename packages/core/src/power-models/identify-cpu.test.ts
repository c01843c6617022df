import { describe, expect, it } from "vitest";
import { identifyCpu } from "./identify-cpu.js";

describe("identifyCpu on real model names", () => {
  const recognised: [cpuModel: string, architecture: string, approximated: boolean][] = [
    ["AMD EPYC 7763 64-Core Processor", "amd-epyc-gen3", false],
    ["AMD EPYC 7B12", "amd-epyc-gen2", false],
    ["AMD EPYC 7V12 64-Core Processor", "amd-epyc-gen2", false],
    ["AMD EPYC 7R13 Processor", "amd-epyc-gen3", false],
    ["AMD EPYC 72F3 8-Core Processor", "amd-epyc-gen3", false],
    ["AMD EPYC 7571", "amd-epyc-gen1", false],
    ["AMD EPYC 9R14 96-Core Processor", "amd-epyc-gen3", true],
    ["AMD EPYC-Rome Processor", "amd-epyc-gen2", false],
    ["Intel(R) Xeon(R) Platinum 8370C CPU @ 2.80GHz", "intel-cascade-lake", true],
    ["Intel(R) Xeon(R) Platinum 8272CL CPU @ 2.60GHz", "intel-cascade-lake", false],
    ["Intel(R) Xeon(R) Gold 6246 CPU @ 3.30GHz", "intel-cascade-lake", false],
    ["Intel(R) Xeon(R) Platinum 8171M CPU @ 2.60GHz", "intel-skylake", false],
    ["Intel(R) Xeon(R) Platinum 8488C", "intel-cascade-lake", true],
    ["Intel(R) Xeon(R) CPU E5-2673 v4 @ 2.30GHz", "intel-broadwell", false],
    ["Intel(R) Xeon(R) CPU E5-2676 v3 @ 2.40GHz", "intel-haswell", false],
    ["Intel(R) Xeon(R) CPU E5-2670 v2 @ 2.50GHz", "intel-ivy-bridge", false],
    ["Intel(R) Xeon(R) CPU E5-2670 0 @ 2.60GHz", "intel-sandy-bridge", false],
    ["Intel(R) Xeon(R) CPU E3-1240 v5 @ 3.50GHz", "intel-skylake", false],
    ["Intel(R) Xeon(R) CPU E3-1270 v6 @ 3.80GHz", "intel-skylake", true],
    ["Intel(R) Core(TM) i3-8100B CPU @ 3.60GHz", "intel-coffee-lake", false],
    ["Intel(R) Xeon(R) E-2176G CPU @ 3.70GHz", "intel-coffee-lake", false],
    ["Intel Xeon Processor (Cascadelake)", "intel-cascade-lake", false],
    ["Intel Xeon Processor (Skylake, IBRS)", "intel-skylake", false],
    ["Intel Xeon Processor (Icelake)", "intel-cascade-lake", true],
  ];

  it.each(recognised)("%s → %s", (cpuModel, architecture, approximated) => {
    const identification = identifyCpu(cpuModel);
    expect(identification.recognised).toBe(true);
    if (!identification.recognised) return;
    expect(identification.architecture).toBe(architecture);
    expect(identification.approximation !== undefined).toBe(approximated);
  });

  it("flags exactly the GitHub runner's EPYC 7763", () => {
    const epyc7763 = identifyCpu("AMD EPYC 7763 64-Core Processor");
    expect(epyc7763.recognised && epyc7763.isEpyc7763).toBe(true);
    const epyc7713 = identifyCpu("AMD EPYC 7713 64-Core Processor");
    expect(epyc7713.recognised && epyc7713.isEpyc7763).toBe(false);
  });

  const unrecognised: [cpuModel: string, vendor: string][] = [
    ["Intel(R) Xeon(R) Processor", "intel"],
    ["Intel(R) Xeon(R) CPU @ 2.20GHz", "intel"],
    ["AMD EPYC Processor (with IBPB)", "amd"],
    ["Apple M2", "apple"],
    ["Neoverse-N1", "arm"],
    ["", "unknown"],
  ];

  it.each(unrecognised)("%s stays unrecognised (vendor %s)", (cpuModel, vendor) => {
    expect(identifyCpu(cpuModel)).toEqual({ recognised: false, vendor });
  });
});
