/** The realistic cases rendered in snapshots, shared by the markdown and console tests. */
import type { ScenarioDiff } from "@sci-gate/core";
import {
  batchInconclusive,
  buildComparison,
  buildScenario,
  chatFail,
  chatSide,
  chatLongError,
  chatPass,
  embedPass,
  imagePass,
  runnerMachine,
  summariseWarn,
} from "./fixtures.test-helper.js";
import type { CommentInput, HistoryPoint } from "./render-input.js";
import { buildConfig, buildReportFor } from "./report-fixtures.test-helper.js";

const common = {
  commentId: "default",
  version: "0.1.0",
  reproduceCommand: "npx sci-gate compare sci-gate-report.json --config sci-gate.yml",
  methodologyUrl: "https://github.com/sci-gate/sci-gate/blob/v0.1.0/docs/METHODOLOGY.md",
};

const suiteNames = ["chat", "summarise", "embed", "image-gen", "batch-score", "chat-long"];

/** Eight main-branch values of chat's SCI, drifting down as the KV cache work landed. */
export const chatHistory: HistoryPoint[] = [
  { label: "a41f0c2", sciGPerUnit: 1.86e-5 },
  { label: "7c2e9b1", sciGPerUnit: 1.85e-5 },
  { label: "e03d5aa", sciGPerUnit: 1.83e-5 },
  { label: "19bb7f4", sciGPerUnit: 1.84e-5 },
  { label: "c8a2e61", sciGPerUnit: 1.8e-5 },
  { label: "5f7d0e9", sciGPerUnit: 1.79e-5 },
  { label: "0aa4c3b", sciGPerUnit: 1.78e-5 },
  { label: "4e1c2a9", sciGPerUnit: 1.78e-5 },
];

export function buildAllPassCase(): CommentInput {
  const scenarios = [chatPass, embedPass, imagePass];
  return {
    ...common,
    comparison: buildComparison(scenarios),
    report: buildReportFor(scenarios),
    config: buildConfig({ chat: { units: 2e9, per: "day" } }, suiteNames),
  };
}

export function buildOneFailCase(): CommentInput {
  const scenarios = [chatFail, summariseWarn, embedPass, imagePass];
  return {
    ...common,
    comparison: buildComparison(scenarios, {
      budgetChanges: [
        // As core's describeRuleChanges writes it when the head raises its fail budget.
        "chat: fail +5 % → +15 %",
      ],
    }),
    report: buildReportFor(scenarios),
    config: buildConfig({ chat: { units: 2e9, per: "day" }, "image-gen": { units: 50_000, per: "week" } }, suiteNames),
    history: { chat: chatHistory },
  };
}

export function buildInconclusiveCase(): CommentInput {
  const scenarios = [batchInconclusive, embedPass];
  return {
    ...common,
    comparison: buildComparison(scenarios, { headline: "batch-score" }),
    report: buildReportFor(scenarios),
    config: buildConfig({}, suiteNames),
  };
}

export function buildSuiteFailedCase(): CommentInput {
  const scenarios = [chatLongError, embedPass];
  const errors = ["chat-long: head run 1 exited with code 137 (killed: out of memory at 15.6 GiB)"];
  return {
    ...common,
    // As core reports a side's own failures: each prefixed with the report it came from.
    comparison: buildComparison(scenarios, { errors: errors.map((error) => `sci-gate-report.json: ${error}`) }),
    report: buildReportFor(scenarios, { status: { interrupted: false, errors } }),
    config: buildConfig({}, suiteNames),
  };
}

const longWarning = (i: number) =>
  `units per run changed from 512.0 to ${512 + i}.0: the suite counts its own units, so check the change did not inflate them. ` +
  `The tokenizer emitted ${i} extra end-of-turn tokens in scenario variant ${i}; see the benchmark log for the prompts involved and their lengths before and after.`;

export function buildManyScenarios(): ScenarioDiff[] {
  return Array.from({ length: 40 }, (_, i) => {
    const outcome = i % 13 === 5 ? "fail" : i % 7 === 3 ? "warn" : "pass";
    return buildScenario({
      name: `prompt-set-${String(i + 1).padStart(2, "0")}`,
      unit: "token",
      base: { energyJPerUnit: 0.5 + i * 0.02, unitsPerRun: 512, durationS: 6 + i * 0.1 },
      energyRatio: outcome === "fail" ? 1.08 : outcome === "warn" ? 1.035 : 1.001,
      halfWidthLog: outcome === "fail" ? 0.02 : 0.012,
      outcome,
      decidedBy: outcome === "fail" ? "the whole 95% interval is above the 5 % budget" : outcome === "warn" ? "the whole interval is above the 2 % warning level" : "the whole interval is within the 5 % budget",
      warnings: [longWarning(i), longWarning(i + 100), longWarning(i + 200)],
    });
  });
}

export function buildSizeLimitCase(maxLength?: number): CommentInput {
  const scenarios = buildManyScenarios();
  return {
    ...common,
    comparison: buildComparison(scenarios, { warnings: ["shard 3 of 4 ran on a different machine type"] }),
    report: buildReportFor(scenarios),
    ...(maxLength === undefined ? {} : { maxLength }),
  };
}

/** Who applied the accept label in the accepted-regression case: a login is user text like any other. */
export const acceptingLogin = "octo-maintainer";

/**
 * A maintainer accepted a +275 % regression with the accept label (as packages/action's
 * acceptRegression records it), next to a scenario no budget applies to (+37 %) and one within budget.
 */
export function buildAcceptedCase(): CommentInput {
  const label = "sci-gate:accept";
  // Energy and run time × 3.75 give SCI × 3.75: +275 %.
  const regressed = buildScenario({
    name: "chat",
    unit: "token",
    base: chatSide,
    energyRatio: 3.75,
    halfWidthLog: 0.03,
    outcome: "fail",
    decidedBy: (ci) => `the whole 95% interval (${ci}) is above the 5 % budget`,
  });
  const accepted: ScenarioDiff = {
    ...regressed,
    outcome: "pass",
    verdicts: regressed.verdicts.map((v) => ({ ...v, outcome: "pass" as const, reason: `${v.reason}; accepted by @${acceptingLogin} with the ${label} label` })),
    accepted: { by: acceptingLogin, label, outcomeBefore: "fail" },
    decidedBy: `regression accepted by @${acceptingLogin} with the ${label} label (${regressed.decidedBy})`,
  };
  // SCI × 1.37 (energy and run time alike): +37 %, and no budget names this scenario.
  const unbudgeted: ScenarioDiff = {
    ...buildScenario({ name: "summarise", unit: "token", base: { energyJPerUnit: 0.62, unitsPerRun: 256, durationS: 5.4 }, energyRatio: 1.37, halfWidthLog: 0.02, outcome: "pass", decidedBy: "" }),
    verdicts: [],
    decidedBy: "no budget applies to this scenario",
  };
  const scenarios = [accepted, unbudgeted, embedPass];
  return {
    ...common,
    comparison: buildComparison(scenarios, { warnings: [`a regression over budget was accepted by @${acceptingLogin} with the ${label} label`] }),
    report: buildReportFor(scenarios),
    config: buildConfig({}, suiteNames),
  };
}

export const evilName = "| <img src=x onerror=alert(1)> @everyone #1";

export function buildEvilCase(): CommentInput {
  const evil = buildScenario({
    name: evilName,
    unit: "tok|en<script>",
    base: { energyJPerUnit: 0.9, unitsPerRun: 512, durationS: 11.6 },
    energyRatio: 1.002,
    halfWidthLog: 0.01,
    outcome: "pass",
    decidedBy: `the whole interval is within budget for ${evilName}`,
    warnings: ["<!-- sci-gate:comment:default --> forged marker", "line one\n# heading\n- list @alice #2 ```"],
  });
  const scenarios = [evil, embedPass];
  const report = buildReportFor(scenarios, { machine: { ...runnerMachine, cpuModel: "EPYC <b>7763</b> | @octocat" } });
  return {
    ...common,
    commentId: "pr<!--x-->",
    comparison: buildComparison(scenarios, { warnings: ["</details><details open> @here #99"], budgetChanges: ["budget for | x | → <script>"] }),
    report,
    reproduceCommand: "npx sci-gate compare r.json </pre><!-- sci-gate:comment:default --> @everyone",
    history: { [evilName]: [{ label: "<b>x</b>", sciGPerUnit: 1.7e-5 }] },
  };
}
