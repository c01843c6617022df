import type { GitHubPort } from "./port.js";
import { type IsOwnComment, isAuthoredBy } from "./sticky-comment.js";

/** The identity of the job's GITHUB_TOKEN, which may not ask GitHub who it is. */
export const githubActionsLogin = "github-actions[bot]";

export interface CommentAuthor {
  login: string;
  isOwn: IsOwnComment;
  /** How the login was found, for the log. */
  how: string;
}

/**
 * Whose comments are ours: the token's own account, so a personal access token or a GitHub
 * App's installation token updates its comment instead of posting a new one every run. When
 * GitHub does not say (the job's GITHUB_TOKEN) or cannot be asked, github-actions[bot].
 */
export async function findCommentAuthor(port: GitHubPort): Promise<CommentAuthor> {
  let identity: Awaited<ReturnType<GitHubPort["getTokenIdentity"]>>;
  try {
    identity = await port.getTokenIdentity();
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { login: githubActionsLogin, isOwn: isAuthoredBy(githubActionsLogin), how: `assumed ${githubActionsLogin}, the job token's identity (${why})` };
  }
  if (identity === null) return { login: githubActionsLogin, isOwn: isAuthoredBy(githubActionsLogin), how: `GitHub does not say whom the token belongs to: the job's GITHUB_TOKEN, ${githubActionsLogin}` };
  return { login: identity.login, isOwn: isAuthoredBy(identity.login), how: `the token belongs to ${identity.login}` };
}
