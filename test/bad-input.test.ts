import { existsSync, readFileSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { decodeUtf8, formatIssue, maxConfigBytes, maxReportBytes, parseConfig, parseReport } from "@sci-gate/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actionBundle, repoRoot, runBundledAction } from "./support/action-harness.js";
import { startGitHubServer } from "./support/github-server.js";
import { cliBin, cliEnv, heapLimitMb, mapPool, type ProcessResult, runCli, stackTracePattern } from "./support/run-process.js";

/**
 * Walks test/fixtures/bad-input (see its README) through the real entry points: the built CLI
 * for configs, reports and suite outputs, the bundled action for event payloads. Each input must
 * be refused with the contract's exit code and a message naming the file and the place inside
 * it, within a second of processing, under a bounded heap, with no stack trace.
 *
 * "Within a second" is judged on each process's own CPU time (user + system) beyond the entry
 * point's start-up, never on a wall clock: on a shared 2-core machine under load a refusal that
 * takes 30 ms of work waits seconds for a core (runs here took 3-10 s of wall time at a load of
 * 13). A hang is still caught: runCli kills a process after 60 s, which fails the exit code check.
 */
const corpus = join(repoRoot, "test", "fixtures", "bad-input");

interface ConfigCase {
  file: string;
  made: string;
  line: number;
  path: string | null;
  expect: string[];
  /** "run": only a run can tell (the meter checks the units regex before anything starts). */
  refusedBy?: "run";
}
interface ReportCase {
  file: string;
  made: string;
  path: string | null;
  /** Where the message places the problem: the syntax error's line, or the offending value's. */
  line: number;
  expect: string[];
}
interface ReportPairCase {
  command: "merge" | "compare";
  files: string[];
  made: string;
  path: string | null;
  expect: string[];
}
interface SuiteOutputCase {
  file: string;
  made: string;
  units: Record<string, string> | null;
  expect: string[];
}
interface EventCase {
  file: string;
  made: string;
  eventName: string;
  path: string | null;
  expect: string[];
}
interface Cases {
  config: ConfigCase[];
  report: ReportCase[];
  reportPair: ReportPairCase[];
  suiteOutput: SuiteOutputCase[];
  event: EventCase[];
}

const cases = JSON.parse(readFileSync(join(corpus, "cases.json"), "utf8")) as Cases;

/** The contract: a second of processing on top of starting node and loading the entry point (the CLI or the action bundle). */
const processingCpuMs = 1000;
/**
 * CPU time overstates processing: V8's parallel GC threads add theirs to the process's, and a
 * core shared with other jobs runs slower. Reading the 43 MB report of 100,001 runs took 1.27 s
 * of CPU beyond start-up here, at a load average of 8 on 2 cores.
 */
const cpuSlackMs = 1000;
/** The walks of the whole corpus start 60-90 processes, two at a time: minutes on a loaded 2-core machine. */
const corpusWalkTimeoutMs = 600_000;

let work = "";
/** Preloaded into every process under test (NODE_OPTIONS=--require): writes its CPU time at exit. */
let cpuProbe = "";
/** CPU time of starting the CLI (`sci-gate --version`) here. */
let cliStartupCpuMs = 0;
/** A valid report holding head runs only, for the other side of `compare`. */
let goodReport = "";

beforeAll(async () => {
  for (const file of [cliBin, actionBundle]) if (!existsSync(file)) throw new Error(`${file} is missing: build first (npx turbo run build)`);
  work = await mkdtemp(join(tmpdir(), "sci-gate-bad-input-"));
  goodReport = await readFile(join(corpus, "report", "single-revision.json"), "utf8");
  cpuProbe = join(work, "cpu-probe.cjs");
  // The variable is removed at once, so a process the CLI starts (the suite) does not overwrite the figure.
  await writeFile(
    cpuProbe,
    `const file = process.env.SCI_GATE_TEST_CPU_FILE;
if (file) {
  delete process.env.SCI_GATE_TEST_CPU_FILE;
  process.on("exit", () => {
    const { user, system } = process.cpuUsage();
    require("node:fs").writeFileSync(file, String((user + system) / 1000));
  });
}
`,
  );
  // The baseline the CLI's processing time is measured against.
  const starts: number[] = [];
  for (let i = 0; i < 2; i++) starts.push((await runTimedCli(["--version"], work)).cpuMs ?? Number.POSITIVE_INFINITY);
  cliStartupCpuMs = Math.min(...starts);
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

interface Timed {
  /** The process's own CPU time in ms, from the probe; null when it exited without running its exit handlers (a crash, a kill). */
  cpuMs: number | null;
}

let probes = 0;
/** Environment that loads the CPU probe, and where the probe will write. */
function probeEnv(): { env: Record<string, string>; cpuFile: string } {
  const cpuFile = join(work, `cpu-${probes++}.txt`);
  return { env: { NODE_OPTIONS: `--require ${cpuProbe}`, SCI_GATE_TEST_CPU_FILE: cpuFile }, cpuFile };
}

async function readCpuMs(cpuFile: string): Promise<number | null> {
  const text = await readFile(cpuFile, "utf8").catch(() => null);
  return text === null ? null : Number(text);
}

/** The built CLI as runCli runs it (same default environment), with its CPU time. */
async function runTimedCli(args: readonly string[], cwd: string): Promise<ProcessResult & Timed> {
  const { env, cpuFile } = probeEnv();
  const result = await runCli(args, { cwd, env: cliEnv(env) });
  return { ...result, cpuMs: await readCpuMs(cpuFile) };
}

/** Problems common to every refusal: the exit code, no stack trace, CPU time beyond the entry point's start-up. */
function checkRefusal(what: string, result: ProcessResult & Timed, expectedCode: number, problems: string[], startupCpuMs = cliStartupCpuMs): void {
  const output = result.stdout + result.stderr;
  if (result.code !== expectedCode) problems.push(`${what}: exit ${result.code ?? result.signal}, expected ${expectedCode}\n${output.slice(0, 600)}`);
  if (stackTracePattern.test(output) || /internal error|FATAL ERROR|heap out of memory/.test(output)) problems.push(`${what}: a stack trace or crash reached the user\n${output.slice(0, 600)}`);
  if (result.cpuMs === null) {
    if (result.code === expectedCode) problems.push(`${what}: exited without its exit handlers running (no CPU figure)`);
  } else if (result.cpuMs > startupCpuMs + processingCpuMs + cpuSlackMs) {
    problems.push(`${what}: ${Math.round(result.cpuMs)} ms of CPU (start-up alone ${Math.round(startupCpuMs)} ms)`);
  }
}

function checkPhrases(what: string, text: string, phrases: readonly string[], problems: string[]): void {
  for (const phrase of phrases) if (!text.includes(phrase)) problems.push(`${what}: message lacks ${JSON.stringify(phrase)}\n${text.slice(0, 600)}`);
}

/** A fresh folder holding a copy of a corpus file under its own name. */
async function stage(file: string): Promise<{ dir: string; name: string }> {
  const dir = await mkdtemp(join(work, "case-"));
  const name = basename(file);
  await copyFile(join(corpus, file), join(dir, name));
  return { dir, name };
}

describe("the bad-input corpus", () => {
  it("holds at least 60 inputs, every file described in cases.json and the README", async () => {
    const listed = new Set([
      ...cases.config.map((c) => c.file),
      ...cases.report.map((c) => c.file),
      ...cases.reportPair.flatMap((c) => c.files),
      ...cases.suiteOutput.map((c) => c.file),
      ...cases.event.map((c) => c.file),
    ]);
    const onDisk: string[] = [];
    for (const folder of ["config", "report", "suite-output", "event"]) {
      for (const file of await readdir(join(corpus, folder))) onDisk.push(`${folder}/${file}`);
    }
    expect(onDisk.sort()).toEqual([...listed].sort());
    const total = cases.config.length + cases.report.length + cases.reportPair.length + cases.suiteOutput.length + cases.event.length;
    expect(total).toBeGreaterThanOrEqual(60);
    const readme = await readFile(join(corpus, "README.md"), "utf8");
    for (const file of listed) expect(readme, file).toContain(`\`${basename(file)}\``);
  });
});

describe("configs", () => {
  it("every config error names its line, in the parser itself", () => {
    const problems: string[] = [];
    for (const c of cases.config) {
      const decoded = decodeUtf8(readFileSync(join(corpus, c.file)), c.file);
      const result = decoded.ok ? parseConfig(decoded.value, c.file) : decoded;
      if (result.ok) {
        if (c.refusedBy !== "run") problems.push(`${c.file}: accepted`);
        continue;
      }
      for (const error of result.errors) if (error.line === null) problems.push(`${formatIssue(error)}: names no line`);
      if (!result.errors.some((e) => e.line === c.line)) problems.push(`${c.file}: no error at line ${c.line}: ${result.errors.map(formatIssue).join("; ")}`);
    }
    expect(problems).toEqual([]);
  });

  it("sci-gate run --config refuses each with exit 2, file:line and path, before its scenario starts", async () => {
    const problems: string[] = [];
    await mapPool(cases.config, 2, async (c, index) => {
      const { dir, name } = await stage(c.file);
      await writeFile(join(dir, "good.json"), goodReport);
      const results: Array<[string, ProcessResult & Timed]> = [[`run --config ${c.file}`, await runTimedCli(["run", "--config", name, "--out", "report.json"], dir)]];
      // A third of the corpus also through the commands that take rules from --config (the
      // units source, checked only when a run starts, does not matter to them).
      const also = c.refusedBy === "run" ? null : (["check", "compare", null] as const)[index % 3];
      if (also === "check") results.push([`check --config ${c.file}`, await runTimedCli(["check", "good.json", "--config", name], dir)]);
      if (also === "compare") results.push([`compare --config ${c.file}`, await runTimedCli(["compare", "good.json", "good.json", "--config", name], dir)]);
      for (const [what, result] of results) {
        checkRefusal(what, result, 2, problems);
        checkPhrases(what, result.stderr, [`${name}:${c.line}`, ...(c.path === null ? [] : [` ${c.path}: `]), ...c.expect], problems);
        // Every line that names the file names a line in it too.
        for (const line of result.stderr.split("\n")) {
          if (line.includes(name) && !new RegExp(`${escapeRegExp(name)}:\\d+`).test(line)) problems.push(`${what}: names no line: ${line}`);
        }
      }
      if (existsSync(join(dir, "started.marker"))) problems.push(`${c.file}: the scenario started`);
      if (existsSync(join(dir, "report.json"))) problems.push(`${c.file}: a report was written`);
    });
    expect(problems).toEqual([]);
  }, corpusWalkTimeoutMs);

  it("refuses generated giants: 10 MB, 100,000+ tokens, 15,000 unknown keys", async () => {
    const dir = await mkdtemp(join(work, "giant-config-"));
    const base = "version: 1\nscenarios:\n  - { name: chat, run: touch started.marker, unit: token }\n";
    const padding = "# padding padding padding padding padding padding padding padding padding padding\n";
    const giants: Array<[string, string, string]> = [
      ["ten-mb.yml", base + padding.repeat(Math.ceil((10 * 1024 * 1024) / padding.length)), `at most ${maxConfigBytes} bytes`],
      ["many-tokens.yml", `${base}extra: [${"1,".repeat(300_000)}1]\n`, "at most 100000 YAML tokens"],
      ["many-unknown-keys.yml", base + Array.from({ length: 15_000 }, (_, i) => `key${i}: v`).join("\n"), 'unknown key "key0"'],
    ];
    const problems: string[] = [];
    for (const [name, text, phrase] of giants) {
      await writeFile(join(dir, name), text);
      const parsed = parseConfig(text, name);
      if (parsed.ok || parsed.errors.some((e) => e.line === null)) problems.push(`${name}: ${parsed.ok ? "accepted" : "an error without a line"}`);
      const result = await runTimedCli(["run", "--config", name], dir);
      checkRefusal(name, result, 2, problems);
      checkPhrases(name, result.stderr, [name, phrase], problems);
      if (result.stderr.split("\n").length > 25) problems.push(`${name}: ${result.stderr.split("\n").length} lines of errors`);
    }
    expect(existsSync(join(dir, "started.marker"))).toBe(false);
    expect(problems).toEqual([]);
  });
});

describe("reports", () => {
  it("check and compare refuse each with exit 2, naming the file and the path inside it", async () => {
    const problems: string[] = [];
    await mapPool(cases.report, 2, async (c) => {
      const { dir, name } = await stage(c.file);
      await writeFile(join(dir, "good.json"), goodReport);
      const decoded = decodeUtf8(readFileSync(join(corpus, c.file)), c.file);
      const parsed = decoded.ok ? parseReport(decoded.value, c.file) : decoded;
      if (parsed.ok) problems.push(`${c.file}: accepted by parseReport`);
      for (const [what, args] of [
        [`check ${c.file}`, ["check", name]],
        [`compare ${c.file} good.json`, ["compare", name, "good.json"]],
      ] as const) {
        const result = await runTimedCli(args, dir);
        checkRefusal(what, result, 2, problems);
        // A syntax error names file:line, a schema error file:line and the path inside the report.
        const where = c.path === null ? `${name}:${c.line}: ` : `${name}:${c.line} ${c.path}: `;
        checkPhrases(what, result.stderr, [where, ...c.expect], problems);
        // Nothing of an untrusted file reaches the terminal raw: no escape sequences.
        if (/\u001b/.test(result.stderr)) problems.push(`${what}: an escape character reached the terminal`);
      }
    });
    expect(problems).toEqual([]);
  }, corpusWalkTimeoutMs);

  it("refuses pairs that are valid alone but mismatched together", async () => {
    const problems: string[] = [];
    for (const c of cases.reportPair) {
      const dir = await mkdtemp(join(work, "pair-"));
      const names: string[] = [];
      for (const file of c.files) {
        await copyFile(join(corpus, file), join(dir, basename(file)));
        names.push(basename(file));
      }
      const args = c.command === "merge" ? ["merge", ...names, "--out", "merged.json"] : ["compare", ...names];
      const result = await runTimedCli(args, dir);
      checkRefusal(`${c.command} ${names.join(" ")}`, result, 2, problems);
      checkPhrases(c.command, result.stderr, [...(c.path === null ? [] : [c.path]), ...c.expect], problems);
      if (!names.some((n) => result.stderr.includes(n))) problems.push(`${c.command}: names none of ${names.join(", ")}`);
      if (existsSync(join(dir, "merged.json"))) problems.push("merge wrote a merged report");
    }
    expect(problems).toEqual([]);
  });

  it("refuses 100,001 runs before validating them, and a 65 MB file before reading it, in bounded memory", async () => {
    const dir = await mkdtemp(join(work, "giant-report-"));
    const report = JSON.parse(goodReport);
    const run = report.scenarios[0].runs[0];
    report.scenarios[0].runs = Array.from({ length: 100_001 }, (_, i) => ({ ...run, index: i, order: i }));
    await writeFile(join(dir, "runs.json"), JSON.stringify(report));
    report.scenarios[0].runs = [];
    // Sparse: 65 MB on paper, nothing on disk.
    await writeFile(join(dir, "huge.json"), "");
    await truncate(join(dir, "huge.json"), maxReportBytes + 1024 * 1024);
    const problems: string[] = [];
    const runs = await runTimedCli(["check", "runs.json"], dir);
    checkRefusal("100,001 runs", runs, 2, problems);
    // JSON.stringify without indentation: the whole report is line 1.
    checkPhrases("100,001 runs", runs.stderr, ["runs.json:1 scenarios[0].runs: ", "expected at most", "got 100001"], problems);
    const huge = await runTimedCli(["compare", "huge.json", "runs.json"], dir);
    checkRefusal("65 MB", huge, 2, problems);
    checkPhrases("65 MB", huge.stderr, ["huge.json", `at most ${maxReportBytes} bytes`], problems);
    expect(problems, `heap limited to ${heapLimitMb} MB`).toEqual([]);
  });
});

describe("suite outputs", () => {
  it("sci-gate run exits 3 naming the scenario, the file and the path, and keeps the failed run", async () => {
    const problems: string[] = [];
    await mapPool(cases.suiteOutput, 2, async (c) => {
      const { dir, name } = await stage(c.file);
      const source = c.units ?? { from: "output-file" };
      const target = source.from === "json-file" ? JSON.stringify(source.file) : "process.env.SCI_GATE_OUTPUT";
      const emit =
        source.from === "stdout-regex"
          ? `process.stdout.write(require("fs").readFileSync(${JSON.stringify(name)}));`
          : `require("fs").copyFileSync(${JSON.stringify(name)}, ${target});`;
      await writeFile(join(dir, "emit.cjs"), emit);
      await writeFile(
        join(dir, "sci-gate.yml"),
        `version: 1\nlocation: { country: FR }\nscenarios:\n  - name: chat\n    run: node emit.cjs\n    unit: token\n    warmup: 0\n    runs: 1\n    units: ${JSON.stringify(source)}\n`,
      );
      const result = await runTimedCli(["run", "--out", "report.json"], dir);
      const what = `${c.file}`;
      checkRefusal(what, result, 3, problems);
      checkPhrases(what, result.stderr, ['scenario "chat"', ...c.expect], problems);
      const failure = result.stderr.split("\n").find((line) => line.startsWith('sci-gate: scenario "chat"')) ?? "";
      // It says where the count was looked for: the suite's output file, its JSON file, or its stdout.
      if (!/\.json|stdout/.test(failure)) problems.push(`${what}: the failure names no file: ${failure}`);
      const saved = existsSync(join(dir, "report.json")) ? parseReport(await readFile(join(dir, "report.json"), "utf8")) : null;
      if (!saved?.ok) problems.push(`${what}: no valid report was kept`);
      else {
        const runs = saved.value.scenarios[0]?.runs ?? [];
        if (runs.length !== 1 || runs[0]!.units !== null) problems.push(`${what}: expected the failed run kept with no units`);
        if (!saved.value.status.errors.some((e) => c.expect.every((phrase) => e.includes(phrase)))) problems.push(`${what}: the report's errors do not say why`);
      }
    });
    expect(problems).toEqual([]);
  });
});

describe("event payloads", () => {
  it("the bundled action refuses each with exit 2 naming the file and the path, calling no API and running nothing", async () => {
    const server = await startGitHubServer({ owner: "acme", repo: "llm" });
    const problems: string[] = [];
    try {
      /** The bundle as the runner starts it, under the heap limit, with its CPU time. */
      const runTimedAction = async (workspace: string, eventName: string, eventPath: string, mode: string) => {
        const { env, cpuFile } = probeEnv();
        const result = await runBundledAction({
          workspace,
          eventName,
          eventPath,
          apiUrl: server.url,
          repository: "acme/llm",
          sha: "ec26c3e57ca3a959ca5aad62de7213c562f8c821",
          inputs: { "github-token": "ghs_badinputtoken0123456789", mode },
          extraEnv: { ...env, NODE_OPTIONS: `--max-old-space-size=${heapLimitMb} ${env.NODE_OPTIONS}` },
        });
        return { ...result, signal: null, elapsedMs: 0, peakRssKb: null, pid: null, cpuMs: await readCpuMs(cpuFile) };
      };
      // The baseline is the bundle's own start-up (2.8 MB to load), not the CLI's far smaller one:
      // an invalid input, refused before the event is read.
      const starts: number[] = [];
      for (let i = 0; i < 2; i++) {
        const workspace = await mkdtemp(join(work, "startup-"));
        const result = await runTimedAction(workspace, "pull_request", join(workspace, "unread.json"), "bogus");
        expect(result.code, result.stdout + result.stderr).toBe(2);
        expect(result.stdout + result.stderr).toContain("mode");
        starts.push(result.cpuMs ?? Number.POSITIVE_INFINITY);
      }
      const actionStartupCpuMs = Math.min(...starts);
      await mapPool(cases.event, 2, async (c) => {
        const workspace = await mkdtemp(join(work, "event-"));
        await mkdir(join(workspace, "ws"));
        await writeFile(join(workspace, "ws", "sci-gate.yml"), "version: 1\nscenarios:\n  - { name: chat, run: touch started.marker, unit: token }\n");
        const eventPath = join(workspace, basename(c.file));
        await copyFile(join(corpus, c.file), eventPath);
        const result = await runTimedAction(join(workspace, "ws"), c.eventName, eventPath, c.eventName === "workflow_run" ? "comment" : "full");
        checkRefusal(c.file, result, 2, problems, actionStartupCpuMs);
        checkPhrases(c.file, result.stdout + result.stderr, [eventPath, ...(c.path === null ? [] : [c.path]), ...c.expect], problems);
        if (existsSync(join(workspace, "ws", "started.marker"))) problems.push(`${c.file}: the suite ran`);
      });
      expect(server.requests).toEqual([]);
    } finally {
      await server.close();
    }
    expect(problems).toEqual([]);
  });
});
