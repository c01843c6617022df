import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { CO2JS_PACKAGE_NAME, CO2JS_PACKAGE_VERSION } from "./co2js-package.js";

/** The installed package.json of @tgwf/co2 (its exports map hides it from require.resolve). */
function readInstalledPackageJson(): { name: string; version: string } {
  let directory = dirname(createRequire(import.meta.url).resolve(CO2JS_PACKAGE_NAME));
  for (;;) {
    try {
      const parsed = JSON.parse(readFileSync(join(directory, "package.json"), "utf8")) as { name?: string; version: string };
      if (parsed.name === CO2JS_PACKAGE_NAME) return { name: parsed.name, version: parsed.version };
    } catch {
      // no package.json at this level: keep climbing
    }
    const parent = dirname(directory);
    if (parent === directory) throw new Error(`package.json of ${CO2JS_PACKAGE_NAME} not found`);
    directory = parent;
  }
}

describe("CO2.js package version", () => {
  it("matches the installed package, so provenance cannot go stale silently", () => {
    expect(readInstalledPackageJson().version).toBe(CO2JS_PACKAGE_VERSION);
  });
});
