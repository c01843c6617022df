import { describe, expect, it } from "vitest";
import { formatTextTable } from "./text-table.js";

describe("formatTextTable", () => {
  it("pads to the widest cell, right-aligns numbers and counts code points", () => {
    const table = formatTextTable(
      ["Name", "Mass"],
      [
        ["chat", "17.8 mg"],
        ["µ-bench", "350 µg"],
      ],
      ["left", "right"],
    );
    expect(table.split("\n")).toEqual(["Name        Mass", "-------  -------", "chat     17.8 mg", "µ-bench   350 µg"]);
  });
});
