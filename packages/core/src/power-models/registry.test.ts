import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createPowerModel, listPowerModels, lookupPowerModel } from "./registry.js";

describe("power model registry", () => {
  it("lists every model once, each with a version and a source", () => {
    const models = listPowerModels();
    const names = models.map((model) => model.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(
      expect.arrayContaining(["eco-ci-github-epyc-7763", "ccf-amd-epyc-gen3", "ccf-aws-average", "teads-tdp", "ccf-memory", "ccf-gpu-t4"]),
    );
    for (const model of models) {
      expect(model.version).not.toBe("");
      expect(model.source).not.toBe("");
    }
  });

  it("looks models up case-insensitively", () => {
    const found = lookupPowerModel(" Teads-TDP ");
    expect(found.ok && found.descriptor.requires).toEqual(["tdpW", "vcpus"]);
  });

  it("rejects invalid parameters with the parameter's meaning", () => {
    const created = createPowerModel("ccf-intel-haswell", { vcpus: -2 });
    expect(created.ok).toBe(false);
    if (created.ok) return;
    expect(created.error.code).toBe("invalid-parameter");
    expect(created.error.message).toContain("vcpus");
  });

  // Property: more work never draws less power, for every model and any valid parameters.
  it("every model is non-negative and non-decreasing in utilisation", () => {
    const parameters = fc.record({
      vcpus: fc.integer({ min: 1, max: 128 }),
      tdpW: fc.double({ min: 1, max: 500, noNaN: true }),
      threadsPerChip: fc.integer({ min: 1, max: 256 }),
      memoryGb: fc.double({ min: 0.5, max: 2048, noNaN: true }),
      gpuCount: fc.integer({ min: 1, max: 8 }),
    });
    const utilisation = fc.double({ min: 0, max: 1, noNaN: true });
    for (const { name } of listPowerModels()) {
      fc.assert(
        fc.property(parameters, utilisation, utilisation, (params, a, b) => {
          const created = createPowerModel(name, params);
          if (!created.ok) return false;
          const [low, high] = a <= b ? [a, b] : [b, a];
          const lowW = created.model.powerW(low);
          const highW = created.model.powerW(high);
          return lowW >= 0 && lowW <= highW + 1e-12 * Math.abs(highW);
        }),
        { numRuns: 200 },
      );
    }
  });
});
