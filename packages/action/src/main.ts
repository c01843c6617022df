import { relative, resolve } from "node:path";
import {
  type Comparison,
  compareReports,
  type Config,
  exitCodeForOutcome,
  exitCodes,
  findConfigLine,
  formatIssue,
  mergeReports,
  parseConfig,
  type Report,
} from "@sci-gate/core";
import {
  type CheckAnnotation,
  commentMarker,
  fetchReportsFromArtifacts,
  findLabelApplier,
  type GitHubPort,
  type PullRequestContext,
  publishCheckRun,
  readPullRequestContext,
  upsertStickyComment,
} from "@sci-gate/github";
import { writeFileAtomic } from "@sci-gate/meter";
import { methodologyUrlFor, renderComment, renderSummary } from "@sci-gate/report";
import { acceptRegression } from "./accept-label.js";
import { computeOutputs } from "./github-outputs.js";
import type { ActionInputs } from "./inputs.js";
import { ActionInputError, type LoadedConfig, loadConfig, measureRevisions } from "./measure.js";
import { createSuiteEnv } from "./suite-env.js";

export interface ActionLog {
  info(message: string): void;
  warning(message: string, annotation?: { file?: string; startLine?: number; title?: string }): void;
  error(message: string, annotation?: { file?: string; startLine?: number; title?: string }): void;
}

/** Everything the action touches outside itself, injected so tests give it real files and a loopback GitHub. */
export interface ActionDeps {
  env: Record<string, string | undefined>;
  workspace: string;
  readEvent: () => Promise<unknown>;
  createPort: (token: string, context: PullRequestContext) => GitHubPort;
  log: ActionLog;
  setOutput: (name: string, value: string) => void;
  appendSummary: (markdown: string) => Promise<void>;
  version: string;
  signal?: AbortSignal;
}


/** Runs the action's whole flow and returns the exit code of the contract (2 > 3 > 1 > 0). */
export async function runAction(inputs: ActionInputs, deps: ActionDeps): Promise<number> {
  try {
    return await runFlow(inputs, deps);
  } catch (error) {
    if (error instanceof ActionInputError) {
      deps.log.error(error.message);
      return exitCodes.invalidInput;
    }
    throw error;
  }
}

async function runFlow(inputs: ActionInputs, deps: ActionDeps): Promise<number> {
  const { log } = deps;
  const eventFile = deps.env.GITHUB_EVENT_PATH ? `${deps.env.GITHUB_EVENT_PATH} (event payload)` : "event payload (GITHUB_EVENT_PATH is not set)";
  const context = readPullRequestContext(deps.env, await deps.readEvent(), eventFile);
  if (!context.ok) {
    for (const issue of context.errors) log.error(formatIssue(issue));
    return exitCodes.invalidInput;
  }
  const ctx = context.value;
  let mode = inputs.mode;
  if (mode === "full" && ctx.isFork && ctx.eventName === "pull_request") {
    log.warning(
      "this pull request comes from a fork, so its token is read-only: measuring and writing the report and job summary only. To comment, use the two-workflow pattern (docs/fork-pull-requests.md).",
    );
    mode = "measure";
  }
  if (mode === "comment") return commentFromArtifacts(inputs, deps, ctx);

  const configPath = inputs.config;
  const head = await loadConfig(resolve(deps.workspace, configPath), configPath);
  const baseSha = inputs.baseline === "same-runner" ? (ctx.mergeGroup?.baseSha ?? ctx.baseSha) : null;
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
    env: createSuiteEnv(deps.env),
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
  if (ctx.prNumber !== null) {
    report = { ...report, pullRequest: { number: ctx.prNumber, repo: `${ctx.owner}/${ctx.repo}`, headSha: ctx.headSha, baseSha: ctx.baseSha } };
  }
  await writeFileAtomic(outPath, `${JSON.stringify(report, null, 2)}\n`);
  deps.setOutput("report-path", outPath);
  const suiteFailed = measured.result.status !== "ok";

  let baseReport: Report = report;
  let rules: LoadedConfig = measured.rules;
  const port = mode === "full" ? deps.createPort(inputs.githubToken, ctx) : null;
  if (inputs.baseline === "artifact" && port && ctx.baseRef) {
    const fetched = await fetchReportsFromArtifacts(port, { branch: ctx.baseRef }).catch((error: unknown) => {
      log.warning(`could not fetch the base branch's report: ${describe(error)}`);
      return null;
    });
    for (const problem of fetched?.problems ?? []) log.warning(`${[problem.artifact, problem.file].filter(Boolean).join("/") || "artifacts"}: ${problem.message}`);
    const merged = fetched && fetched.reports.length > 0 ? mergeReports(fetched.reports.map((r) => ({ report: r.report, file: r.source }))) : null;
    if (merged?.ok) {
      baseReport = relabel(merged.value, "base");
      if (baseReport.configs.base) rules = { config: baseReport.configs.base, text: "", path: configPath };
    } else log.warning(`no usable sci-gate report on ${ctx.baseRef}: judging absolute budgets only`);
  }
  return decideAndPublish({ inputs, deps, ctx, port, report, baseReport, rules, headConfig: head.config, suiteFailed, outPath });
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

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function commentFromArtifacts(inputs: ActionInputs, deps: ActionDeps, ctx: PullRequestContext): Promise<number> {
  const { log } = deps;
  if (!ctx.workflowRun) {
    log.error("mode: comment runs on a workflow_run event (it reads the reports of the run that triggered it)");
    return exitCodes.invalidInput;
  }
  const port = deps.createPort(inputs.githubToken, ctx);
  const fetched = await fetchReportsFromArtifacts(port, { runId: ctx.workflowRun.id });
  for (const problem of fetched.problems) log.warning(`${[problem.artifact, problem.file].filter(Boolean).join("/") || "artifacts"}: ${problem.message}`);
  if (fetched.reports.length === 0) {
    log.error(`no sci-gate report in the artifacts of run ${ctx.workflowRun.id}`);
    return exitCodes.invalidInput;
  }
  const merged = mergeReports(fetched.reports.map((r) => ({ report: r.report, file: r.source })));
  if (!merged.ok) {
    for (const issue of merged.errors) log.error(formatIssue(issue));
    return exitCodes.invalidInput;
  }
  const report = merged.value;
  const pr = report.pullRequest;
  if (!pr) {
    log.error("the report names no pull request: measure on a pull_request event");
    return exitCodes.invalidInput;
  }
  // The report is the fork's word: believe the PR number only if GitHub says its head is the measured sha.
  const live = await port.getPullRequest(pr.number);
  if (live.headSha !== pr.headSha) {
    log.error(`refusing to comment: the report claims pull request #${pr.number} at ${pr.headSha.slice(0, 7)}, but its head is ${live.headSha.slice(0, 7)}`);
    return exitCodes.invalidInput;
  }
  // The rules come from the base commit as GitHub has it, not from the report a fork could forge.
  const baseText = await port.getFileText(inputs.config, live.baseSha).catch((error: unknown) => {
    log.warning(`could not read ${inputs.config} at the base ${live.baseSha.slice(0, 7)}: ${describe(error)}`);
    return null;
  });
  let rules: LoadedConfig;
  if (baseText !== null) {
    const parsed = parseConfig(baseText, `${inputs.config} (base ${live.baseSha.slice(0, 7)})`);
    if (!parsed.ok) {
      for (const issue of parsed.errors) log.error(formatIssue(issue));
      return exitCodes.invalidInput;
    }
    rules = { config: parsed.value, text: baseText, path: inputs.config };
  } else {
    const fromReport = report.configs.base ?? report.configs.head;
    if (!fromReport) {
      log.error("the report carries no config and the base has none");
      return exitCodes.invalidInput;
    }
    log.warning(`the base commit has no ${inputs.config}: the rules the report carries decide (the measuring job wrote them)`);
    rules = { config: fromReport, text: "", path: inputs.config };
  }
  const suiteFailed = report.status.errors.length > 0 || report.status.interrupted;
  return decideAndPublish({
    inputs,
    deps,
    ctx: { ...ctx, prNumber: pr.number, headSha: pr.headSha },
    port,
    report,
    baseReport: report,
    rules,
    headConfig: report.configs.head ?? rules.config,
    suiteFailed,
    outPath: null,
  });
}

interface Decision {
  inputs: ActionInputs;
  deps: ActionDeps;
  ctx: PullRequestContext;
  port: GitHubPort | null;
  report: Report;
  baseReport: Report;
  rules: LoadedConfig;
  headConfig: Config;
  suiteFailed: boolean;
  outPath: string | null;
}

async function decideAndPublish(d: Decision): Promise<number> {
  const { inputs, deps, ctx, port, report } = d;
  const { log } = deps;
  const compared = compareReports({ base: d.baseReport, head: report, rules: d.rules.config, headConfig: d.headConfig, files: { base: "base report", head: "head report" } });
  if (!compared.ok) {
    for (const issue of compared.errors) log.error(formatIssue(issue));
    return exitCodes.invalidInput;
  }
  let comparison: Comparison = compared.value;
  const commentId = inputs.commentId || d.rules.config.comment?.id || "default";
  const reproduceCommand = `npx sci-gate run --config ${inputs.config}${ctx.baseSha ? ` --base ${ctx.baseSha}` : ""}`;
  const renderFor = (c: Comparison) => ({ comparison: c, report, config: d.rules.config, version: deps.version, reproduceCommand, methodologyUrl: methodologyUrlFor(deps.version) });
  // Summary and outputs first, before any GitHub call: nothing measured is lost to a GitHub failure.
  await deps.appendSummary(renderSummary(renderFor(comparison)));
  for (const [name, value] of Object.entries(computeOutputs(comparison, d.outPath ?? "", null))) deps.setOutput(name, value);

  const acceptLabel = d.rules.config.github?.acceptLabel ?? "sci-gate:accept";
  if (comparison.outcome === "fail" && port && ctx.prNumber !== null) {
    try {
      const pr = await port.getPullRequest(ctx.prNumber);
      if (pr.labels.includes(acceptLabel)) {
        const applier = await findLabelApplier(port, { issueNumber: ctx.prNumber, label: acceptLabel });
        const login = applier?.login ?? "unknown";
        comparison = acceptRegression(comparison, acceptLabel, login);
        log.info(`the ${acceptLabel} label accepts this regression (applied by @${login})`);
        // The runner keeps the last value written for an output.
        await deps.appendSummary(`> The regression over budget was accepted by @${login} with the \`${acceptLabel}\` label: the check passes.`);
        for (const [name, value] of Object.entries(computeOutputs(comparison, d.outPath ?? "", null))) deps.setOutput(name, value);
      }
    } catch (error) {
      log.warning(`could not read the pull request's labels: ${describe(error)}`);
    }
  }
  const renderInput = renderFor(comparison);
  const summary = renderSummary(renderInput);

  if (port && ctx.prNumber !== null && inputs.comment !== "never") {
    try {
      const body = renderComment({ ...renderInput, commentId });
      const result = await upsertStickyComment(port, {
        issueNumber: ctx.prNumber,
        marker: commentMarker(commentId),
        body,
        mode: inputs.comment,
        verdictIsPass: comparison.outcome === "pass",
      });
      log.info(`comment ${result.action}: ${result.reason}`);
      if (result.url) deps.setOutput("comment-url", result.url);
    } catch (error) {
      log.warning(`could not comment on the pull request: ${describe(error)}`);
    }
  }
  if (port) {
    try {
      const configFile = relative(deps.workspace, resolve(deps.workspace, inputs.config));
      const annotations: CheckAnnotation[] = [];
      for (const scenario of comparison.scenarios) {
        for (const verdict of scenario.verdicts) {
          if (verdict.budgetIndex === null || (verdict.outcome !== "fail" && verdict.outcome !== "warn")) continue;
          const line = d.rules.text ? (findConfigLine(d.rules.text, ["budgets", verdict.budgetIndex]) ?? 1) : 1;
          annotations.push({
            path: configFile,
            start_line: line,
            end_line: line,
            annotation_level: verdict.outcome === "fail" ? "failure" : "warning",
            title: `${scenario.name}: ${verdict.outcome}`,
            message: verdict.reason,
          });
        }
      }
      await publishCheckRun(port, {
        headSha: ctx.headSha,
        outcome: comparison.outcome,
        title: `SCI ${comparison.outcome}`,
        summary,
        annotations,
        failOn: inputs.failOn,
      });
    } catch (error) {
      log.warning(`could not create the sci-gate check run: ${describe(error)}`);
    }
  }
  const verdictCode = exitCodeForOutcome(comparison.outcome, inputs.failOn);
  const code = d.suiteFailed ? exitCodes.suiteFailed : verdictCode;
  if (code !== 0) log.error(`sci-gate: ${comparison.outcome}${d.suiteFailed ? " (the suite failed)" : ""}`);
  return code;
}
