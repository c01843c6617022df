/**
 * The hidden first line that lets the bot find and edit its own sticky comment. Several
 * sci-gate configs may comment on one pull request, so the id tells them apart. User text can
 * never contain `<` after escaping, so this line cannot be forged from a scenario name.
 */

const defaultCommentId = "default";

/** Keeps [A-Za-z0-9._-] (what config comment.id allows), at most 64 characters; "default" when nothing is left. */
export function sanitiseCommentId(id: string): string {
  const kept = id.replace(/[^A-Za-z0-9._-]/g, "").slice(0, 64);
  return kept === "" ? defaultCommentId : kept;
}

export function renderCommentMarker(id: string): string {
  return `<!-- sci-gate:comment:${sanitiseCommentId(id)} -->`;
}

/** Whether a comment body is the sticky comment with this id: the marker must be its first line. */
export function hasCommentMarker(body: string, id: string): boolean {
  const firstLine = body.split(/\r?\n/, 1)[0] ?? "";
  return firstLine.trim() === renderCommentMarker(id);
}
