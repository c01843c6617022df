import { describe, expect, it } from "vitest";
import { gpuMachine } from "./fixtures.test-helper.js";
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
    expect(lines[0]).toMatch(/^Scenario +Runs +Units\/run +Energy\/run +gCO2e per unit +Sources$/);
    // Base: 460.8 J / 3.6e6 × 44.18 = 5.655e-3 g + embodied 3.448e-3 g (11.6 s) = 9.103e-3 g per run / 512 = 1.778e-5 g = 17.8 mg per 1k tokens.
    expect(lines[2]).toMatch(/^chat \(base\) +2 +512 +461 J +17\.8 mg per 1k tokens +cpu measured:rapl, memory measured:rapl-dram$/);
    // Head: 504.6 J → 6.193e-3 g + 3.448e-3 g = 9.641e-3 g / 512 = 1.883e-5 g = 18.8 mg per 1k tokens.
    expect(lines[3]).toMatch(/^chat \(head\) +2 +512 +505 J +18\.8 mg per 1k tokens/);
    // One of two runs failed; 19.2 kJ → 0.23563 g + 1.2188e-2 g (41 s) = 0.24782 g / 8 = 31.0 mg per image.
    expect(lines[4]).toMatch(/^image-gen +1 of 2 ok +8 +19\.2 kJ +31\.0 mg per image +cpu measured:rapl, gpu measured:nvml, memory measured:rapl-dram$/);
  });

  it("shows a scenario without runs and strips control characters from names", () => {
    const report = buildReport([{ name: "x\u001B[2Jy", unit: "token", command: null, runs: [], warnings: [] }]);
    const lines = renderRunTable(report).trimEnd().split("\n");
    expect(lines[2]).toMatch(/^x\[2Jy +0 +— +— +— +none$/);
  });
});
