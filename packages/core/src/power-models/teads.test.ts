import { describe, expect, it } from "vitest";
import { createTeadsModel } from "./teads.js";

describe("Teads curve × TDP share", () => {
  it("scales the TDP by vCPUs/threads", () => {
    // EPYC 7763: 280 W, 128 threads; a 4-vCPU VM gets 280 × 4/128 = 8.75 W of TDP.
    const model = createTeadsModel({ tdpW: 280, vcpus: 4, threadsPerChip: 128 });
    expect(model.parameters["chipShare"]).toBe(0.03125);
    expect(model.powerW(0)).toBeCloseTo(8.75 * 0.12, 12); // 1.05 W
    // 30% lies between 10% (0.32) and 50% (0.75): 0.32 + (0.2 / 0.4) × 0.43 = 0.535 → 4.68125 W.
    expect(model.powerW(0.3)).toBeCloseTo(4.68125, 12);
    expect(model.powerW(1)).toBeCloseTo(8.75 * 1.02, 12); // 8.925 W
  });

  it("uses the whole chip without a thread count, and never more than the chip", () => {
    expect(createTeadsModel({ tdpW: 65, vcpus: 8 }).powerW(0.5)).toBeCloseTo(65 * 0.75, 12);
    expect(createTeadsModel({ tdpW: 65, vcpus: 16, threadsPerChip: 8 }).parameters["chipShare"]).toBe(1);
  });
});
