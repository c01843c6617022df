// Prints the plain closing line CI reads, from vitest's JSON report; a missing report counts as a failure.
import { existsSync, readFileSync } from "node:fs";

const file = process.argv[2] ?? ".ci/vitest.json";
if (!existsSync(file)) {
  console.log(`no vitest report at ${file}`);
  console.log("tests: 0 passed, 1 failed");
  process.exit(1);
}
const report = JSON.parse(readFileSync(file, "utf8"));
const passed = report.numPassedTests ?? 0;
const failed = (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
