import { relative, resolve } from "node:path";
import { type Comparison, type Config, collectSciHistory, compareReports, exitCodeForOutcome, exitCodes, findConfigLine, formatIssue, type Report } from "@sci-gate/core";
import {
  type CheckAnnotation,
  commentMarker,
  fetchBranchHistory,
  findCommentAuthor,
  findLabelApplier,
  type GitHubPort,
  type PullRequestContext,
  publishCheckRun,
  upsertStickyComment,
} from "@sci-gate/github";
import { buildReproduceCommand, commentLengthLimit, type HistoryPoint, methodologyUrlFor, type RenderInput, renderComment, renderSummary } from "@sci-gate/report";
import { acceptRegression, type LabelApproval, readApprovalFromEvent } from "./accept-label.js";
import type { ActionIo } from "./action-io.js";
import { computeOutputs } from "./github-outputs.js";
import type { ActionInputs } from "./inputs.js";
import { describeFiguresOnly, type Rules } from "./trusted-rules.js";

/** Runs of the base branch whose reports draw the trend chart; a chart of ten points shows a trend without crowding. */
export const historyRuns = 10;
/** The trend is an extra: it may take a minute of the run's five-minute GitHub budget, no more. */
export const historyTimeLimitMs = 60_000;

export interface Decision {
  inputs: ActionInputs;
  io: ActionIo;
  ctx: PullRequestContext;
  port: GitHubPort | null;
  report: Report;
  baseReport: Report;
  rules: Rules;
  headConfig: Config;
  suiteFailed: boolean;
  outPath: string | null;
  /** Said in the comparison beside its own warnings (merging shards, fetching the base). */
  warnings: string[];
  /** The base commit, for the reproduce line; null when unknown. */
  baseSha: string | null;
  /** Branch whose past reports draw the trend chart; null: no chart. */
  historyBranch: string | null;
  /** The pull request to comment on; null: no comment (a push, a merge group). */
  commentOn: number | null;
  /** Write the summary and outputs only, and return the verdict's code without a word (a first pass before more is fetched). */
  summaryOnly?: boolean;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Compares, writes the summary and outputs, then comments and creates the check run; returns the exit code. */
export async function decideAndPublish(d: Decision): Promise<number> {
  const { inputs, io, ctx, port, report } = d;
  const { log } = io;
  const config = d.rules.loaded.config;
  const compared = compareReports({ base: d.baseReport, head: report, rules: config, headConfig: d.headConfig, files: { base: "base report", head: "head report" } });
  if (!compared.ok) {
    for (const issue of compared.errors) log.error(formatIssue(issue));
    return exitCodes.invalidInput;
  }
  const notes = [...d.warnings, ...(d.rules.figuresOnly === null ? [] : [describeFiguresOnly(d.rules.figuresOnly)])];
  let comparison: Comparison = notes.length > 0 ? { ...compared.value, warnings: [...compared.value.warnings, ...notes] } : compared.value;

  let history: Record<string, HistoryPoint[]> | undefined;
  const renderFor = (c: Comparison): RenderInput => ({
    comparison: c,
    report,
    config,
    version: io.version,
    reproduceCommand: buildReproduceCommand({ configPath: inputs.config, baseSha: d.baseSha }),
    methodologyUrl: methodologyUrlFor(io.version),
    ...(history ? { history } : {}),
  });
  const record = async (c: Comparison) => {
    await io.writeSummary(renderSummary(renderFor(c)));
    for (const [name, value] of Object.entries(computeOutputs(c, d.outPath ?? "", null))) io.setOutput(name, value);
  };
  // Summary and outputs first, before any GitHub call: nothing measured is lost to a GitHub failure.
  await record(comparison);
  if (d.summaryOnly) return d.suiteFailed ? exitCodes.suiteFailed : exitCodeForOutcome(comparison.outcome, inputs.failOn);
  if (d.rules.figuresOnly !== null) log.warning(describeFiguresOnly(d.rules.figuresOnly));

  if (port && d.historyBranch) history = await readHistory(port, d.historyBranch, comparison, io);
  const accepted = await applyAcceptLabel(d, comparison);
  if (history !== undefined || accepted !== comparison) {
    comparison = accepted;
    // The runner keeps the last value written for an output.
    await record(comparison);
  }
  const renderInput = renderFor(comparison);

  if (port && d.commentOn !== null && inputs.comment !== "never") {
    try {
      const commentId = inputs.commentId || config.comment?.id || "default";
      const author = await findCommentAuthor(port);
      log.info(`comments by ${author.login} count as sci-gate's own: ${author.how}`);
      const result = await upsertStickyComment(port, {
        issueNumber: d.commentOn,
        marker: commentMarker(commentId),
        body: renderComment({ ...renderInput, commentId }),
        mode: inputs.comment,
        verdictIsPass: comparison.outcome === "pass",
        isOwn: author.isOwn,
      });
      log.info(`comment ${result.action}: ${result.reason}`);
      if (result.url) io.setOutput("comment-url", result.url);
    } catch (error) {
      log.warning(`could not comment on the pull request: ${describe(error)}`);
    }
  }
  if (port) {
    try {
      await publishCheckRun(port, {
        headSha: ctx.headSha,
        outcome: comparison.outcome,
        title: `SCI ${comparison.outcome}`,
        // The comment's limit: the renderer collapses detail first and says what it left out,
        // rather than the 65,535-character cut landing mid-table.
        summary: renderSummary({ ...renderInput, maxLength: commentLengthLimit }),
        annotations: collectAnnotations(comparison, d, io.workspace),
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

/** An annotation at the line of each budget that failed or warned. */
function collectAnnotations(comparison: Comparison, d: Decision, workspace: string): CheckAnnotation[] {
  const configFile = relative(workspace, resolve(workspace, d.inputs.config));
  const annotations: CheckAnnotation[] = [];
  for (const scenario of comparison.scenarios) {
    for (const verdict of scenario.verdicts) {
      if (verdict.budgetIndex === null || (verdict.outcome !== "fail" && verdict.outcome !== "warn")) continue;
      const line = d.rules.loaded.text ? (findConfigLine(d.rules.loaded.text, ["budgets", verdict.budgetIndex]) ?? 1) : 1;
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
  return annotations;
}

/** SCI per unit of the base branch's past runs, under this comparison's methodology; undefined when there are none. */
async function readHistory(port: GitHubPort, branch: string, comparison: Comparison, io: ActionIo): Promise<Record<string, HistoryPoint[]> | undefined> {
  try {
    const fetched = await fetchBranchHistory(port, { branch }, { runs: historyRuns, timeLimitMs: historyTimeLimitMs });
    for (const problem of fetched.problems) io.log.info(`trend chart: ${[problem.artifact, problem.file].filter(Boolean).join("/") || "artifacts"}: ${problem.message}`);
    const reports = fetched.runs.flatMap((run) => run.reports.map((r) => r.report));
    if (reports.length === 0) return undefined;
    io.log.info(`trend chart: ${fetched.runs.length} past runs of ${branch}`);
    return collectSciHistory(reports, comparison.assumptions);
  } catch (error) {
    io.log.warning(`could not read ${branch}'s past reports for the trend chart: ${describe(error)}`);
    return undefined;
  }
}

/** Who applied the accept label: from GitHub when this job may ask, else from the event payload. */
async function findApproval(d: Decision, label: string): Promise<LabelApproval | null> {
  const { port, ctx } = d;
  if (port && ctx.prNumber !== null) {
    try {
      const pr = await port.getPullRequest(ctx.prNumber);
      if (!pr.labels.includes(label)) return null;
      const applier = await findLabelApplier(port, { issueNumber: ctx.prNumber, label });
      if (applier) return { by: applier.login, how: `its labeled event of ${applier.appliedAt}` };
      return { by: null, reason: `the ${label} label is on pull request #${ctx.prNumber}, but its events do not name who applied it` };
    } catch (error) {
      d.io.log.warning(`could not read the pull request's labels: ${describe(error)}`);
      return null;
    }
  }
  return ctx.eventLabels ? readApprovalFromEvent(ctx.eventLabels, label) : null;
}

/** A failed budget becomes an accepted regression when a maintainer applied the accept label; never for an unknown applier. */
async function applyAcceptLabel(d: Decision, comparison: Comparison): Promise<Comparison> {
  if (comparison.outcome !== "fail") return comparison;
  const label = d.rules.loaded.config.github?.acceptLabel ?? "sci-gate:accept";
  const approval = await findApproval(d, label);
  if (approval === null) return comparison;
  if (approval.by === null) {
    const note = `the regression is not accepted: ${approval.reason}`;
    d.io.log.warning(note);
    return { ...comparison, warnings: [...comparison.warnings, note] };
  }
  d.io.log.info(`the ${label} label accepts this regression (applied by @${approval.by}, from ${approval.how})`);
  return acceptRegression(comparison, label, approval.by);
}
