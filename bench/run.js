/**
 * `npm run bench [-- --quick]`: measures how sensitive, quiet and cheap the gate is on this
 * machine, writes every figure to bench/results/<mode>.json and regenerates that mode's section
 * of BENCHMARKS.md. Figures are ratios and rates within one run: the machine is shared, so
 * absolute times from different runs do not compare.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { decodeModel, exampleChatModel, selectPlan, shortModel } from "./lib/bench-plan.mjs";
import { describeMachine } from "./lib/describe-machine.mjs";
import { measureActionCost } from "./lib/measure-action.mjs";
import { measureCiTime } from "./lib/measure-ci-time.mjs";
import { measureNoise } from "./lib/measure-noise.mjs";
import { measureOverhead } from "./lib/measure-overhead.mjs";
import { measureCompareScale } from "./lib/measure-scale.mjs";
import { analyseSensitivity, recordRegressionLevels } from "./lib/measure-sensitivity.mjs";
import { parseBenchArgs } from "./lib/parse-bench-args.mjs";
import { renderBenchSection } from "./lib/render-section.mjs";
import { repoRoot } from "./lib/tiny-llm-suite.mjs";
import { replaceGeneratedSection } from "./lib/update-markdown.mjs";

const { mode, renderOnly } = parseBenchArgs(process.argv.slice(2));
const plan = selectPlan(mode);
const resultsPath = join(repoRoot, "bench/results", `${mode}.json`);
const docPath = join(repoRoot, "BENCHMARKS.md");
const writeSection = async (results) => {
  const document = await readFile(docPath, "utf8").catch(() => "# Benchmarks\n");
  await writeFile(docPath, replaceGeneratedSection(document, mode, renderBenchSection(results)));
};
if (renderOnly) {
  await writeSection(JSON.parse(await readFile(resultsPath, "utf8")));
  process.stderr.write(`rewrote the ${mode} section of BENCHMARKS.md from bench/results/${mode}.json\n`);
  process.exit(0);
}
const started = performance.now();
const log = (message) => process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}\n`);
const timings = {};
const timed = async (name, task) => {
  const t = performance.now();
  const value = await task();
  timings[name] = (performance.now() - t) / 1000;
  log(`${name} done in ${timings[name].toFixed(1)} s`);
  return value;
};

const dataset = await timed("sensitivity-runs", () => recordRegressionLevels({ plan, model: decodeModel, log }));
const analysis = await timed("sensitivity-resampling", async () => analyseSensitivity(dataset, plan));
const level0 = dataset.levels.find((l) => l.extraWorkPct === 0);
const noise = await timed("noise", () => measureNoise({ plan, models: [shortModel, decodeModel], reused: { [decodeModel.label]: level0 }, log }));
const overhead = await timed("overhead", () => measureOverhead({ plan, exampleModel: exampleChatModel, wallModel: decodeModel, log }));
const action = await timed("action", async () => ({ ...(await measureActionCost({ plan, log })), ciTime: await measureCiTime({ plan, log }) }));
const scale = await timed("scale", () => measureCompareScale({ plan, log }));

const results = {
  mode,
  command: mode === "quick" ? "npm run bench -- --quick" : "npm run bench",
  date: new Date().toISOString().slice(0, 10),
  machine: describeMachine(),
  elapsedS: (performance.now() - started) / 1000,
  timings,
  plan,
  models: [shortModel, decodeModel],
  sensitivity: { dataset, analysis },
  noise,
  overhead,
  action,
  scale,
};

await writeFile(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
await writeSection(results);
log(`wrote bench/results/${mode}.json and BENCHMARKS.md (${results.elapsedS.toFixed(0)} s)`);
