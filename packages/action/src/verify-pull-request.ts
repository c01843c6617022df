import type { PullRequestInfo, WorkflowRunContext } from "@sci-gate/github";

/** What the downloaded report says it measured: the fork's own word. */
export interface ClaimedPullRequest {
  number: number;
  repo: string;
  headSha: string;
}

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const short = (sha: string) => sha.slice(0, 7);

/**
 * Why a comment job must not post for this report, or null when it may. The triggering run
 * (the workflow_run event, written by GitHub) is the one fact a fork cannot forge: the report's
 * pull request must be in this repository, its claimed head must be the commit that run
 * measured, GitHub's live pull request must still be at that commit and come from the
 * repository that run's code came from, and when GitHub linked pull requests to the run, the
 * report's must be among them.
 */
export function findRefusal(input: { claimed: ClaimedPullRequest; repository: string; run: WorkflowRunContext; live: PullRequestInfo }): string | null {
  const { claimed, run, live } = input;
  const pr = `pull request #${claimed.number}`;
  if (!sameName(claimed.repo, input.repository)) return `the report names ${pr} of ${claimed.repo}, but this is ${input.repository}`;
  if (claimed.headSha !== run.headSha) {
    return `the report claims ${pr} at ${short(claimed.headSha)}, but the run that triggered this one (${run.id}) measured ${short(run.headSha)}`;
  }
  if (run.pullRequestNumbers.length > 0 && !run.pullRequestNumbers.includes(claimed.number)) {
    return `the report claims ${pr}, but GitHub linked run ${run.id} to ${run.pullRequestNumbers.map((n) => `#${n}`).join(", ")}`;
  }
  if (live.headSha !== run.headSha) return `the report claims ${pr} at ${short(claimed.headSha)}, but its head is ${short(live.headSha)} (it moved on, or it is another pull request)`;
  if (run.headRepoFullName === null) return `the workflow_run event does not say which repository run ${run.id}'s code came from (workflow_run.head_repository.full_name)`;
  if (live.headRepoFullName === null) return `${pr}'s head repository was deleted, so it cannot be matched with run ${run.id}`;
  if (!sameName(live.headRepoFullName, run.headRepoFullName)) {
    return `${pr} comes from ${live.headRepoFullName}, but run ${run.id} ran code from ${run.headRepoFullName}`;
  }
  return null;
}
