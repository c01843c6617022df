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
  /** Artifacts downloaded at most in one call (default 64); the rest are named as a problem. */
  maxArtifacts?: number;
  /** Zip bytes downloaded at most in one call, all artifacts together (default 64 MiB). */
  maxTotalZipBytes?: number;
}

/**
 * What one call downloads at most, bounding what an untrusted run can make the comment job
 * fetch. 64 artifacts: a 64-shard matrix, a quarter of the 256 jobs GitHub lets one matrix
 * generate per workflow run (docs.github.com, "Running variations of jobs in a workflow") and
 * more shards than a suite needs; 64 MiB of zips in all: eight of the 8 MiB zips allowed singly.
 */
export const defaultMaxArtifacts = 64;
export const defaultMaxTotalZipBytes = 64 * 1024 * 1024;

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
 * The newest successful runs on the branch that left report artifacts, newest first, at most
 * `wanted`. Runs for pull requests from forks can carry any branch name, so only runs of this
 * repository's own code count.
 */
async function resolveRunsFromBranch(
  port: GitHubPort,
  branch: string,
  workflowFile: string | undefined,
  prefix: string,
  maxRuns: number,
  wanted: number,
  outOfTime: () => boolean = () => false,
): Promise<Resolved[]> {
  const repoFullName = `${port.owner}/${port.repo}`;
  const found: Resolved[] = [];
  if (workflowFile !== undefined) {
    const runs = await port.listWorkflowRuns({ branch, status: "success", workflowId: workflowFile, limit: maxRuns });
    for (const run of runs) {
      if (found.length >= wanted || outOfTime()) break;
      if (run.headBranch !== branch || run.headRepoFullName !== repoFullName) continue;
      const artifacts = (await port.listWorkflowRunArtifacts(run.id)).filter((a) => a.name.startsWith(prefix) && !a.expired);
      if (artifacts.length > 0) found.push({ runId: run.id, artifacts, problems: [] });
    }
  } else {
    // GitHub filters names exactly, which reaches far back for the plain name; the prefix scan
    // (newest pages only) finds matrix shards. The newest runs win either way.
    const exact = await port.listRepoArtifacts({ name: prefix, branch });
    const scanned = await port.listRepoArtifacts({ namePrefix: prefix, branch });
    const candidates = [...exact, ...scanned].sort(newestArtifactFirst);
    const runIds = [...new Set(candidates.filter(isOwnRepository).map((a) => a.workflowRun?.id ?? null))].filter((id): id is number => id !== null);
    for (const runId of runIds.slice(0, maxRuns)) {
      if (found.length >= wanted || outOfTime()) break;
      const run = await port.getWorkflowRun(runId);
      if (run.conclusion !== "success" || run.headRepoFullName !== repoFullName) continue;
      const artifacts = (await port.listWorkflowRunArtifacts(runId)).filter((a) => a.name.startsWith(prefix) && !a.expired);
      if (artifacts.length > 0) found.push({ runId, artifacts, problems: [] });
    }
  }
  return found;
}

function noBaselineProblem(branch: string, workflowFile: string | undefined, prefix: string): ArtifactProblem {
  const where = workflowFile === undefined ? `branch ${branch}` : `branch ${branch} (workflow ${workflowFile})`;
  return {
    artifact: null,
    file: null,
    message: `no unexpired artifact named ${prefix}* from a successful run on ${where}; run the workflow on ${branch} once to record a baseline`,
  };
}

interface DownloadAllowance {
  artifactsLeft: number;
  zipBytesLeft: number;
  readonly maxArtifacts: number;
  readonly maxTotalZipBytes: number;
}

interface ReadLimits {
  maxZipBytes: number;
  zip: { maxEntries: number; maxEntryBytes: number; maxTotalBytes: number };
}

function readLimitsOf(options: FetchReportsOptions): ReadLimits {
  const maxReportBytes = options.maxReportBytes ?? coreMaxReportBytes;
  return {
    maxZipBytes: options.maxZipBytes ?? 8 * 1024 * 1024,
    zip: { maxEntries: 1_000, maxEntryBytes: maxReportBytes, maxTotalBytes: options.maxUncompressedBytes ?? 128 * 1024 * 1024 },
  };
}

function allowanceOf(options: FetchReportsOptions): DownloadAllowance {
  const maxArtifacts = options.maxArtifacts ?? defaultMaxArtifacts;
  const maxTotalZipBytes = options.maxTotalZipBytes ?? defaultMaxTotalZipBytes;
  return { artifactsLeft: maxArtifacts, zipBytesLeft: maxTotalZipBytes, maxArtifacts, maxTotalZipBytes };
}

/** Downloads, unzips and validates the reports of one run's artifacts, within the call's allowance. */
async function readArtifacts(port: GitHubPort, resolved: Resolved, limits: ReadLimits, allowance: DownloadAllowance): Promise<{ reports: LocatedReport[]; problems: ArtifactProblem[] }> {
  const problems: ArtifactProblem[] = [];
  const reports: LocatedReport[] = [];
  for (const [index, artifact] of resolved.artifacts.entries()) {
    const name = sanitizeName(artifact.name);
    if (allowance.artifactsLeft <= 0) {
      const left = resolved.artifacts.length - index;
      problems.push({ artifact: null, file: null, message: `${left} more artifact${left === 1 ? "" : "s"} not read: at most ${allowance.maxArtifacts} are read per call` });
      break;
    }
    if (artifact.sizeBytes > limits.maxZipBytes) {
      problems.push({ artifact: name, file: null, message: `is ${artifact.sizeBytes} bytes, over the limit of ${limits.maxZipBytes}; refused without downloading it` });
      continue;
    }
    if (artifact.sizeBytes > allowance.zipBytesLeft) {
      problems.push({ artifact: name, file: null, message: `is ${artifact.sizeBytes} bytes, more than is left of the ${allowance.maxTotalZipBytes} bytes read per call; refused without downloading it` });
      continue;
    }
    allowance.artifactsLeft -= 1;
    let zip: Uint8Array;
    try {
      zip = await port.downloadArtifactZip(artifact.id, { maxBytes: Math.min(limits.maxZipBytes, allowance.zipBytesLeft) });
    } catch (error) {
      // One unreadable artifact must not hide the others; an auth or rate-limit failure stops everything.
      if (error instanceof GitHubError && (error.code === "too-large" || error.status === 404 || error.status === 410)) {
        problems.push({ artifact: name, file: null, message: error.message });
        continue;
      }
      throw error;
    }
    allowance.zipBytesLeft -= zip.byteLength;
    const { entries, problems: zipProblems } = readJsonEntries(zip, limits.zip);
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
  return { reports, problems };
}

/** Downloads the report artifacts, unzips them and validates every `.json` inside as a sci-gate report. */
export async function fetchReportsFromArtifacts(port: GitHubPort, source: ArtifactSource, options: FetchReportsOptions = {}): Promise<FetchedReports> {
  const prefix = options.namePrefix ?? defaultArtifactPrefix;
  let resolved: Resolved;
  if ("runId" in source) resolved = await resolveFromRun(port, source.runId, prefix);
  else {
    const [newest] = await resolveRunsFromBranch(port, source.branch, source.workflowFile, prefix, options.maxRunsToSearch ?? 10, 1);
    resolved = newest ?? { runId: null, artifacts: [], problems: [noBaselineProblem(source.branch, source.workflowFile, prefix)] };
  }
  const read = await readArtifacts(port, resolved, readLimitsOf(options), allowanceOf(options));
  return { reports: read.reports, problems: [...resolved.problems, ...read.problems], runId: resolved.runId };
}

export interface BranchHistoryOptions extends FetchReportsOptions {
  /** Successful runs whose reports make the history (default 10). */
  runs?: number;
  /**
   * Wall-clock time to spend at most (default: no limit). A trend chart is an extra: past this,
   * no further run is looked at, and the history is what was read so far.
   */
  timeLimitMs?: number;
  now?: () => number;
}

export interface FetchedHistory {
  /** One entry per run, newest first, each with the reports of its shards. */
  runs: { runId: number; reports: LocatedReport[] }[];
  problems: ArtifactProblem[];
}

/** Past reports of a branch for the trend chart: the newest `runs` successful runs that left report artifacts. */
export async function fetchBranchHistory(port: GitHubPort, source: { branch: string; workflowFile?: string }, options: BranchHistoryOptions = {}): Promise<FetchedHistory> {
  const prefix = options.namePrefix ?? defaultArtifactPrefix;
  const wanted = Math.max(0, options.runs ?? 10);
  if (wanted === 0) return { runs: [], problems: [] };
  const now = options.now ?? Date.now;
  const started = now();
  const outOfTime = () => options.timeLimitMs !== undefined && now() - started >= options.timeLimitMs;
  const resolved = await resolveRunsFromBranch(port, source.branch, source.workflowFile, prefix, Math.max(wanted, options.maxRunsToSearch ?? 3 * wanted), wanted, outOfTime);
  const limits = readLimitsOf(options);
  const allowance = allowanceOf(options);
  const runs: FetchedHistory["runs"] = [];
  const problems: ArtifactProblem[] = [];
  for (const run of resolved) {
    if (outOfTime()) {
      problems.push({ artifact: null, file: null, message: `stopped reading past reports after ${Math.round((options.timeLimitMs ?? 0) / 1000)} s; the trend shows ${runs.length} of up to ${wanted} runs` });
      break;
    }
    const read = await readArtifacts(port, run, limits, allowance);
    problems.push(...read.problems);
    if (run.runId !== null && read.reports.length > 0) runs.push({ runId: run.runId, reports: read.reports });
  }
  if (resolved.length === 0) problems.push(noBaselineProblem(source.branch, source.workflowFile, prefix));
  return { runs, problems };
}
