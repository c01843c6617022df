import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Workspace packages resolve to their TypeScript sources in tests, so a change in core is
// seen by the CLI's tests without a rebuild; the built dist/ is exercised by the e2e tests.
const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

const alias = {
  "@sci-gate/core": src("core"),
  "@sci-gate/meter": src("meter"),
  "@sci-gate/report": src("report"),
  "@sci-gate/github": src("github"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      { resolve: { alias }, test: { name: "packages", include: ["packages/*/src/**/*.test.ts", "examples/*/src/**/*.test.ts"] } },
      // End-to-end files measure energy on this machine: one at a time, so they do not load each other.
      { resolve: { alias }, test: { name: "e2e", include: ["test/**/*.test.ts"], testTimeout: 120_000, hookTimeout: 120_000, fileParallelism: false } },
    ],
  },
});
