import { describe, expect, it } from "vitest";
import { formatCompactCount, formatConfidence, formatGroupedSignificant, formatPct, formatPctInterval, formatQuantity, formatShort, formatSignedPct, formatSignedSignificant, formatSignificant, formatThreshold, roundSignificant } from "./format-number.js";

describe("formatSignificant", () => {
  it("keeps three significant figures, trailing zeros included", () => {
    expect(formatSignificant(12)).toBe("12.0");
    expect(formatSignificant(12.04)).toBe("12.0");
    expect(formatSignificant(12.05001)).toBe("12.1");
    expect(formatSignificant(1.2345)).toBe("1.23");
    expect(formatSignificant(123.4)).toBe("123");
    expect(formatSignificant(0.000123456)).toBe("0.000123");
  });

  it("re-counts digits after rounding up to the next power of ten", () => {
    // 9.996 rounds to 10.0 (three figures), not 10.00.
    expect(formatSignificant(9.996)).toBe("10.0");
    expect(formatSignificant(999.7)).toBe("1000");
  });

  it("never writes exponents and handles zero and non-finite values", () => {
    expect(formatSignificant(1234567)).toBe("1230000");
    expect(formatSignificant(1e-9)).toBe("0.00000000100");
    expect(formatSignificant(0)).toBe("0");
    expect(formatSignificant(Number.NaN)).toBe("n/a");
    expect(formatSignificant(-0.0456)).toBe("-0.0456");
  });

  it("rounds like toPrecision", () => {
    expect(roundSignificant(0.012345, 2)).toBe(0.012);
    expect(roundSignificant(98765, 2)).toBe(99000);
  });
});

describe("formatShort", () => {
  it("drops trailing zeros for thresholds people typed", () => {
    expect(formatShort(5)).toBe("5");
    expect(formatShort(2.5)).toBe("2.5");
    expect(formatShort(0.5)).toBe("0.5");
    expect(formatShort(100)).toBe("100");
  });
});

describe("percentages", () => {
  it("signs changes with + and a true minus, one decimal below 100 %", () => {
    expect(formatSignedPct(9.2)).toBe("+9.2 %");
    expect(formatSignedPct(-0.44)).toBe("\u22120.4 %");
    expect(formatSignedPct(0.04)).toBe("0.0 %");
    expect(formatSignedPct(-0.04)).toBe("0.0 %");
    expect(formatSignedPct(99.96)).toBe("+100 %");
    expect(formatSignedPct(123.4)).toBe("+123 %");
  });

  it("writes intervals with one unit at the end", () => {
    // e^0.0620 − 1 = 6.40 %, e^0.1180 − 1 = 12.52 %.
    expect(formatPctInterval(Math.expm1(0.062) * 100, Math.expm1(0.118) * 100)).toBe("+6.4 … +12.5 %");
    expect(formatPctInterval(-1.94, 0.7)).toBe("\u22121.9 … +0.7 %");
  });

  it("writes unsigned shares", () => {
    expect(formatPct(2.14)).toBe("2.1 %");
    expect(formatPct(140.2)).toBe("140 %");
  });

  it("writes confidence levels as people say them", () => {
    expect(formatConfidence(0.95)).toBe("95%");
    expect(formatConfidence(0.975)).toBe("97.5%");
    expect(formatConfidence(0.9512)).toBe("95.12%");
  });
});

describe("counts", () => {
  it("groups thousands and keeps small quantities to three figures", () => {
    expect(formatQuantity(512)).toBe("512");
    expect(formatQuantity(12.5)).toBe("12.5");
    expect(formatQuantity(12_800.4)).toBe("12,800");
    expect(formatQuantity(1_234_567)).toBe("1,234,567");
  });

  it("says production volumes in words", () => {
    expect(formatCompactCount(2e9)).toBe("2 billion");
    // 2e9 per day × 365 = 7.3e11 = 730 billion.
    expect(formatCompactCount(7.3e11)).toBe("730 billion");
    expect(formatCompactCount(1.5e6)).toBe("1.5 million");
    expect(formatCompactCount(999_999_999)).toBe("1 billion");
    expect(formatCompactCount(40_000)).toBe("40,000");
  });

  it("signs deltas", () => {
    expect(formatSignedSignificant(1.1)).toBe("+1.10");
    expect(formatSignedSignificant(-0.42)).toBe("\u22120.420");
    expect(formatSignedSignificant(0)).toBe("0");
  });
});

describe("figures for reading", () => {
  it("groups whole parts by thousands and writes a true minus", () => {
    expect(formatGroupedSignificant(2573.36)).toBe("2,570");
    expect(formatGroupedSignificant(200_000)).toBe("200,000");
    expect(formatGroupedSignificant(17.8)).toBe("17.8");
    expect(formatGroupedSignificant(-1234.5)).toBe("\u22121,230");
    expect(formatGroupedSignificant(0)).toBe("0");
  });

  it("writes thresholds as people wrote them, with a true minus", () => {
    expect(formatThreshold(5)).toBe("5");
    expect(formatThreshold(2.5)).toBe("2.5");
    expect(formatThreshold(-3)).toBe("\u22123");
  });
});

