import { isNotFound, isOutcomeUnknown } from "./github-error.js";
import type { GitHubPort, IssueComment } from "./port.js";
import { truncateText } from "./truncate-text.js";

/** GitHub refuses issue comments longer than this. */
export const maxCommentChars = 65_536;

export type CommentMode = "always" | "on-change" | "never";

/** Says whether a comment was written by the identity sci-gate posts as. */
export type IsOwnComment = (comment: IssueComment) => boolean;

export interface StickyCommentInput {
  issueNumber: number;
  /** `<!-- sci-gate:comment:<id> -->`, the first line of our comment (see `commentMarker`). */
  marker: string;
  body: string;
  mode: CommentMode;
  verdictIsPass: boolean;
  /** Defaults to "authored by github-actions[bot]", the identity of a GITHUB_TOKEN (see findCommentAuthor). */
  isOwn?: IsOwnComment;
  /** Creations tried at most when each fails with an unknown outcome (default 3). */
  maxCreateAttempts?: number;
}

export interface StickyCommentResult {
  action: "created" | "updated" | "skipped";
  /** The comment's page, null when skipped. */
  url: string | null;
  commentId: number | null;
  /** Duplicates of ours removed (left by an earlier race between two jobs). */
  deleted: number;
  /** Why, in one line: for the log. */
  reason: string;
}

const markerPattern = /^<!-- sci-gate:comment:[A-Za-z0-9._-]{1,64} -->$/;

/** The hidden first line that identifies one sci-gate comment thread (one per config id). */
export function commentMarker(id = "default"): string {
  const marker = `<!-- sci-gate:comment:${id} -->`;
  if (!markerPattern.test(marker)) {
    throw new RangeError(`comment id ${JSON.stringify(id)}: expected 1 to 64 letters, digits, ".", "_" or "-"`);
  }
  return marker;
}

/** Comments by the given account; a login ending in `[bot]` must also be of type Bot, which a person cannot be. */
export function isAuthoredBy(login: string): IsOwnComment {
  const bot = login.endsWith("[bot]");
  return (comment) => comment.user !== null && comment.user.login === login && (!bot || comment.user.type === "Bot");
}

export const isGitHubActionsComment: IsOwnComment = isAuthoredBy("github-actions[bot]");

function firstLine(text: string): string {
  const end = text.indexOf("\n");
  return (end === -1 ? text : text.slice(0, end)).replace(/\r$/, "");
}

function newestFirst(a: IssueComment, b: IssueComment): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return b.id - a.id;
}

/** The body as posted: starting with the marker line and within GitHub's limit. */
export function prepareCommentBody(marker: string, body: string): string {
  const marked = firstLine(body) === marker ? body : `${marker}\n${body}`;
  return truncateText(
    marked,
    maxCommentChars,
    "_… truncated: the comment passed GitHub's 65,536-character limit; the full report is in the job summary and the report artifact._",
  ).text;
}

/**
 * Keeps exactly one sci-gate comment on the pull request: updates the newest of ours carrying
 * the marker, deletes our older duplicates, or creates one. Comments without the marker, or not
 * ours, are never touched, even when they quote the marker.
 */
export async function upsertStickyComment(port: GitHubPort, input: StickyCommentInput): Promise<StickyCommentResult> {
  if (!markerPattern.test(input.marker)) {
    throw new RangeError(`comment marker ${JSON.stringify(input.marker)}: expected "<!-- sci-gate:comment:<id> -->" (see commentMarker)`);
  }
  if (input.mode === "never") {
    return { action: "skipped", url: null, commentId: null, deleted: 0, reason: "comment mode is never" };
  }
  const isOwn = input.isOwn ?? isGitHubActionsComment;
  const body = prepareCommentBody(input.marker, input.body);
  const comments = await port.listIssueComments(input.issueNumber);
  const ours = comments.filter((c) => firstLine(c.body) === input.marker && isOwn(c)).sort(newestFirst);
  const [newest, ...duplicates] = ours;

  let deleted = 0;
  for (const duplicate of duplicates) {
    try {
      await port.deleteComment(duplicate.id);
      deleted += 1;
    } catch (error) {
      // Another job deleted it first: the goal (one comment) is met either way.
      if (!isNotFound(error)) throw error;
    }
  }

  if (newest !== undefined) {
    try {
      const updated = await port.updateComment(newest.id, body);
      return { action: "updated", url: updated.url, commentId: updated.id, deleted, reason: `updated comment ${newest.id}` };
    } catch (error) {
      if (!isNotFound(error)) throw error;
      const created = await createOnce(port, input, body, isOwn);
      return { ...created, deleted, reason: `comment ${newest.id} was deleted meanwhile; ${created.reason}` };
    }
  }
  if (input.mode === "on-change" && input.verdictIsPass) {
    return { action: "skipped", url: null, commentId: null, deleted, reason: "comment mode is on-change and the verdict is pass" };
  }
  const created = await createOnce(port, input, body, isOwn);
  return { ...created, deleted, reason: `no sci-gate comment yet; ${created.reason}` };
}

/**
 * Creates our comment exactly once. A create that fails with a 5xx, a reset connection or a
 * timeout may still have been stored by GitHub, so before trying again the comments are listed
 * afresh and one of ours that appeared is taken (and brought up to date) instead.
 */
async function createOnce(
  port: GitHubPort,
  input: StickyCommentInput,
  body: string,
  isOwn: IsOwnComment,
): Promise<Omit<StickyCommentResult, "deleted">> {
  const attempts = Math.max(1, input.maxCreateAttempts ?? 3);
  for (let attempt = 1; ; attempt++) {
    try {
      const created = await port.createComment(input.issueNumber, body);
      return { action: "created", url: created.url, commentId: created.id, reason: attempt === 1 ? "created one" : `created one on try ${attempt}` };
    } catch (error) {
      if (!isOutcomeUnknown(error) || attempt >= attempts) throw error;
    }
    const appeared = (await port.listIssueComments(input.issueNumber)).filter((c) => firstLine(c.body) === input.marker && isOwn(c)).sort(newestFirst)[0];
    if (appeared !== undefined) {
      const current = appeared.body === body ? appeared : await port.updateComment(appeared.id, body);
      return {
        action: "created",
        url: current.url,
        commentId: current.id,
        reason: `GitHub stored comment ${appeared.id} although the create failed; kept it rather than posting a duplicate`,
      };
    }
  }
}
