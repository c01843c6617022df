import { renderCommentMarker } from "./comment-marker.js";
import {
  describeConfidence,
  renderBudgetChanges,
  renderCutNote,
  renderFooter,
  renderGlobalNotes,
  renderHeadline,
  renderScenarioDetails,
  renderScenarioTable,
  renderSuiteErrors,
  renderTitle,
} from "./markdown-sections.js";
import { chartLimits, renderComparisonChart, renderHistoryChart } from "./mermaid-chart.js";
import { selectWorstScenarios } from "./outcome-text.js";
import type { CommentInput, RenderInput } from "./render-input.js";

/** GitHub rejects comment bodies over 65,536 characters; keep a margin for the API's own counting. */
export const commentLengthLimit = 65_000;
/**
 * $GITHUB_STEP_SUMMARY takes at most 1 MiB per step. One UTF-16 code unit is at most three
 * bytes of UTF-8, so this many code units always fit.
 */
export const summaryLengthLimit = 340_000;

interface Variant {
  marker: string | null;
  maxLength: number;
  /** Where a reader finds what was left out. */
  elsewhere: string;
}

/** What goes in: the assembler tries the richest plan first and gives up detail in this order. */
interface Plan {
  details: "all" | "non-pass" | "none";
  charts: boolean;
  rows: number;
  lists: boolean;
}

function renderCharts(input: RenderInput): string[] {
  const blocks: string[] = [];
  const main = renderComparisonChart(input.comparison.scenarios);
  if (main !== null) blocks.push(`${main.block}\n\n_${main.caption}_`);
  const history = input.history ?? {};
  let historyCharts = 0;
  for (const diff of input.comparison.scenarios) {
    // Own keys only: a scenario named "constructor" or "valueOf" must not read Object.prototype.
    const points = Object.hasOwn(history, diff.name) ? history[diff.name] : undefined;
    if (!Array.isArray(points) || historyCharts >= chartLimits.historyCharts) continue;
    const chart = renderHistoryChart(diff, points);
    if (chart === null) continue;
    blocks.push(`${chart.block}\n\n_${chart.caption}_`);
    historyCharts++;
  }
  return blocks;
}

function describeCuts(input: RenderInput, plan: Plan, hasCharts: boolean): string[] {
  const scenarios = input.comparison.scenarios;
  const cuts: string[] = [];
  const passing = scenarios.filter((diff) => diff.outcome === "pass").length;
  if (plan.details === "non-pass" && passing > 0) cuts.push(`the details of ${passing} passing scenario${passing === 1 ? "" : "s"}`);
  if (plan.details === "none" && scenarios.length > 0) cuts.push("the per-scenario details");
  if (!plan.charts && hasCharts) cuts.push("the charts");
  if (plan.rows < scenarios.length) cuts.push(`${scenarios.length - plan.rows} of ${scenarios.length} table rows (the worst outcomes are kept)`);
  if (!plan.lists && input.comparison.warnings.length + input.comparison.assumptions.warnings.length > 0) cuts.push("the warning lists");
  return cuts;
}

function assemble(input: RenderInput, plan: Plan, variant: Variant, charts: readonly string[]): string {
  const { comparison } = input;
  const blocks: (string | null)[] = [variant.marker, renderTitle(comparison), renderHeadline(input), renderSuiteErrors(comparison), renderBudgetChanges(comparison)];
  const rows = selectWorstScenarios(comparison.scenarios, plan.rows);
  if (rows.length > 0) blocks.push(renderScenarioTable(rows, describeConfidence(comparison)));
  const left = comparison.scenarios.length - rows.length;
  if (left > 0) blocks.push(`… and ${left} more scenario${left === 1 ? "" : "s"}: ${variant.elsewhere}.`);
  const cuts = describeCuts(input, plan, charts.length > 0);
  if (cuts.length > 0) blocks.push(renderCutNote(cuts, `For everything, ${variant.elsewhere}.`));
  if (plan.charts) blocks.push(...charts);
  if (plan.details !== "none") {
    for (const diff of comparison.scenarios) {
      if (plan.details === "all" || diff.outcome !== "pass") blocks.push(renderScenarioDetails(diff, input));
    }
  }
  blocks.push(renderGlobalNotes(input, plan.lists), renderFooter(input));
  return `${blocks.filter((block): block is string => block !== null).join("\n\n")}\n`;
}

/** The last resort when even the bare verdict is too long (a tiny limit): cut at a line and say so. */
function cutHard(text: string, variant: Variant): string {
  const note = `\n\n✂️ Cut at ${variant.maxLength} characters: ${variant.elsewhere}.\n`;
  if (variant.maxLength <= note.length) return text.slice(0, variant.maxLength);
  const head = text.slice(0, variant.maxLength - note.length);
  const lineEnd = head.lastIndexOf("\n");
  return `${lineEnd > 0 ? head.slice(0, lineEnd) : head}${note}`;
}

/**
 * The richest body that fits `variant.maxLength`: drop the details of passing scenarios, then
 * all details, then the charts, then table rows (the best outcomes first), then the warning
 * lists. The body says what it left out.
 */
function fitMarkdown(input: RenderInput, variant: Variant): string {
  const total = input.comparison.scenarios.length;
  const charts = renderCharts(input);
  const stages: Plan[] = [
    { details: "all", charts: true, rows: total, lists: true },
    { details: "non-pass", charts: true, rows: total, lists: true },
    { details: "none", charts: true, rows: total, lists: true },
    { details: "none", charts: false, rows: total, lists: true },
  ];
  for (const plan of stages) {
    const text = assemble(input, plan, variant, charts);
    if (text.length <= variant.maxLength) return text;
  }
  for (const lists of [true, false]) {
    const render = (rows: number) => assemble(input, { details: "none", charts: false, rows, lists }, variant, charts);
    const all = render(total);
    if (all.length <= variant.maxLength) return all;
    if (render(0).length > variant.maxLength) continue;
    // The body grows with the number of rows, so the largest count that fits is found by bisection.
    let fits = 0;
    let tooMany = total;
    while (tooMany - fits > 1) {
      const middle = Math.floor((fits + tooMany) / 2);
      if (render(middle).length <= variant.maxLength) fits = middle;
      else tooMany = middle;
    }
    return render(fits);
  }
  return cutHard(assemble(input, { details: "none", charts: false, rows: 0, lists: false }, variant, charts), variant);
}

function resolveMaxLength(requested: number | undefined, fallback: number): number {
  return requested === undefined || !Number.isFinite(requested) ? fallback : Math.max(0, Math.floor(requested));
}

/** The sticky pull-request comment: marker first, then the verdict, table, charts, details and footer. */
export function renderComment(input: CommentInput): string {
  return fitMarkdown(input, {
    marker: renderCommentMarker(input.commentId),
    maxLength: resolveMaxLength(input.maxLength, commentLengthLimit),
    elsewhere: "see the job summary or the report JSON",
  });
}

/** The same content for $GITHUB_STEP_SUMMARY: no marker, and room for far more before anything is cut. */
export function renderSummary(input: RenderInput): string {
  return fitMarkdown(input, {
    marker: null,
    maxLength: resolveMaxLength(input.maxLength, summaryLengthLimit),
    elsewhere: "see the report JSON",
  });
}
