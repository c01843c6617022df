// Bundles the action into one ESM file the runner executes (dist/index.js), for a Node 20 target so
// the same file runs in tests here. Some dependencies of @actions/* `require` Node built-ins, which
// an ESM bundle only has through createRequire.
import { build } from "esbuild";

export const bundleOptions = {
  entryPoints: [new URL("../src/index.ts", import.meta.url).pathname],
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
