import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeEmbodiedG } from "./compute-embodied.js";
import { SERVER_LIFETIME_S } from "./expected-lifetime.js";
import { GITHUB_RUNNER_SERVER_EMBODIED_G, githubRunnerEmbodied } from "./github-runner-embodied.js";

describe("computeEmbodiedG", () => {
  it("reproduces the SCI specification's example: 1,000 kg over 4 years, reserved 1 hour → ≈ 28.5 g", () => {
    // By hand: 1,000,000 g × 3,600 s / 126,144,000 s × 1/1 = 3.6e9 / 1.26144e8 = 28.538812785388… g.
    const result = computeEmbodiedG({
      totalEmbodiedG: 1_000_000,
      lifetimeS: 126_144_000,
      durationS: 3_600,
      resourcesReserved: 1,
      resourcesTotal: 1,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.embodiedG).toBeCloseTo(28.538812785388128, 12);
    expect(result.inputs).toEqual({
      totalEmbodiedG: 1_000_000,
      lifetimeS: 126_144_000,
      durationS: 3_600,
      resourcesReserved: 1,
      resourcesTotal: 1,
    });
    expect(result.source).toContain("ISO/IEC 21031:2024");
  });

  it("counts 4 years as 126,144,000 s (365-day years)", () => {
    expect(SERVER_LIFETIME_S).toBe(4 * 365 * 24 * 3600);
    expect(SERVER_LIFETIME_S).toBe(126_144_000);
  });

  it("gives 0.0171188… g for 60 s on the 4-vCPU GitHub runner", () => {
    // By hand: 1,151,700 g × 4/128 = 35,990.625 g per lifetime;
    // × 60 s / 126,144,000 s = 2,159,437.5 / 126,144,000 = 0.017118828481735… g.
    const assumption = githubRunnerEmbodied(4);
    expect((assumption.totalEmbodiedG * assumption.resourcesReserved) / assumption.resourcesTotal).toBe(35_990.625);
    const result = computeEmbodiedG({ ...assumption, durationS: 60 });
    expect(result.ok && result.embodiedG).toBeCloseTo(0.01711882848173516, 15);
    expect(result.ok && result.source).toContain("Eco-CI");
  });

  it("shares 2/128 of the server for a 2-vCPU runner", () => {
    const assumption = githubRunnerEmbodied(2);
    expect((assumption.totalEmbodiedG * assumption.resourcesReserved) / assumption.resourcesTotal).toBe(17_995.3125);
    expect(GITHUB_RUNNER_SERVER_EMBODIED_G).toBe(1_151_700);
  });

  it("rejects impossible inputs, naming the field", () => {
    const base = { totalEmbodiedG: 1_000_000, lifetimeS: 126_144_000, durationS: 60, resourcesReserved: 4, resourcesTotal: 128 };
    const cases: [Partial<typeof base>, string][] = [
      [{ lifetimeS: 0 }, "lifetimeS"],
      [{ durationS: -1 }, "durationS"],
      [{ totalEmbodiedG: Number.NaN }, "totalEmbodiedG"],
      [{ resourcesTotal: 0 }, "resourcesTotal"],
      [{ resourcesReserved: 129 }, "resourcesReserved"],
    ];
    for (const [change, field] of cases) {
      const result = computeEmbodiedG({ ...base, ...change });
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.error).toMatchObject({ code: "invalid-embodied-input", field });
      expect(result.error.message).toContain(field);
    }
  });

  // Property: M is linear in the time reserved (additive and homogeneous).
  it("is linear in duration", () => {
    const assumption = githubRunnerEmbodied(4);
    const duration = fc.double({ min: 0, max: 1e6, noNaN: true });
    const embodied = (durationS: number) => {
      const result = computeEmbodiedG({ ...assumption, durationS });
      if (!result.ok) throw new Error(result.error.message);
      return result.embodiedG;
    };
    fc.assert(
      fc.property(duration, duration, fc.double({ min: 0, max: 100, noNaN: true }), (a, b, k) => {
        const sum = embodied(a + b);
        const scaled = embodied(k * a);
        const close = (x: number, y: number) => Math.abs(x - y) <= 1e-12 * Math.max(1, Math.abs(x), Math.abs(y));
        return close(sum, embodied(a) + embodied(b)) && close(scaled, k * embodied(a));
      }),
    );
  });
});
