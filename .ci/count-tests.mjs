// Prints the plain closing line CI reads, from vitest's JSON report. Anything that is not a
// clean pass counts as a failure: a missing or unreadable report, a test file that failed to
// load (vitest 4 lists it in testResults with status "failed" and no assertion results), a
// suite whose hook failed (its tests are "skipped"), any report whose success is false, and,
// when given as the second argument, a non-zero exit status of the vitest run itself (an error
// thrown outside any test leaves the JSON report at success: true).
// Usage: node .ci/count-tests.mjs [report.json] [vitest exit status]
import { existsSync, readFileSync } from "node:fs";

const file = process.argv[2] ?? ".ci/vitest.json";
const exitStatus = process.argv[3] === undefined ? 0 : Number(process.argv[3]);

function refuse(why) {
  console.log(why);
  console.log("tests: 0 passed, 1 failed");
  process.exit(1);
}

if (!existsSync(file)) refuse(`no vitest report at ${file}`);
let report;
try {
  report = JSON.parse(readFileSync(file, "utf8"));
} catch (error) {
  refuse(`the vitest report ${file} is not JSON (${error instanceof Error ? error.message : String(error)})`);
}
if (report === null || typeof report !== "object" || !Array.isArray(report.testResults)) refuse(`the vitest report ${file} has no testResults`);

const count = (value) => (Number.isInteger(value) && value >= 0 ? value : 0);
const passed = count(report.numPassedTests);
let failed = count(report.numFailedTests);

// A file that failed with no failed test of its own failed to load or failed in a hook: vitest
// counts no test for it, so it is counted here, one per file, and named.
for (const result of report.testResults) {
  if (result?.status !== "failed") continue;
  const assertions = Array.isArray(result.assertionResults) ? result.assertionResults : [];
  if (assertions.some((assertion) => assertion?.status === "failed")) continue;
  failed++;
  const reason = typeof result.message === "string" && result.message !== "" ? result.message.split("\n")[0] : "a hook or the file itself failed";
  console.log(`failed without a failing test: ${result.name}: ${reason}`);
}
if (failed === 0 && count(report.numFailedTestSuites) > 0) {
  failed = count(report.numFailedTestSuites);
  console.log(`vitest reports ${failed} failed suite(s) and no failed test`);
}
if (failed === 0 && report.success !== true) {
  failed = 1;
  console.log("vitest reports the run as unsuccessful with no failed test or suite");
}

if (failed === 0 && exitStatus !== 0) {
  failed = 1;
  console.log(`vitest exited with status ${process.argv[3]} but its report shows no failure (an error outside any test?)`);
}

console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
