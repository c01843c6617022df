import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createJsonLocator } from "./json-locator.js";

const text = `{
  "schema": "x",
  "scenarios": [
    {
      "name": "a \\"quoted\\" name, with [brackets] and {braces}",
      "runs": [
        { "energyJ": { "cpu": 1, "total": 1 } },
        {
          "energyJ": { "cpu": 2, "total": 3 }
        }
      ]
    }
  ]
}`;

describe("createJsonLocator", () => {
  const locator = createJsonLocator(text);

  it("finds the line and column where the value at a path starts", () => {
    // line 9 is `          "energyJ": { "cpu": 2, "total": 3 }`; the 3 is its 43rd character.
    expect(locator.locate(["scenarios", 0, "runs", 1, "energyJ", "total"])).toEqual({ line: 9, column: 43 });
    expect(locator.locate(["scenarios", 0, "runs", 0])).toEqual({ line: 7, column: 9 });
    expect(locator.locate(["schema"])).toEqual({ line: 2, column: 13 });
    expect(locator.locate([])).toEqual({ line: 1, column: 1 });
  });

  it("skips strings holding quotes and brackets", () => {
    expect(locator.locate(["scenarios", 0, "runs"])).toEqual({ line: 6, column: 15 });
  });

  it("points at an unknown key itself, and at the parent of a path that does not exist", () => {
    expect(locator.locate(["scenarios", 0], "runs")).toEqual({ line: 6, column: 7 });
    expect(locator.locate(["scenarios", 0, "missing"])).toEqual({ line: 4, column: 5 });
    expect(locator.locate(["scenarios", 5, "name"])).toEqual({ line: 3, column: 16 });
  });

  it("lands on the value JSON.parse reads at that path, for any document and any existing path", () => {
    const document = fc.jsonValue({ maxDepth: 4 });
    fc.assert(
      fc.property(document, fc.array(fc.nat(), { maxLength: 5 }), fc.constantFrom(0, 2), (value, choices, indent) => {
        const json = JSON.stringify(value, null, indent);
        // A path that exists, chosen by the random choices.
        const path: (string | number)[] = [];
        let node: unknown = value;
        for (const choice of choices) {
          if (Array.isArray(node) && node.length > 0) {
            const index = choice % node.length;
            path.push(index);
            node = node[index];
          } else if (node !== null && typeof node === "object" && Object.keys(node).length > 0) {
            const keys = Object.keys(node);
            const key = keys[choice % keys.length]!;
            path.push(key);
            node = (node as Record<string, unknown>)[key];
          } else break;
        }
        const where = createJsonLocator(json).locate(path);
        expect(where).not.toBeNull();
        const lines = json.split("\n");
        const offset = lines.slice(0, where!.line - 1).reduce((sum, line) => sum + line.length + 1, 0) + where!.column - 1;
        // The text from there starts with exactly that value's JSON.
        expect(json.startsWith(JSON.stringify(node, null, indent).split("\n")[0]!, offset)).toBe(true);
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
