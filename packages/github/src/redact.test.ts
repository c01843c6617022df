import { describe, expect, it } from "vitest";
import { createRedactor } from "./redact.js";

describe("createRedactor", () => {
  it("removes the named secrets wherever they appear", () => {
    const redact = createRedactor(["s3cret-value", undefined, "ab"]);
    expect(redact("a s3cret-value and s3cret-value; ab stays")).toBe("a *** and ***; ab stays");
  });

  it("removes GitHub token shapes and authorization headers it was not told about", () => {
    const redact = createRedactor([]);
    expect(redact("ghp_abcdefghijklmnopqrstuvwxyz0123 and github_pat_11ABCDEFG0123456789_abcdefghijkl")).toBe("*** and ***");
    expect(redact('{"authorization": "token abc123def"} Authorization: Bearer xyz.123')).toBe('{"authorization": "token ***"} Authorization: Bearer ***');
  });

  it("removes a longer secret whole when it contains a shorter one", () => {
    expect(createRedactor(["abcd", "abcdefgh"])("key=abcdefgh")).toBe("key=***");
  });
});

describe("redactDeep", () => {
  it("redacts every string of a nested value, keys too, and leaves the rest as it was", async () => {
    const { redactDeep } = await import("./redact.js");
    const redact = createRedactor(["s3cret-value"]);
    const input = { a: ["x s3cret-value", 3, null, { "s3cret-value": true }], b: { c: "ghs_abcdefghijklmnopqrstuvwxyz0123" }, n: 1.5 };
    expect(redactDeep(input, redact)).toEqual({ a: ["x ***", 3, null, { "***": true }], b: { c: "***" }, n: 1.5 });
    expect(input.a[0]).toBe("x s3cret-value");
  });
});
