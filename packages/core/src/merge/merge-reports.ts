import type { InputIssue } from "../config/issues.js";
import { type Report, reportSchemaId, type ScenarioReport } from "../schema/report.js";
import { isSameValue } from "./stable-json.js";

/** One shard's report and the file it was read from, so every error can name it. */
export interface ReportShard {
  report: Report;
  file: string;
}

export type MergeResult = { ok: true; value: Report; warnings: string[] } | { ok: false; errors: InputIssue[] };

/** The schema's own bound on scenarios, checked here so a merge never writes a report it would refuse. */
const maxScenarios = 10_000;

type RevisionInfo = NonNullable<Report["revisions"]["head"]>;

const issue = (file: string, path: string, message: string): InputIssue => ({ file, line: null, column: null, path, message });

/**
 * One revision's identity across shards: shards measured the same commit, so a known sha must
 * agree everywhere; a shard that did not know it (null) takes it from the others.
 */
function mergeRevision(shards: readonly ReportShard[], side: "base" | "head", errors: InputIssue[]): RevisionInfo | undefined {
  let merged: RevisionInfo | undefined;
  let shaFrom = "";
  for (const { report, file } of shards) {
    const info = report.revisions[side];
    if (info === undefined) continue;
    if (merged === undefined) {
      merged = { ...info };
      if (info.sha !== null) shaFrom = file;
      continue;
    }
    if (info.sha !== null && merged.sha !== null && info.sha !== merged.sha) {
      errors.push(
        issue(file, `revisions.${side}.sha`, `expected the ${side} revision ${merged.sha} of ${shaFrom}, got ${info.sha}; shards of one merge must measure the same commits`),
      );
      continue;
    }
    if (merged.sha === null && info.sha !== null) {
      merged.sha = info.sha;
      shaFrom = file;
    }
    merged.ref ??= info.ref;
    merged.configHash ??= info.configHash;
  }
  return merged;
}

/** The base config decides budgets and methodology: shards that disagree on it cannot be judged as one. */
function mergeConfigs(shards: readonly ReportShard[], errors: InputIssue[], warnings: string[]): Report["configs"] {
  const configs: Report["configs"] = {};
  const firstFile: { base?: string; head?: string } = {};
  for (const { report, file } of shards) {
    for (const side of ["base", "head"] as const) {
      const config = report.configs[side];
      if (config === undefined) continue;
      const first = configs[side];
      if (first === undefined) {
        configs[side] = config;
        firstFile[side] = file;
      } else if (!isSameValue(first, config)) {
        if (side === "base") {
          errors.push(issue(file, "configs.base", `expected the same base config as ${firstFile.base}; the base config sets the budgets, so shards must share it`));
        } else {
          warnings.push(`${file} was measured with a different head config than ${firstFile.head}; the merged report keeps ${firstFile.head}'s`);
        }
      }
    }
  }
  return configs;
}

function mergePullRequest(shards: readonly ReportShard[], errors: InputIssue[]): Report["pullRequest"] {
  let merged: Report["pullRequest"];
  let from = "";
  for (const { report, file } of shards) {
    const pr = report.pullRequest;
    if (pr === undefined) continue;
    if (merged === undefined) {
      merged = pr;
      from = file;
    } else if (pr.number !== merged.number || pr.repo !== merged.repo || pr.headSha !== merged.headSha) {
      errors.push(issue(file, "pullRequest", `expected pull request ${merged.repo}#${merged.number} at ${merged.headSha} like ${from}, got ${pr.repo}#${pr.number} at ${pr.headSha}`));
    }
  }
  return merged;
}

/**
 * A shard's scenarios keep the machine and assumptions they were measured with: when the shard's
 * differ from the merged report's top level, they move down onto each scenario, so SCI is
 * recomputed per scenario with its own grid intensity and embodied share.
 */
function localiseScenario(scenario: ScenarioReport, shard: Report, top: Report): ScenarioReport {
  const local = { ...scenario };
  if (local.machine === undefined && !isSameValue(shard.machine, top.machine)) local.machine = shard.machine;
  if (local.assumptions === undefined && !isSameValue(shard.assumptions, top.assumptions)) local.assumptions = shard.assumptions;
  return local;
}

/** Config order is the order a reader expects; shards interleave it (scenario i goes to shard i mod n). */
function orderScenarios(scenarios: ScenarioReport[], configs: Report["configs"]): ScenarioReport[] {
  const names = (configs.head ?? configs.base)?.scenarios.map((s) => s.name) ?? [];
  const rank = (name: string) => {
    const index = names.indexOf(name);
    return index === -1 ? names.length : index;
  };
  // Array.prototype.sort is stable, so names missing from the config keep their shard order.
  return [...scenarios].sort((a, b) => rank(a.name) - rank(b.name));
}

/**
 * Merges the reports of matrix shards into one: each scenario comes from exactly one shard,
 * both revisions must be the same commits everywhere, and the base config must be shared.
 */
export function mergeReports(shards: readonly ReportShard[]): MergeResult {
  const first = shards[0];
  if (first === undefined) return { ok: false, errors: [issue("(no reports)", "", "expected at least one report to merge")] };
  const errors: InputIssue[] = [];
  const warnings: string[] = [];
  const top = first.report;

  const seen = new Map<string, { file: string; index: number }>();
  const scenarios: ScenarioReport[] = [];
  for (const { report, file } of shards) {
    if (report.meter.sampleHz !== top.meter.sampleHz) {
      warnings.push(`${file} sampled at ${report.meter.sampleHz} Hz, ${first.file} at ${top.meter.sampleHz} Hz`);
    }
    if (report.tool.version !== top.tool.version) {
      warnings.push(`${file} was written by sci-gate ${report.tool.version}, ${first.file} by ${top.tool.version}`);
    }
    report.scenarios.forEach((scenario, index) => {
      const earlier = seen.get(scenario.name);
      if (earlier !== undefined) {
        errors.push(
          issue(
            file,
            `scenarios[${index}].name`,
            `scenario "${scenario.name}" is also in ${earlier.file} (scenarios[${earlier.index}]); each scenario must come from exactly one shard`,
          ),
        );
        return;
      }
      seen.set(scenario.name, { file, index });
      scenarios.push(localiseScenario(scenario, report, top));
    });
  }
  if (scenarios.length > maxScenarios) {
    errors.push(issue(shards[shards.length - 1]!.file, "scenarios", `expected at most ${maxScenarios} scenarios in all, got ${scenarios.length}`));
  }

  const revisions: Report["revisions"] = {};
  const base = mergeRevision(shards, "base", errors);
  const head = mergeRevision(shards, "head", errors);
  if (base !== undefined) revisions.base = base;
  if (head !== undefined) revisions.head = head;
  const configs = mergeConfigs(shards, errors, warnings);
  const pullRequest = mergePullRequest(shards, errors);
  if (errors.length > 0) return { ok: false, errors };

  const reports = shards.map((s) => s.report);
  const energies = reports.map((r) => r.meter.energyJ);
  const merged: Report = {
    schema: reportSchemaId,
    tool: top.tool,
    // ISO-8601 timestamps sort as text: the merge is as recent as its newest shard.
    createdAt: reports.map((r) => r.createdAt).sort().at(-1)!,
    revisions,
    machine: top.machine,
    assumptions: top.assumptions,
    configs,
    scenarios: orderScenarios(scenarios, configs),
    meter: {
      cpuS: reports.reduce((sum, r) => sum + r.meter.cpuS, 0),
      sampleHz: top.meter.sampleHz,
      // A partial sum would understate what measuring cost; unknown anywhere means unknown.
      energyJ: energies.every((e): e is number => e !== null) ? energies.reduce((sum, e) => sum + e, 0) : null,
    },
    status: {
      interrupted: reports.some((r) => r.status.interrupted),
      errors: shards.flatMap(({ report, file }) => report.status.errors.map((error) => (shards.length > 1 ? `${file}: ${error}` : error))),
    },
  };
  if (pullRequest !== undefined) merged.pullRequest = pullRequest;
  return { ok: true, value: merged, warnings };
}
