import { describe, expect, it } from "vitest";
import { defaultPue } from "./pue.js";

describe("defaultPue", () => {
  it("uses Azure's CCF figure for GitHub-hosted runners", () => {
    expect(defaultPue({ githubHosted: true })).toMatchObject({ pue: 1.185 });
  });

  it("uses the named cloud's figure, which wins over the runner kind", () => {
    expect(defaultPue({ provider: "aws", githubHosted: false }).pue).toBe(1.135);
    expect(defaultPue({ provider: "gcp", githubHosted: true }).pue).toBe(1.1);
    expect(defaultPue({ provider: "azure", githubHosted: false }).pue).toBe(1.185);
  });

  it("is 1.0 for self-hosted and local machines", () => {
    const local = defaultPue({ githubHosted: false });
    expect(local.pue).toBe(1);
    expect(local.reason).toContain("self-hosted or local");
  });
});
