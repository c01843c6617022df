/**
 * Cuts a text to fit one of GitHub's size limits, ending it with a note that says so. The cut
 * falls on a line break when one is near, so a markdown table loses whole rows, and never inside
 * a surrogate pair. Lengths are UTF-16 units, which is never less than the characters GitHub counts.
 */
export function truncateText(text: string, maxChars: number, note: string): { text: string; truncated: boolean } {
  if (text.length <= maxChars) return { text, truncated: false };
  const suffix = `\n\n${note}`;
  let cut = Math.max(0, maxChars - suffix.length);
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  const lineBreak = text.lastIndexOf("\n", cut);
  // Only back up to a line break when it costs little of the allowance.
  if (lineBreak > 0 && cut - lineBreak < 2_000) cut = lineBreak;
  return { text: `${text.slice(0, cut)}${suffix}`.slice(0, maxChars), truncated: true };
}
