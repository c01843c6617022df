import { formatIssue, maxReportBytes as coreMaxReportBytes, parseReport, type Report } from "@sci-gate/core";
import { GitHubError } from "./github-error.js";
import type { ArtifactInfo, GitHubPort } from "./port.js";
import { readJsonEntries, sanitizeName } from "./read-zip.js";

/** Where to look: one workflow run's artifacts, or the newest successful run on a branch. */
export type ArtifactSource = { runId: number } | { branch: string; workflowFile?: string };

export interface FetchReportsOptions {
  /** Artifacts whose name starts with this are read (matrix shards: `sci-gate-report-1`, …). */
  namePrefix?: string;
  /** Largest zip downloaded (default 8 MiB); GitHub's declared size is checked first. */
  maxZipBytes?: number;
  /** Largest report file inside (default: core's limit, 64 MiB). */
  maxReportBytes?: number;
  /** All report files of one zip together (default 128 MiB). */
  maxUncompressedBytes?: number;
  /** Runs inspected when looking on a branch (default 10). */
  maxRunsToSearch?: number;
}

export interface LocatedReport {
  /** `<artifact>/<file>`, as problems and messages name it. */
  source: string;
  artifact: string;
  artifactId: number;
  file: string;
  runId: number | null;
  report: Report;
}

export interface ArtifactProblem {
  artifact: string | null;
  file: string | null;
  message: string;
}

export interface FetchedReports {
  reports: LocatedReport[];
  problems: ArtifactProblem[];
  /** The run the artifacts came from; null when none was found. */
  runId: number | null;
}

export const defaultArtifactPrefix = "sci-gate-report";
const maxIssuesPerFile = 5;

interface Resolved {
  runId: number | null;
  artifacts: ArtifactInfo[];
  problems: ArtifactProblem[];
}

function isOwnRepository(artifact: ArtifactInfo): boolean {
  const run = artifact.workflowRun;
  return run !== null && run.repositoryId !== null && run.repositoryId === run.headRepositoryId;
}

function newestArtifactFirst(a: ArtifactInfo, b: ArtifactInfo): number {
  const at = (x: ArtifactInfo) => x.createdAt ?? "";
  if (at(a) !== at(b)) return at(a) < at(b) ? 1 : -1;
  return b.id - a.id;
}

async function resolveFromRun(port: GitHubPort, runId: number, prefix: string): Promise<Resolved> {
  const all = (await port.listWorkflowRunArtifacts(runId)).filter((a) => a.name.startsWith(prefix));
  const problems: ArtifactProblem[] = all
    .filter((a) => a.expired)
    .map((a) => ({ artifact: sanitizeName(a.name), file: null, message: "has expired; re-run the workflow that produced it" }));
  const artifacts = all.filter((a) => !a.expired);
  if (all.length === 0) {
    problems.push({ artifact: null, file: null, message: `workflow run ${runId} has no artifact named ${prefix}*; did its upload step run?` });
  }
  return { runId, artifacts, problems };
}

/**
 * The newest successful run on the branch that left report artifacts. Runs for pull requests
 * from forks can carry any branch name, so only runs of this repository's own code count.
 */
async function resolveFromBranch(port: GitHubPort, branch: string, workflowFile: string | undefined, prefix: string, maxRuns: number): Promise<Resolved> {
  const repoFullName = `${port.owner}/${port.repo}`;
  if (workflowFile !== undefined) {
    const runs = await port.listWorkflowRuns({ branch, status: "success", workflowId: workflowFile, limit: maxRuns });
    for (const run of runs) {
      if (run.headBranch !== branch || run.headRepoFullName !== repoFullName) continue;
      const artifacts = (await port.listWorkflowRunArtifacts(run.id)).filter((a) => a.name.startsWith(prefix) && !a.expired);
      if (artifacts.length > 0) return { runId: run.id, artifacts, problems: [] };
    }
  } else {
    // GitHub filters names exactly, which reaches far back for the plain name; the prefix scan
    // (newest pages only) finds matrix shards. The newest run either way wins.
    const exact = await port.listRepoArtifacts({ name: prefix, branch });
    const scanned = await port.listRepoArtifacts({ namePrefix: prefix, branch });
    const candidates = [...exact, ...scanned].sort(newestArtifactFirst);
    const runIds = [...new Set(candidates.filter(isOwnRepository).map((a) => a.workflowRun?.id ?? null))].filter((id): id is number => id !== null);
    for (const runId of runIds.slice(0, maxRuns)) {
      const run = await port.getWorkflowRun(runId);
      if (run.conclusion !== "success" || run.headRepoFullName !== repoFullName) continue;
      const artifacts = (await port.listWorkflowRunArtifacts(runId)).filter((a) => a.name.startsWith(prefix) && !a.expired);
      if (artifacts.length > 0) return { runId, artifacts, problems: [] };
    }
  }
  const where = workflowFile === undefined ? `branch ${branch}` : `branch ${branch} (workflow ${workflowFile})`;
  return {
    runId: null,
    artifacts: [],
    problems: [
      {
        artifact: null,
        file: null,
        message: `no unexpired artifact named ${prefix}* from a successful run on ${where}; run the workflow on ${branch} once to record a baseline`,
      },
    ],
  };
}

/** Downloads the report artifacts, unzips them and validates every `.json` inside as a sci-gate report. */
export async function fetchReportsFromArtifacts(port: GitHubPort, source: ArtifactSource, options: FetchReportsOptions = {}): Promise<FetchedReports> {
  const prefix = options.namePrefix ?? defaultArtifactPrefix;
  const maxZipBytes = options.maxZipBytes ?? 8 * 1024 * 1024;
  const maxReportBytes = options.maxReportBytes ?? coreMaxReportBytes;
  const limits = { maxEntries: 1_000, maxEntryBytes: maxReportBytes, maxTotalBytes: options.maxUncompressedBytes ?? 128 * 1024 * 1024 };
  const resolved =
    "runId" in source
      ? await resolveFromRun(port, source.runId, prefix)
      : await resolveFromBranch(port, source.branch, source.workflowFile, prefix, options.maxRunsToSearch ?? 10);
  const problems = [...resolved.problems];
  const reports: LocatedReport[] = [];
  for (const artifact of resolved.artifacts) {
    const name = sanitizeName(artifact.name);
    if (artifact.sizeBytes > maxZipBytes) {
      problems.push({ artifact: name, file: null, message: `is ${artifact.sizeBytes} bytes, over the limit of ${maxZipBytes}; refused without downloading it` });
      continue;
    }
    let zip: Uint8Array;
    try {
      zip = await port.downloadArtifactZip(artifact.id, { maxBytes: maxZipBytes });
    } catch (error) {
      // One unreadable artifact must not hide the others; an auth or rate-limit failure stops everything.
      if (error instanceof GitHubError && (error.code === "too-large" || error.status === 404 || error.status === 410)) {
        problems.push({ artifact: name, file: null, message: error.message });
        continue;
      }
      throw error;
    }
    const { entries, problems: zipProblems } = readJsonEntries(zip, limits);
    for (const problem of zipProblems) problems.push({ artifact: name, file: problem.file, message: problem.message });
    for (const entry of entries) {
      const file = sanitizeName(entry.name);
      const where = `${name}/${file}`;
      const parsed = parseReport(entry.text, where);
      if (parsed.ok) {
        reports.push({ source: where, artifact: artifact.name, artifactId: artifact.id, file: entry.name, runId: resolved.runId, report: parsed.value });
      } else {
        for (const issue of parsed.errors.slice(0, maxIssuesPerFile)) problems.push({ artifact: name, file, message: formatIssue(issue) });
        if (parsed.errors.length > maxIssuesPerFile) {
          problems.push({ artifact: name, file, message: `${where}: ${parsed.errors.length - maxIssuesPerFile} more problems` });
        }
      }
    }
  }
  return { reports, problems, runId: resolved.runId };
}
