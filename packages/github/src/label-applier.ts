import type { GitHubPort } from "./port.js";

export interface LabelApplier {
  login: string;
  appliedAt: string;
}

/**
 * Who applied the label to the pull request: the actor of the newest `labeled` event for it.
 * An accept label is an approval, so it must name a person the caller can check for write
 * access; null when the label is not (or no longer) applied, or its applier is unknown.
 */
export async function findLabelApplier(port: GitHubPort, input: { issueNumber: number; label: string }): Promise<LabelApplier | null> {
  const events = await port.listIssueEvents(input.issueNumber);
  let latest: { event: string; actor: string | null; createdAt: string; id: number } | null = null;
  for (const event of events) {
    if ((event.event !== "labeled" && event.event !== "unlabeled") || event.label !== input.label) continue;
    const newer = latest === null || event.createdAt > latest.createdAt || (event.createdAt === latest.createdAt && event.id > latest.id);
    if (newer) latest = event;
  }
  if (latest === null || latest.event !== "labeled" || latest.actor === null) return null;
  return { login: latest.actor, appliedAt: latest.createdAt };
}
