import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const root = resolve(import.meta.dirname, "..");
const readme = readFileSync(resolve(root, "README.md"), "utf8");

describe("README", () => {
  it("opens with the two commands", () => {
    expect(readme).toContain("npm ci && npm start    # measures the bundled example inference suite, prints the SCI report");
    expect(readme).toContain("npm ci && npm test     # builds and runs every test");
  });

  it("documents exactly the inputs action.yml declares, with their defaults", () => {
    const action = parse(readFileSync(resolve(root, "action.yml"), "utf8")) as { inputs: Record<string, { default?: string }> };
    const section = readme.split("### Action inputs")[1]!.split("\n\n")[1]!;
    const rows = section
      .split("\n")
      .filter((line) => line.startsWith("| `"))
      .map((line) => line.split("|").map((cell) => cell.trim()));
    const documented = Object.fromEntries(rows.map((cells) => [cells[1]!.replace(/`/g, ""), cells[2]!.replace(/`/g, "")]));
    const declared = Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, input.default ?? ""]));
    expect(documented).toEqual(declared);
  });
});
