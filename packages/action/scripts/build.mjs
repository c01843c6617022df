// Bundles the action into one ESM file the runner executes (dist/index.js), for a Node 20 target so
// the same file runs in tests here. Some dependencies of @actions/* `require` Node built-ins, which
// an ESM bundle only has through createRequire.
import { build } from "esbuild";

const packageDir = new URL("..", import.meta.url).pathname;

// absWorkingDir pins the paths esbuild writes into the bundle and its map, so the output is the
// same whatever directory the build runs from (turbo runs it in the package, CI checks from the root).
export const bundleOptions = {
  absWorkingDir: packageDir,
  entryPoints: ["src/index.ts"],
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  sourcemap: true,
  legalComments: "none",
  logLevel: "warning",
  banner: { js: "import { createRequire as __sciGateCreateRequire } from 'node:module';\nconst require = __sciGateCreateRequire(import.meta.url);" },
};

if (import.meta.url === `file://${process.argv[1]}`) {
  await build({ ...bundleOptions, outfile: new URL("../dist/index.js", import.meta.url).pathname });
}
