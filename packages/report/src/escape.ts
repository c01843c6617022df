/**
 * Every string that reaches a comment from a config or a report (scenario names, units,
 * commands, warnings, machine models) passes through one of these functions. The threat is a
 * pull request that names a scenario so that the comment breaks its table, injects HTML, fakes
 * the sticky marker (and so hijacks which comment the bot edits), pings people or cross-links
 * issues. Numeric character references are used rather than backslashes because they work in
 * every place we put text (paragraphs, table cells, raw HTML blocks such as `<summary>` and
 * `<pre>`), and CommonMark never reads an entity as structure. Hex references keep `#` followed
 * by a digit out of the raw body, so a bare `#123` only ever comes from our own text.
 */

/** C0/C1 controls (including ESC, the start of terminal escape sequences) and bidi overrides. */
const invisibleControls = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const zeroWidthSpace = "\u200B";
const zeroWidthJoiner = "\u200D";

/** Default caps on user text, so one pathological warning cannot fill the 65,536-character budget. */
export const textLimits = { name: 64, unit: 32, short: 200, warning: 400, command: 2000 } as const;

const markdownEntities: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  "|": "&#x7C;",
  "`": "&#x60;",
  "*": "&#x2A;",
  "[": "&#x5B;",
  "]": "&#x5D;",
  "~": "&#x7E;",
  "\\": "&#x5C;",
  // GitHub renders $…$ as math.
  $: "&#x24;",
};

/** Cuts to at most `maxChars` code points, marking the cut with an ellipsis; never splits a surrogate pair. */
export function truncateText(text: string, maxChars: number): string {
  const points = Array.from(text);
  if (points.length <= maxChars) return text;
  return `${points.slice(0, Math.max(0, maxChars - 1)).join("")}…`;
}

/** Removes controls and folds every run of whitespace (newlines included) into one space. */
export function normaliseInlineText(text: string): string {
  return text.replace(invisibleControls, "").replace(/\s+/g, " ").trim();
}

/**
 * Stops GitHub from notifying users and teams, cross-linking issues, or auto-linking pasted
 * URLs (a link to another pull request puts a backlink there), without changing what a reader
 * sees: a zero-width character after `@`, before an issue number, and after a URL's scheme.
 */
function neutraliseReferences(text: string): string {
  return text
    .replace(/@/g, `@${zeroWidthSpace}`)
    .replace(/#(?=\d)/g, `#${zeroWidthSpace}`)
    .replace(/\bGH-(?=\d)/g, `GH-${zeroWidthSpace}`)
    .replace(/\b(https?|ftp):(?=\/\/)/gi, `$1:${zeroWidthJoiner}`)
    .replace(/\bwww\./gi, (match) => `${match.slice(0, 3)}${zeroWidthJoiner}.`);
}

function encodeMarkdownSpecials(text: string): string {
  return (
    text
      .replace(/[&<>|`*[\]~\\$]/g, (char) => markdownEntities[char] ?? char)
      // `_` between two letters or digits can never open emphasis (snake_case stays readable).
      .replace(/_/g, (_match, offset: number, whole: string) =>
        /[A-Za-z0-9]/.test(whole[offset - 1] ?? "") && /[A-Za-z0-9]/.test(whole[offset + 1] ?? "") ? "_" : "&#x5F;",
      )
  );
}

/**
 * Text for a table cell, inline in a paragraph, or inside `<summary>`: one line, no raw `<`,
 * `|` or markdown punctuation, no live mentions or issue references.
 */
export function escapeMarkdownCell(text: string, maxChars: number = textLimits.short): string {
  return neutraliseReferences(encodeMarkdownSpecials(truncateText(normaliseInlineText(text), maxChars)));
}

/**
 * Like escapeMarkdownCell, and also safe where the text could start a block (a list item's
 * first word, a line start): a leading `#`, `-`, `+`, `=` or `1.` would make a heading, list
 * or setext underline.
 */
export function escapeMarkdownText(text: string, maxChars: number = textLimits.warning): string {
  const cell = escapeMarkdownCell(text, maxChars);
  const ordered = /^(\d{1,9})([.)])/.exec(cell);
  if (ordered) return `${ordered[1]}${ordered[2] === "." ? "&#x2E;" : "&#x29;"}${cell.slice(ordered[0].length)}`;
  const leading: Record<string, string> = { "#": "&#x23;", "-": "&#x2D;", "+": "&#x2B;", "=": "&#x3D;" };
  const first = cell[0];
  return first !== undefined && leading[first] !== undefined ? `${leading[first]}${cell.slice(1)}` : cell;
}

/**
 * Text for a `<pre>` block (the reproduce command): newlines kept so multi-line commands read as
 * written, HTML-escaped so `</pre>` or a fake marker cannot escape the block. `@` and `#` are
 * encoded rather than broken with a zero-width space so a copied command still runs.
 */
export function escapePreformatted(text: string, maxChars: number = textLimits.command): string {
  const cleaned = truncateText(
    text
      .replace(/\r\n?/g, "\n")
      .replace(invisibleControls, "")
      .replace(/\n{2,}/g, "\n")
      .trim(),
    maxChars,
  );
  return cleaned.replace(/[&<>@#]/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", "@": "&#x40;", "#": "&#x23;" })[char] ?? char);
}

/**
 * A label inside a Mermaid block: its syntax has no escape that GitHub's renderer honours in
 * every position, so we keep a safe alphabet and drop the rest. Fences and quotes cannot form.
 */
export function sanitiseMermaidLabel(text: string, fallback: string, maxChars = 24): string {
  const kept = text
    .replace(/[^A-Za-z0-9 ._-]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  // Only ASCII is left, so slicing cannot split a character.
  return kept === "" ? fallback : kept.slice(0, maxChars).trim();
}

/** Text for a terminal: no escape sequences, no line breaks that would misalign the table. */
export function sanitisePlainText(text: string, maxChars: number = textLimits.warning): string {
  return truncateText(normaliseInlineText(text), maxChars);
}

/**
 * A link target we are willing to render: http(s) only (no `javascript:`), with every character
 * that could end the link or open HTML percent-encoded. Null when the URL is not usable.
 */
export function sanitiseUrl(url: string): string | null {
  const trimmed = url.trim();
  if (!/^https?:\/\/[^\s]+$/i.test(trimmed)) return null;
  return trimmed.replace(/[^A-Za-z0-9\-._~:/?#@!$&+,;=%]/gu, (char) =>
    Array.from(new TextEncoder().encode(char), (byte) => `%${byte.toString(16).toUpperCase().padStart(2, "0")}`).join(""),
  );
}
