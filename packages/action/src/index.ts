// First, before any library reads the event payload at import time (see event-guard.ts).
import { restoreEventPath } from "./event-guard.js";
import { writeFile } from "node:fs/promises";
import * as core from "@actions/core";
import { createOctokitPort } from "@sci-gate/github";
import { installStopOnSignals } from "@sci-gate/meter";
import { readGitHubTimeBudget } from "./github-time-budget.js";
import { envInputReader, readInputs } from "./inputs.js";
import { runAction } from "./main.js";
import { readEventFile } from "./read-event.js";
import { actionVersion } from "./version.js";

/** Thin entry: inputs in one place, GitHub access injected, the exit code set here and only here. */
async function main(): Promise<void> {
  restoreEventPath();
  const env = process.env;
  const inputs = readInputs(envInputReader(env));
  if (!inputs.ok) {
    core.setFailed(inputs.message);
    process.exitCode = 2;
    return;
  }
  if (inputs.value.githubToken) core.setSecret(inputs.value.githubToken);
  const budget = readGitHubTimeBudget(env);
  if (!budget.ok) {
    core.setFailed(budget.message);
    process.exitCode = 2;
    return;
  }
  const controller = new AbortController();
  // A second signal (the runner's cancel escalating) exits 3: the suite did not finish.
  installStopOnSignals(() => controller.abort(), 3);
  const code = await runAction(inputs.value, {
    env,
    workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
    readEvent: () => readEventFile(env.GITHUB_EVENT_PATH),
    createPort: (token, context) =>
      createOctokitPort({
        token,
        owner: context.owner,
        repo: context.repo,
        baseUrl: context.apiUrl,
        timeBudget: budget.ms,
        log: { debug: core.debug, info: core.info, warning: core.warning },
      }),
    log: {
      info: core.info,
      warning: (message, a) => core.warning(message, a ? { file: a.file, startLine: a.startLine, title: a.title } : undefined),
      error: (message, a) => core.error(message, a ? { file: a.file, startLine: a.startLine, title: a.title } : undefined),
    },
    setOutput: core.setOutput,
    // This step's summary file is its own: rewriting it replaces only what this step wrote.
    writeSummary: async (markdown) => {
      if (env.GITHUB_STEP_SUMMARY) await writeFile(env.GITHUB_STEP_SUMMARY, `${markdown}\n`);
    },
    version: actionVersion,
    signal: controller.signal,
  });
  if (code !== 0) process.exitCode = code;
}

// The bundle ships its source map: a trace from it names src/*.ts lines, not bundle offsets.
process.setSourceMapsEnabled(true);
try {
  await main();
} catch (error) {
  core.setFailed(`sci-gate failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
