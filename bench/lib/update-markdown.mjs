/**
 * BENCHMARKS.md keeps hand-written prose around generated sections; each mode owns the text
 * between its two markers, so a quick run never overwrites the figures of a full one.
 */
export const markersFor = (mode) => ({ start: `<!-- bench:${mode}:start -->`, end: `<!-- bench:${mode}:end -->` });

export function replaceGeneratedSection(document, mode, body) {
  const { start, end } = markersFor(mode);
  const block = `${start}\n${body.trim()}\n${end}`;
  const from = document.indexOf(start);
  const to = document.indexOf(end);
  if (from === -1 || to === -1 || to < from) return `${document.trimEnd()}\n\n${block}\n`;
  return document.slice(0, from) + block + document.slice(to + end.length);
}
