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

const measuringFiles = ["test/action.test.ts", "test/cli-example.test.ts", "test/meter-measure.test.ts", "test/faults-samplers.test.ts"];
// One temporary folder per test run, removed at its end (see the file); idempotent across projects.
const globalSetup = ["test/support/global-tmpdir.ts"];
const e2e = { testTimeout: 120_000, hookTimeout: 120_000, globalSetup };

export default defineConfig({
  resolve: { alias },
  test: {
    // vitest defaults to one worker per CPU less one: a single worker on a 2-core CI runner, where
    // most test time is spent waiting on child processes. Two keep both cores busy.
    maxWorkers: 2,
    projects: [
      { resolve: { alias }, test: { name: "packages", globalSetup, include: ["packages/*/src/**/*.test.ts", "examples/*/src/**/*.test.ts"] } },
      // End-to-end files whose assertions rest on energy measured on this machine: one at a time,
      // so they do not load each other (the other end-to-end files only spawn and read).
      { resolve: { alias }, test: { name: "e2e-measure", include: measuringFiles, ...e2e, fileParallelism: false } },
      { resolve: { alias }, test: { name: "e2e", include: ["test/**/*.test.ts"], exclude: measuringFiles, ...e2e } },
    ],
  },
});
