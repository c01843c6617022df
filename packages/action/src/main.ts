import { resolve } from "node:path";
import { exitCodes, formatIssue, mergeReports, type Report } from "@sci-gate/core";
import {
  createRedactor,
  fetchReportsFromArtifacts,
  type GitHubPort,
  type PullRequestContext,
  type Redactor,
  readPullRequestContext,
  redactDeep,
  withRedactedWrites,
} from "@sci-gate/github";
import { writeFileAtomic } from "@sci-gate/meter";
import type { ActionDeps, ActionIo } from "./action-io.js";
import { commentFromArtifacts } from "./comment-mode.js";
import type { ActionInputs } from "./inputs.js";
import { ActionInputError, type LoadedConfig, loadConfig, measureRevisions } from "./measure.js";
import { decideAndPublish } from "./publish.js";
import { createSuiteEnv, suiteSecretNames } from "./suite-env.js";
import { baseRules, figuresOnlyRules, type Rules, readRulesFromBaseCommit } from "./trusted-rules.js";

export type { ActionDeps, ActionIo, ActionLog } from "./action-io.js";

/** Events about a pull request, whose head must not judge itself: the base's rules decide. */
const pullRequestEvents = new Set(["pull_request", "pull_request_target", "merge_group"]);

/** The secrets the action may hold: the github-token input and the token variables a workflow sets. */
function collectSecrets(inputs: ActionInputs, env: Record<string, string | undefined>): string[] {
  return [inputs.githubToken, ...suiteSecretNames.map((name) => env[name])].filter((s): s is string => typeof s === "string" && s !== "");
}

/** Every text the action writes out (log, outputs, summary) passes the redactor first. */
function redactIo(deps: ActionDeps, redact: Redactor): ActionIo {
  return {
    workspace: deps.workspace,
    version: deps.version,
    log: {
      info: (m) => deps.log.info(redact(m)),
      warning: (m, a) => deps.log.warning(redact(m), a),
      error: (m, a) => deps.log.error(redact(m), a),
    },
    setOutput: (name, value) => deps.setOutput(name, redact(value)),
    writeSummary: (markdown) => deps.writeSummary(redact(markdown)),
  };
}

/** Runs the action's whole flow and returns the exit code of the contract (2 > 3 > 1 > 0). */
export async function runAction(inputs: ActionInputs, deps: ActionDeps): Promise<number> {
  const secrets = collectSecrets(inputs, deps.env);
  const redact = createRedactor(secrets);
  const io = redactIo(deps, redact);
  try {
    return await runFlow(inputs, deps, io, redact, secrets);
  } catch (error) {
    if (error instanceof ActionInputError) {
      io.log.error(error.message);
      return exitCodes.invalidInput;
    }
    throw error;
  }
}

async function runFlow(inputs: ActionInputs, deps: ActionDeps, io: ActionIo, redact: Redactor, secrets: string[]): Promise<number> {
  const { log } = io;
  const eventFile = deps.env.GITHUB_EVENT_PATH ? `${deps.env.GITHUB_EVENT_PATH} (event payload)` : "event payload (GITHUB_EVENT_PATH is not set)";
  const context = readPullRequestContext(deps.env, await deps.readEvent(), eventFile);
  if (!context.ok) {
    for (const issue of context.errors) log.error(formatIssue(issue));
    return exitCodes.invalidInput;
  }
  const ctx = context.value;
  const openPort = () => withRedactedWrites(deps.createPort(inputs.githubToken, ctx), redact);
  let mode = inputs.mode;
  if (mode === "full" && ctx.isFork && ctx.eventName === "pull_request") {
    log.warning(
      "this pull request comes from a fork, so its token is read-only: measuring and writing the report and job summary only. To comment, use the two-workflow pattern (docs/fork-pull-requests.md).",
    );
    mode = "measure";
  }
  if (mode === "comment") return commentFromArtifacts(inputs, io, ctx, openPort(), redact);

  const configPath = inputs.config;
  const head = await loadConfig(resolve(deps.workspace, configPath), configPath);
  const prBaseSha = ctx.mergeGroup?.baseSha ?? ctx.baseSha;
  const baseSha = inputs.baseline === "same-runner" ? prBaseSha : null;
  if (inputs.baseline === "same-runner" && baseSha === null) log.info(`no base revision for a ${ctx.eventName} event: measuring the head alone`);
  const outPath = resolve(deps.env.RUNNER_TEMP ?? deps.workspace, inputs.shard ? `sci-gate-report-${inputs.shard.index}.json` : "sci-gate-report.json");
  const measured = await measureRevisions({
    workspace: deps.workspace,
    configPath,
    head,
    headSha: ctx.headSha,
    headRef: ctx.headRef,
    baseSha,
    baseRef: ctx.baseRef,
    runs: inputs.runs,
    shard: inputs.shard,
    // The suite runs without the action's credentials and file commands (see suite-env.ts).
    env: createSuiteEnv(deps.env, secrets),
    version: deps.version,
    outPath,
    signal: deps.signal,
    log: (m) => log.info(m),
  });
  for (const note of measured.notes) log.info(note);
  if (measured.result.status === "invalid") {
    for (const message of measured.result.messages) log.error(message);
    return exitCodes.invalidInput;
  }
  for (const message of measured.result.messages) log.warning(message);
  let report: Report = measured.result.report;
  if (ctx.prNumber !== null && ctx.eventName !== "merge_group") {
    report = { ...report, pullRequest: { number: ctx.prNumber, repo: `${ctx.owner}/${ctx.repo}`, headSha: ctx.headSha, baseSha: ctx.baseSha } };
  }
  // A suite that printed a token into its error output must not carry it into the report, or anything rendered from it.
  report = redactDeep(report, redact);
  await writeFileAtomic(outPath, `${JSON.stringify(report, null, 2)}\n`);
  io.setOutput("report-path", outPath);
  const suiteFailed = measured.result.status !== "ok";

  const about = pullRequestEvents.has(ctx.eventName) ? prBaseSha : null;
  let rules: Rules;
  if (measured.baseSha !== null) {
    rules = measured.baseRules ? baseRules(measured.baseRules) : figuresOnlyRules(head, `the base commit ${measured.baseSha.slice(0, 7)} has no ${configPath}`);
  } else if (about !== null) {
    rules = await readRulesFromBaseCommit({ workspace: deps.workspace, baseSha: about, configPath, head });
  } else {
    // A push, a schedule, a dispatch: the head is the branch itself, whose config is its own to apply.
    rules = baseRules(head);
  }
  const port = mode === "full" ? openPort() : null;
  const common = {
    inputs,
    io,
    port,
    report,
    headConfig: head.config,
    suiteFailed,
    outPath,
    baseSha: measured.baseSha ?? prBaseSha,
    historyBranch: ctx.baseRef,
    // A merge group's result belongs on its commit's check run; the pull request's comment is about its own head.
    commentOn: ctx.eventName === "merge_group" ? null : ctx.prNumber,
  };
  if (ctx.eventName === "merge_group" && port) log.info(`merge group for pull request ${ctx.prNumber === null ? "(not named by its head_ref)" : `#${ctx.prNumber}`}: no comment; the check run goes on ${ctx.headSha.slice(0, 7)}`);
  if (inputs.baseline !== "artifact" || !port || !ctx.baseRef) {
    return decideAndPublish({ ...common, ctx, baseReport: report, rules, warnings: [] });
  }
  // The head's figures are summarised before the base's report is fetched: nothing measured waits on GitHub.
  const preliminary = await decideAndPublish({
    ...common,
    ctx,
    port: null,
    baseReport: report,
    rules,
    warnings: [`the head alone, while ${ctx.baseRef}'s report is fetched (baseline: artifact)`],
    summaryOnly: true,
  });
  if (preliminary === exitCodes.invalidInput) return preliminary;
  const base = await fetchBaseReport(port, ctx, io, redact, rules, head, configPath);
  return decideAndPublish({ ...common, ctx, baseReport: base.report ?? report, rules: base.rules, warnings: base.warnings });
}

/**
 * baseline: artifact: the newest report of the base branch's own runs. Its config decides (it
 * ran on the base branch, so a pull request could not write it); without one, the rules already
 * read from the base commit do. Merge warnings are kept for the comment.
 */
async function fetchBaseReport(
  port: GitHubPort,
  ctx: PullRequestContext,
  io: ActionIo,
  redact: Redactor,
  rules: Rules,
  head: LoadedConfig,
  configPath: string,
): Promise<{ report: Report | null; rules: Rules; warnings: string[] }> {
  const branch = ctx.baseRef ?? "";
  const warnings: string[] = [];
  const fetched = await fetchReportsFromArtifacts(port, { branch }).catch((error: unknown) => {
    warnings.push(`could not fetch ${branch}'s report: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  });
  for (const problem of fetched?.problems ?? []) io.log.warning(`${[problem.artifact, problem.file].filter(Boolean).join("/") || "artifacts"}: ${problem.message}`);
  const merged = fetched && fetched.reports.length > 0 ? mergeReports(fetched.reports.map((r) => ({ report: r.report, file: r.source }))) : null;
  if (merged && !merged.ok) for (const issue of merged.errors) warnings.push(formatIssue(issue));
  if (!merged?.ok) {
    warnings.push(`no usable sci-gate report on ${branch}: the head is judged alone (absolute budgets only)`);
    for (const warning of warnings) io.log.warning(warning);
    return { report: null, rules, warnings };
  }
  warnings.push(...merged.warnings);
  for (const warning of warnings) io.log.warning(warning);
  const report = relabel(redactDeep(merged.value, redact), "base");
  const own = report.configs.base;
  if (own) return { report, rules: baseRules({ config: own, text: "", path: configPath }), warnings };
  return { report, rules: rules.figuresOnly === null ? rules : figuresOnlyRules(head, rules.figuresOnly), warnings };
}

/** Reports fetched for the base were measured as "head" on their branch: they are the base here. */
function relabel(report: Report, revision: "base"): Report {
  return {
    ...report,
    revisions: { base: report.revisions.head ?? report.revisions.base },
    configs: { base: report.configs.head ?? report.configs.base },
    scenarios: report.scenarios.map((s) => ({ ...s, runs: s.runs.map((r) => ({ ...r, revision, pair: null })) })),
  };
}
