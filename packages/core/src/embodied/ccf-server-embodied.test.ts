import { describe, expect, it } from "vitest";
import { ccfServerEmbodiedG } from "./ccf-server-embodied.js";

describe("ccfServerEmbodiedG", () => {
  it("adds CCF's components to the 1,000 kg base server", () => {
    // By hand: 1,000,000 base + 1 extra CPU × 100,000 + (64 − 16) GB × 1,388 = 66,624
    // + 1 SSD × 100,000 + 2 HDD × 50,000 + 1 GPU × 150,000 = 1,516,624 g.
    const result = ccfServerEmbodiedG({ cpus: 2, memoryGb: 64, ssds: 1, hdds: 2, gpus: 1 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.totalEmbodiedG).toBe(1_516_624);
    expect(result.breakdownG).toEqual({ base: 1_000_000, extraCpus: 100_000, extraMemory: 66_624, ssds: 100_000, hdds: 100_000, gpus: 150_000 });
    expect(result.lifetimeS).toBe(126_144_000);
    expect(result.inputs).toEqual({ cpus: 2, memoryGb: 64, ssds: 1, hdds: 2, gpus: 1 });
  });

  it("adds nothing for memory at or below 16 GB", () => {
    const result = ccfServerEmbodiedG({ cpus: 1, memoryGb: 8, ssds: 0, hdds: 0, gpus: 0 });
    expect(result.ok && result.totalEmbodiedG).toBe(1_000_000);
  });

  it("rejects impossible specs", () => {
    expect(ccfServerEmbodiedG({ cpus: 0, memoryGb: 16, ssds: 0, hdds: 0, gpus: 0 })).toMatchObject({
      ok: false,
      error: { code: "invalid-embodied-input", field: "cpus" },
    });
    expect(ccfServerEmbodiedG({ cpus: 1, memoryGb: 16, ssds: 1.5, hdds: 0, gpus: 0 })).toMatchObject({
      ok: false,
      error: { field: "ssds" },
    });
  });
});
