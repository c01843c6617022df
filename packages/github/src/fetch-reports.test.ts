import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type GitHubServer, startGitHubServer } from "../../../test/support/github-server.js";
import { forgeDeclaredSize, makeZip } from "../../../test/support/make-zip.js";
import { buildSampleReport } from "../../../test/support/sample-report.js";
import { fetchBranchHistory, fetchReportsFromArtifacts } from "./fetch-reports.js";
import { createTestPort } from "./test-port.test-helper.js";

const reportJson = JSON.stringify(buildSampleReport(), null, 2);

let server: GitHubServer;
beforeEach(async () => {
  server = await startGitHubServer();
});
afterEach(() => server.close());

describe("fetchReportsFromArtifacts from a run", () => {
  it("downloads, unzips and validates every report of every matching artifact", async () => {
    const run = server.addRun({ headBranch: "faster-decoding", event: "pull_request" });
    server.addArtifact({ name: "sci-gate-report-1", zip: makeZip({ "report.json": reportJson, "notes.txt": "not a report" }), run });
    server.addArtifact({ name: "sci-gate-report-2", zip: makeZip({ "shard/2/report.json": reportJson }), run });
    server.addArtifact({ name: "coverage", zip: makeZip({ "lcov.json": "{}" }), run });
    const result = await fetchReportsFromArtifacts(createTestPort(server), { runId: run.id });
    expect(result.problems).toEqual([]);
    expect(result.runId).toBe(run.id);
    expect(result.reports.map((r) => r.source).sort()).toEqual(["sci-gate-report-1/report.json", "sci-gate-report-2/shard/2/report.json"]);
    expect(result.reports[0]?.report.scenarios.map((s) => s.name)).toEqual(["chat", "summarise"]);
    expect(server.requestsTo(/\/zip$/)).toHaveLength(2);
  });

  it("names the artifact and file of a report that does not parse or validate", async () => {
    const run = server.addRun({ headBranch: "x" });
    const broken = { ...buildSampleReport(), machine: { ...buildSampleReport().machine, vcpus: 0 } };
    server.addArtifact({
      name: "sci-gate-report",
      zip: makeZip({ "a.json": "{ not json", "b.json": JSON.stringify(broken), "c.json": '{"schema":"other"}', "ok.json": reportJson }),
      run,
    });
    const result = await fetchReportsFromArtifacts(createTestPort(server), { runId: run.id });
    expect(result.reports.map((r) => r.file)).toEqual(["ok.json"]);
    const messages = result.problems.map((p) => `${p.artifact} | ${p.file} | ${p.message}`);
    expect(messages).toHaveLength(3);
    expect(messages[0]).toMatch(/^sci-gate-report \| a\.json \| sci-gate-report\/a\.json:1: expected JSON .* at line 1, column 3/);
    expect(messages[1]).toMatch(/^sci-gate-report \| b\.json \| sci-gate-report\/b\.json(:\d+)? machine\.vcpus: /);
    expect(messages[2]).toMatch(/c\.json(:\d+)? schema: expected "sci-gate\/report@1"/);
  });

  it("refuses a zip bomb by its declared sizes, before inflating", async () => {
    const run = server.addRun({ headBranch: "x" });
    const bomb = forgeDeclaredSize(makeZip({ "report.json": new Uint8Array(5_000_000) }), "report.json", 1_000);
    server.addArtifact({ name: "sci-gate-report-bomb", zip: bomb, run });
    server.addArtifact({ name: "sci-gate-report-big", zip: makeZip({ "report.json": new Uint8Array(3_000_000) }), run });
    const result = await fetchReportsFromArtifacts(createTestPort(server), { runId: run.id }, { maxReportBytes: 1_000_000 });
    expect(result.reports).toEqual([]);
    const byArtifact = Object.fromEntries(result.problems.map((p) => [p.artifact, p]));
    expect(byArtifact["sci-gate-report-bomb"]).toMatchObject({ file: "report.json" });
    expect(byArtifact["sci-gate-report-bomb"]?.message).toMatch(/declares 1000 bytes uncompressed but holds \d+ compressed: a forged size/);
    expect(byArtifact["sci-gate-report-big"]?.message).toMatch(/declares 3000000 bytes uncompressed, over the limit of 1000000/);
  });

  it("refuses archives whose reports together pass the total bound", async () => {
    const run = server.addRun({ headBranch: "x" });
    const files = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`r${i}.json`, new Uint8Array(300_000)]));
    server.addArtifact({ name: "sci-gate-report", zip: makeZip(files), run });
    const result = await fetchReportsFromArtifacts(createTestPort(server), { runId: run.id }, { maxUncompressedBytes: 1_000_000 });
    expect(result.problems).toEqual([
      { artifact: "sci-gate-report", file: null, message: "its .json files declare 1500000 bytes uncompressed in all, over the limit of 1000000; refused" },
    ]);
  });

  it("refuses an oversized artifact by its declared size without downloading it", async () => {
    const run = server.addRun({ headBranch: "x" });
    server.addArtifact({ name: "sci-gate-report", zip: makeZip({ "r.json": reportJson }), run, sizeInBytes: 900_000_000 });
    const result = await fetchReportsFromArtifacts(createTestPort(server), { runId: run.id });
    expect(result.problems[0]?.message).toMatch(/is 900000000 bytes, over the limit of 8388608; refused without downloading it/);
    expect(server.requestsTo(/\/zip$/)).toHaveLength(0);
  });

  it("stops reading an artifact that is larger than GitHub declared", async () => {
    const run = server.addRun({ headBranch: "x" });
    server.addArtifact({ name: "sci-gate-report", zip: new Uint8Array(50_000), run, sizeInBytes: 10 });
    const result = await fetchReportsFromArtifacts(createTestPort(server), { runId: run.id }, { maxZipBytes: 1_000 });
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ artifact: "sci-gate-report", file: null });
    expect(result.problems[0]?.message).toMatch(/over the limit of 1000 bytes/);
  });

  it("reports expired, missing and unreadable artifacts as problems", async () => {
    const run = server.addRun({ headBranch: "x" });
    server.addArtifact({ name: "sci-gate-report-old", zip: new Uint8Array(1), run, expired: true });
    server.addArtifact({ name: "sci-gate-report-junk", zip: new Uint8Array([1, 2, 3]), run });
    server.addArtifact({ name: "sci-gate-report-empty", zip: makeZip({ "readme.md": "#" }), run });
    const result = await fetchReportsFromArtifacts(createTestPort(server), { runId: run.id });
    const messages = result.problems.map((p) => `${p.artifact}: ${p.message}`).sort();
    expect(messages).toEqual([
      "sci-gate-report-empty: holds no .json file",
      expect.stringMatching(/^sci-gate-report-junk: not a readable zip archive/),
      "sci-gate-report-old: has expired; re-run the workflow that produced it",
    ]);
    const none = server.addRun({ headBranch: "y" });
    const empty = await fetchReportsFromArtifacts(createTestPort(server), { runId: none.id });
    expect(empty.problems[0]?.message).toMatch(/has no artifact named sci-gate-report\*/);
  });
});

describe("fetchReportsFromArtifacts from a branch", () => {
  function seedBranch() {
    const oldRun = server.addRun({ headBranch: "main" });
    server.addArtifact({ name: "sci-gate-report", zip: makeZip({ "report.json": reportJson }), run: oldRun });
    const goodRun = server.addRun({ headBranch: "main" });
    server.addArtifact({ name: "sci-gate-report-1", zip: makeZip({ "report.json": reportJson }), run: goodRun });
    server.addArtifact({ name: "sci-gate-report-2", zip: makeZip({ "report.json": reportJson }), run: goodRun });
    const failedRun = server.addRun({ headBranch: "main", conclusion: "failure" });
    server.addArtifact({ name: "sci-gate-report", zip: makeZip({ "report.json": reportJson }), run: failedRun });
    // A pull request from a fork whose branch is also called main: its artifacts must not become the baseline.
    const forkRun = server.addRun({ headBranch: "main", event: "pull_request", headRepoFullName: "mallory/octo-repo", headRepositoryId: 666 });
    server.addArtifact({ name: "sci-gate-report", zip: makeZip({ "report.json": "{}" }), run: forkRun });
    return { oldRun, goodRun };
  }

  it("takes every shard of the newest successful run of this repository (workflow file given)", async () => {
    const { goodRun } = seedBranch();
    const result = await fetchReportsFromArtifacts(createTestPort(server), { branch: "main", workflowFile: "sci-gate.yml" });
    expect(result.problems).toEqual([]);
    expect(result.runId).toBe(goodRun.id);
    expect(result.reports.map((r) => r.artifact).sort()).toEqual(["sci-gate-report-1", "sci-gate-report-2"]);
  });

  it("finds the same run from the repository's artifacts (no workflow file)", async () => {
    const { goodRun } = seedBranch();
    const result = await fetchReportsFromArtifacts(createTestPort(server), { branch: "main" });
    expect(result.problems).toEqual([]);
    expect(result.runId).toBe(goodRun.id);
    expect(result.reports.map((r) => r.artifact).sort()).toEqual(["sci-gate-report-1", "sci-gate-report-2"]);
    // The newer failed run and the fork's run were looked at (or filtered out) and passed over.
    const inspected = server.requestsTo(/^GET \/repos\/octo-org\/octo-repo\/actions\/runs\/\d+$/).map((r) => r.path);
    expect(inspected.some((p) => p.endsWith(`/${goodRun.id}`))).toBe(true);
  });

  it("says plainly when the branch has no baseline yet", async () => {
    const result = await fetchReportsFromArtifacts(createTestPort(server), { branch: "main", workflowFile: "sci-gate.yml" });
    expect(result).toMatchObject({ reports: [], runId: null });
    expect(result.problems[0]?.message).toMatch(/no unexpired artifact named sci-gate-report\* from a successful run on branch main \(workflow sci-gate.yml\)/);
  });
});

describe("bounds on what one call downloads", () => {
  it("reads at most maxArtifacts artifacts and says how many were left", async () => {
    const run = server.addRun({ headBranch: "x" });
    for (let i = 1; i <= 3; i++) server.addArtifact({ name: `sci-gate-report-${i}`, zip: makeZip({ "r.json": reportJson }), run });
    const result = await fetchReportsFromArtifacts(createTestPort(server), { runId: run.id }, { maxArtifacts: 2 });
    expect(result.reports).toHaveLength(2);
    expect(result.problems).toEqual([{ artifact: null, file: null, message: "1 more artifact not read: at most 2 are read per call" }]);
    expect(server.requestsTo(/\/zip$/)).toHaveLength(2);
  });

  it("stops at maxTotalZipBytes across artifacts, refusing the next without downloading it", async () => {
    const run = server.addRun({ headBranch: "x" });
    const zip = makeZip({ "r.json": reportJson });
    server.addArtifact({ name: "sci-gate-report-1", zip, run });
    server.addArtifact({ name: "sci-gate-report-2", zip, run });
    const result = await fetchReportsFromArtifacts(createTestPort(server), { runId: run.id }, { maxTotalZipBytes: zip.length + 10 });
    expect(result.reports).toHaveLength(1);
    expect(result.problems[0]?.message).toBe(`is ${zip.length} bytes, more than is left of the ${zip.length + 10} bytes read per call; refused without downloading it`);
    expect(server.requestsTo(/\/zip$/)).toHaveLength(1);
  });
});

describe("fetchBranchHistory", () => {
  it("reads the newest successful runs of the branch, newest first, as many as asked", async () => {
    const runs = [1, 2, 3].map((i) => {
      const run = server.addRun({ headBranch: "main", headSha: String(i).repeat(40) });
      server.addArtifact({ name: "sci-gate-report", zip: makeZip({ "r.json": reportJson }), run });
      return run;
    });
    const failed = server.addRun({ headBranch: "main", conclusion: "failure" });
    server.addArtifact({ name: "sci-gate-report", zip: makeZip({ "r.json": reportJson }), run: failed });
    const history = await fetchBranchHistory(createTestPort(server), { branch: "main" }, { runs: 2 });
    expect(history.runs.map((r) => r.runId)).toEqual([runs[2]!.id, runs[1]!.id]);
    expect(history.problems).toEqual([]);
  });

  it("stops looking when its time is up, keeping what it read", async () => {
    for (let i = 0; i < 3; i++) server.addArtifact({ name: "sci-gate-report", zip: makeZip({ "r.json": reportJson }), run: server.addRun({ headBranch: "main" }) });
    // The clock reads 0 for the start, the three runs found and the first two reads; then a minute and a second have passed.
    let reads = 0;
    const now = () => (++reads <= 6 ? 0 : 61_000);
    const history = await fetchBranchHistory(createTestPort(server), { branch: "main" }, { runs: 3, timeLimitMs: 60_000, now });
    expect(history.runs).toHaveLength(2);
    expect(history.problems.map((p) => p.message)).toEqual(["stopped reading past reports after 60 s; the trend shows 2 of up to 3 runs"]);
  });

  it("says plainly when the branch has no reports yet", async () => {
    const history = await fetchBranchHistory(createTestPort(server), { branch: "main" });
    expect(history.runs).toEqual([]);
    expect(history.problems[0]?.message).toMatch(/no unexpired artifact named sci-gate-report\* from a successful run on branch main/);
  });
});
