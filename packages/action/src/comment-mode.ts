import { exitCodes, formatIssue, mergeReports, type Report } from "@sci-gate/core";
import { fetchReportsFromArtifacts, GitHubError, type GitHubPort, type PullRequestContext, type PullRequestInfo, type Redactor, redactDeep } from "@sci-gate/github";
import type { ActionIo } from "./action-io.js";
import type { ActionInputs } from "./inputs.js";
import { decideAndPublish } from "./publish.js";
import { baseRules, figuresOnlyRules, parseBaseConfig, type Rules } from "./trusted-rules.js";
import { findRefusal } from "./verify-pull-request.js";

/**
 * What mode: comment does when GitHub cannot give it what a verdict needs (the reports, the pull
 * request, the base's config) even after retries: it posts nothing, says what it could not read
 * and why, and exits 2. The contract has no code for "GitHub is unavailable"; 2 ("an input could
 * not be read") is the nearest, it fails the step so a re-run is obvious, and it ranks above a
 * verdict's codes, since no verdict was reached.
 */
export const unreadableInputExitCode = exitCodes.invalidInput;

class UnreadableInput extends Error {}

async function readFromGitHub<T>(what: string, io: ActionIo, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (!(error instanceof GitHubError)) throw error;
    io.log.error(`could not read ${what} from GitHub: ${error.message}; no verdict was posted`);
    throw new UnreadableInput(what);
  }
}

const problemText = (problem: { artifact: string | null; file: string | null; message: string }) =>
  `${[problem.artifact, problem.file].filter(Boolean).join("/") || "artifacts"}: ${problem.message}`;

/**
 * mode: comment, in a workflow_run job with a write token: reads the reports the triggering run
 * uploaded, checks they are about the pull request GitHub says that run measured, judges them
 * by the base commit's config as GitHub has it, and publishes. It runs no repository code.
 */
export async function commentFromArtifacts(inputs: ActionInputs, io: ActionIo, ctx: PullRequestContext, port: GitHubPort, redact: Redactor): Promise<number> {
  try {
    return await commentOrRefuse(inputs, io, ctx, port, redact);
  } catch (error) {
    if (error instanceof UnreadableInput) return unreadableInputExitCode;
    throw error;
  }
}

async function commentOrRefuse(inputs: ActionInputs, io: ActionIo, ctx: PullRequestContext, port: GitHubPort, redact: Redactor): Promise<number> {
  const { log } = io;
  const run = ctx.workflowRun;
  if (!run) {
    log.error("mode: comment runs on a workflow_run event (it reads the reports of the run that triggered it)");
    return exitCodes.invalidInput;
  }
  const fetched = await readFromGitHub(`the reports of workflow run ${run.id}`, io, () => fetchReportsFromArtifacts(port, { runId: run.id }));
  for (const problem of fetched.problems) log.warning(problemText(problem));
  if (fetched.reports.length === 0) {
    log.error(`no sci-gate report in the artifacts of run ${run.id}`);
    return exitCodes.invalidInput;
  }
  const merged = mergeReports(fetched.reports.map((r) => ({ report: r.report, file: r.source })));
  if (!merged.ok) {
    for (const issue of merged.errors) log.error(formatIssue(issue));
    return exitCodes.invalidInput;
  }
  for (const warning of merged.warnings) log.warning(warning);
  // The report is the fork's word: a token it printed is not repeated, whatever else it says.
  const report: Report = redactDeep(merged.value, redact);
  const claimed = report.pullRequest;
  if (!claimed) {
    log.error("the report names no pull request: measure on a pull_request event");
    return exitCodes.invalidInput;
  }
  const live: PullRequestInfo = await readFromGitHub(`pull request #${claimed.number}`, io, () => port.getPullRequest(claimed.number));
  const refusal = findRefusal({ claimed, repository: `${ctx.owner}/${ctx.repo}`, run, live });
  if (refusal !== null) {
    log.error(`refusing to comment: ${refusal}; nothing was posted`);
    return exitCodes.invalidInput;
  }
  const rules = await readBaseRules(inputs, io, port, live, report);
  const suiteFailed = report.status.errors.length > 0 || report.status.interrupted;
  return decideAndPublish({
    inputs,
    io,
    // The head is the triggering run's, which the report was just checked against; never the report's own word.
    ctx: { ...ctx, prNumber: claimed.number, headSha: run.headSha, baseSha: live.baseSha, baseRef: live.baseRef },
    port,
    report,
    baseReport: report,
    rules,
    headConfig: report.configs.head ?? rules.loaded.config,
    suiteFailed,
    outPath: null,
    warnings: merged.warnings,
    baseSha: live.baseSha,
    historyBranch: live.baseRef,
    commentOn: claimed.number,
  });
}

/**
 * The rules come from the base commit as GitHub has it, never from the report a fork could
 * forge. A failure to read them is fatal (fail closed): falling back to the report's rules would
 * let an outage loosen the budget. A base without the file decides nothing: figures only.
 */
async function readBaseRules(inputs: ActionInputs, io: ActionIo, port: GitHubPort, live: PullRequestInfo, report: Report): Promise<Rules> {
  const at = `${inputs.config} at the base ${live.baseSha.slice(0, 7)}`;
  const text = await readFromGitHub(at, io, () => port.getFileText(inputs.config, live.baseSha));
  if (text !== null) return baseRules(parseBaseConfig(text, `${inputs.config} (base ${live.baseSha.slice(0, 7)})`, inputs.config));
  const measuredWith = report.configs.head ?? report.configs.base;
  if (!measuredWith) {
    io.log.error(`the report carries no config and the base commit ${live.baseSha.slice(0, 7)} has no ${inputs.config}`);
    throw new UnreadableInput(at);
  }
  return figuresOnlyRules({ config: measuredWith, text: "", path: inputs.config }, `the base commit ${live.baseSha.slice(0, 7)} has no ${inputs.config}`);
}
