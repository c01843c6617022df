import { readFileSync } from "node:fs";
import { parseReport, type Report } from "@sci-gate/core";
import { describe, expect, it } from "vitest";
import { franceAssumptions, gpuMachine } from "./fixtures.test-helper.js";
import { buildReport, buildRun } from "./report-fixtures.test-helper.js";
import { renderRunTable } from "./render-run-table.js";

describe("renderRunTable", () => {
  it("summarises each scenario's runs with SCI from computeRunSci, per revision", () => {
    const chatRun = { energyJ: 460.8, units: 512, durationS: 11.6 };
    const report = buildReport([
      {
        name: "chat",
        unit: "token",
        command: "python bench.py --scenario chat",
        runs: [
          buildRun("base", 0, chatRun),
          buildRun("head", 0, { ...chatRun, energyJ: 504.6 }),
          buildRun("base", 1, chatRun),
          buildRun("head", 1, { ...chatRun, energyJ: 504.6 }),
        ],
        warnings: [],
      },
      {
        name: "image-gen",
        unit: "image",
        command: "python bench.py --scenario image-gen",
        machine: gpuMachine,
        runs: [
          buildRun("head", 0, { energyJ: 19_200, units: 8, durationS: 41 }, { sources: { cpu: "measured:rapl", gpu: "measured:nvml", memory: "measured:rapl-dram" } }),
          buildRun("head", 1, { energyJ: 0, units: null, durationS: 2 }, { exitCode: 1 }),
        ],
        warnings: [],
      },
    ]);
    const text = renderRunTable(report);
    const lines = text.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^Scenario +Runs +Units\/run +Energy\/run +gCO2e per unit +Embodied share +Sources$/);
    // Base: 460.8 J / 3.6e6 × 44.18 = 5.655e-3 g + embodied 3.448e-3 g (11.6 s) = 9.103e-3 g per run / 512 = 1.778e-5 g = 17.8 mg per 1k tokens;
    // embodied share 3.448e-3 / 9.103e-3 = 37.9 %.
    expect(lines[2]).toMatch(/^chat \(base\) +2 +512 +461 J +17\.8 mg per 1k tokens +37\.9 % +cpu measured:rapl, memory measured:rapl-dram$/);
    // Head: 504.6 J → 6.193e-3 g + 3.448e-3 g = 9.641e-3 g / 512 = 1.883e-5 g = 18.8 mg per 1k tokens; 3.448 / 9.641 = 35.8 %.
    expect(lines[3]).toMatch(/^chat \(head\) +2 +512 +505 J +18\.8 mg per 1k tokens +35\.8 % /);
    // One of two runs failed; 19.2 kJ → 0.23563 g + 1.2188e-2 g (41 s) = 0.24782 g / 8 = 31.0 mg per image; 1.2188e-2 / 0.24782 = 4.9 %.
    expect(lines[4]).toMatch(/^image-gen +1 of 2 ok +8 +19\.2 kJ +31\.0 mg per image +4\.9 % +cpu measured:rapl, gpu measured:nvml, memory measured:rapl-dram$/);
  });

  it("shows a scenario without runs and strips control characters from names", () => {
    const report = buildReport([{ name: "x\u001B[2Jy", unit: "token", command: null, runs: [], warnings: [] }]);
    const lines = renderRunTable(report).trimEnd().split("\n");
    expect(lines[2]).toMatch(/^x\[2Jy +0 +— +— +— +— +none$/);
  });

  it("says, under the table, the I, PUE and M each figure rests on and the methodology's warnings, on a real report", () => {
    const text = readFileSync(new URL("./fixtures/tiny-llm-run-report.json", import.meta.url), "utf8");
    const parsed = parseReport(text, "tiny-llm-run-report.json");
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    // chat, run 1: 25.172 J / 3.6e6 × 44.18 = 3.0891e-4 g operational; embodied 1,111,104 g × 1.5983 s / 126,144,000 s × 2/128
    // = 2.1997e-4 g. Run 2: 21.086 J → 2.5877e-4 g; 1.4471 s → 1.9917e-4 g. SCI per token: geometric mean of
    // 5.2888e-4 / 48 and 4.5794e-4 / 48 = 1.0253e-5 g = 10.3 mg per 1k tokens. Embodied share
    // (2.1997 + 1.9917) / (5.2888 + 4.5794) = 4.1914 / 9.8682 = 42.5 %. Energy per run (25.172 + 21.086) / 2 = 23.1 J.
    expect(renderRunTable(parsed.value)).toBe(
      [
        "Scenario     Runs  Units/run  Energy/run         gCO2e per unit  Embodied share  Sources",
        "-----------  ----  ---------  ----------  ---------------------  --------------  --------------------------------------------------------",
        "chat            2         48      23.1 J  10.3 mg per 1k tokens          42.5 %  cpu modelled:ccf-aws-average, memory modelled:ccf-memory",
        "long-prompt     2          8      37.2 J  92.4 mg per 1k tokens          40.7 %  cpu modelled:ccf-aws-average, memory modelled:ccf-memory",
        "batch           2         96      39.9 J  8.48 mg per 1k tokens          39.9 %  cpu modelled:ccf-aws-average, memory modelled:ccf-memory",
        "",
        "I 44.18 gCO2e/kWh (Ember annual average via @tgwf/co2 0.19.0, FRA, latest available) · PUE 1.00, from /work/main/examples/tiny-llm/sci-gate.yml pue",
        "M: server share (2 of 128 host threads; host 1 CPU, 24 GB, 1 SSD): 1.11 t CO2e over 4 years, 2 of 128 reserved (source: Cloud Carbon Footprint (2021) server formula: 1,000 kg base + 100 kg/extra CPU + 1.388 kg/GB above 16 GB + 100 kg/SSD + 50 kg/HDD + 150 kg/GPU; 4 years)",
        'Note: Could not identify the CPU "AMD EPYC" (VMs often hide the model, reporting only "Intel(R) Xeon(R) Processor" or similar). Using CCF\'s AWS average of 0.74–3.5 W per vCPU, which can be off by a factor of 2. Give the chip\'s TDP (with its thread count), or name a power model (e.g. ccf-intel-cascade-lake) to be precise.',
        "Note: virtual machine: embodied carbon is CCF's server formula shared as 2 of 128 host threads (an assumption); set hardware.embodied for your host",
        "Note: RAPL not used: /sys/class/powercap does not exist (no powercap: not Linux, a VM, or the RAPL driver is not loaded)",
        "",
      ].join("\n"),
    );
  });

  it("says each merged shard's own assumptions next to its scenarios, and each warning once", () => {
    const chatRun = { energyJ: 460.8, units: 512, durationS: 11.6 };
    const gpuAssumptions = {
      ...franceAssumptions,
      pue: 1.135,
      pueSource: "Cloud Carbon Footprint (2021) PUE_AVG (cloud provider AWS configured)",
      embodied: [{ name: "GPU 0 NVIDIA H100", totalG: 575_000, lifetimeS: 126_144_000, resourcesReserved: 1, resourcesTotal: 1, source: "Boavizta GPU component model (BoaviztAPI, 2025): ≈ 575 kgCO2e" }],
      warnings: ["GPU power from nvidia-smi samples", "GPU power from nvidia-smi samples"],
    };
    const report: Report = buildReport([
      { name: "chat", unit: "token", command: null, runs: [buildRun("head", 0, chatRun)], warnings: [] },
      { name: "embed", unit: "request", command: null, runs: [buildRun("head", 0, { energyJ: 224, units: 64, durationS: 3.1 })], warnings: [] },
      { name: "image-gen", unit: "image", command: null, machine: gpuMachine, assumptions: gpuAssumptions, runs: [buildRun("head", 0, { energyJ: 19_200, units: 8, durationS: 41 })], warnings: [] },
    ]);
    const notes = renderRunTable(report).split("\n\n").slice(1).join("\n\n");
    expect(notes).toBe(
      [
        "chat, embed:",
        "  I 44.18 gCO2e/kWh (Ember annual average via @tgwf/co2 0.19.0, FRA, latest available) · PUE 1.00, from pue in sci-gate.yml (base)",
        "  M: GitHub-hosted runner share: 1.20 t CO2e over 4 years, 4 of 128 reserved (source: Eco-CI, 4-vCPU runner on a 128-thread host)",
        "",
        "image-gen:",
        "  I 44.18 gCO2e/kWh (Ember annual average via @tgwf/co2 0.19.0, FRA, latest available) · PUE 1.135, from Cloud Carbon Footprint (2021) PUE_AVG (cloud provider AWS configured)",
        "  M: GPU 0 NVIDIA H100: 575 kg CO2e over 4 years, 1 of 1 reserved (source: Boavizta GPU component model (BoaviztAPI, 2025): ≈ 575 kgCO2e)",
        "  Note: GPU power from nvidia-smi samples",
        "",
      ].join("\n"),
    );
  });
});
