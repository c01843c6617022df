import { describe, expect, it } from "vitest";
import { parseJsonText } from "./parse-json-text.js";

describe("parseJsonText", () => {
  it("parses standard JSON", () => {
    expect(parseJsonText('{"units": 12}')).toEqual({ ok: true, value: { units: 12 } });
  });

  it("reads the NaN and Infinity that Python's json.dump writes as null, outside strings only", () => {
    expect(parseJsonText('{"p99_itl_ms": NaN, "rtfx": Infinity, "low": -Infinity, "text": "NaN or Infinity", "n": 3}')).toEqual({
      ok: true,
      value: { p99_itl_ms: null, rtfx: null, low: null, text: "NaN or Infinity", n: 3 },
    });
    expect(parseJsonText('{"quote": "say \\"NaN\\"", "x": NaN}')).toEqual({ ok: true, value: { quote: 'say "NaN"', x: null } });
  });

  it("skips a UTF-8 byte order mark", () => {
    expect(parseJsonText('\uFEFF{"units": 5}')).toEqual({ ok: true, value: { units: 5 } });
  });

  it("refuses what is not JSON even after the Python constants", () => {
    expect(parseJsonText("tokens: 12")).toEqual({ ok: false });
    expect(parseJsonText('{"units": NaN')).toEqual({ ok: false });
  });
});
