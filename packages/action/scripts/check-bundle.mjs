// CI guard: rebuilds the bundle in memory and fails when it differs from what is committed (HEAD),
// not from the working tree, which the build step has just rewritten.
import { execFileSync } from "node:child_process";
import { relative } from "node:path";
import { build } from "esbuild";
import { bundleOptions } from "./build.mjs";

const out = new URL("../dist/index.js", import.meta.url).pathname;
const top = execFileSync("git", ["rev-parse", "--show-toplevel"], { encoding: "utf8" }).trim();
const result = await build({ ...bundleOptions, outfile: out, write: false });
const stale = [];
for (const file of result.outputFiles) {
  const path = relative(top, file.path);
  let committed = "";
  try {
    committed = execFileSync("git", ["show", `HEAD:${path}`], { cwd: top, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  } catch {
    committed = "";
  }
  if (committed !== file.text) stale.push(path);
}
if (stale.length > 0) {
  console.error(`the committed action bundle is stale: ${stale.join(", ")}\nrun \`npm run build\` and commit packages/action/dist`);
  process.exit(1);
}
console.log("action bundle up to date");
