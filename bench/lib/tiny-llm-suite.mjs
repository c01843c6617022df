import { join, resolve } from "node:path";
import { parseConfig } from "../../packages/core/dist/index.js";
import { runSuite } from "../../packages/meter/dist/index.js";

export const repoRoot = resolve(import.meta.dirname, "../..");
export const tinyLlmDir = join(repoRoot, "examples/tiny-llm");

/** The tiny-llm command for a model size and an injected regression (extra multiply-adds per token). */
export function buildTinyLlmCommand(modelArgs, extraWorkPct) {
  return `node dist/bench.js --scenario chat ${modelArgs} --extra-work-pct ${extraWorkPct}`;
}

/**
 * A one-scenario sci-gate config for tiny-llm. In-process, the config is never written to disk:
 * runSuite only uses its path to resolve the scenario's working directory and to name it in
 * messages. Written elsewhere for the CLI, `cwd` names the example's directory outright.
 */
export function buildSuiteConfig({ modelArgs, extraWorkPct = 0, runs, warmup = 1, hz = 10, cwd = "." }) {
  const text = [
    "version: 1",
    "location: { country: FR }",
    `sampling: { hz: ${hz} }`,
    "scenarios:",
    `  - { name: chat, run: "${buildTinyLlmCommand(modelArgs, extraWorkPct)}", cwd: ${JSON.stringify(cwd)}, unit: token, units: { from: output-file }, warmup: ${warmup}, runs: ${runs}, timeout: 120 }`,
    "budgets:",
    '  - { scenario: "*", maxIncreasePct: { fail: 5 } }',
    "",
  ].join("\n");
  const parsed = parseConfig(text, "bench-sci-gate.yml");
  if (!parsed.ok) throw new Error(`bench suite config is invalid: ${JSON.stringify(parsed.errors)}`);
  return { config: parsed.value, text };
}

/**
 * Runs the suite through sci-gate's meter (warm-ups, ABBA interleaving when a base is given)
 * and keeps what the report does not: the suite's wall time and the warm-up runs' durations.
 */
export async function measureSuite({ head, base = null, runs, log = () => {} }) {
  const warmups = [];
  const started = performance.now();
  const result = await runSuite({
    config: head.config,
    configPath: join(tinyLlmDir, "bench-sci-gate.yml"),
    configText: head.text,
    headDir: tinyLlmDir,
    base: base ? { dir: tinyLlmDir, sha: null, ref: null, config: base.config, configText: base.text } : null,
    runs,
    env: process.env,
    toolVersion: "bench",
    sources: { nvidiaSmi: null },
    onProgress: (event) => {
      if (event.kind !== "run-end") return;
      if (event.warmup) warmups.push({ revision: event.revision, durationS: event.durationS });
      log(`${event.warmup ? "warm-up" : "run"} ${event.revision} ${event.runNumber}/${event.runsTotal} ${event.durationS.toFixed(2)} s`);
    },
  });
  const wallS = (performance.now() - started) / 1000;
  if (result.status !== "ok") throw new Error(`tiny-llm suite did not finish: ${result.status}: ${result.messages.join("; ")}`);
  return { report: result.report, wallS, warmups };
}
