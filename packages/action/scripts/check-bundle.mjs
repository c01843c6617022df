// CI guard: rebuilds the bundle in memory and fails when the committed dist/ differs from it.
import { readFileSync } from "node:fs";
import { build } from "esbuild";
import { bundleOptions } from "./build.mjs";

const out = new URL("../dist/index.js", import.meta.url).pathname;
const result = await build({ ...bundleOptions, outfile: out, write: false });
const stale = [];
for (const file of result.outputFiles) {
  let committed = "";
  try {
    committed = readFileSync(file.path, "utf8");
  } catch {
    committed = "";
  }
  if (committed !== file.text) stale.push(file.path);
}
if (stale.length > 0) {
  console.error(`the committed action bundle is stale: ${stale.join(", ")}\nrun \`npm run build\` and commit packages/action/dist`);
  process.exit(1);
}
console.log("action bundle up to date");
