/**
 * Plain-text tables for terminals and CI logs: columns padded to their widest cell, numbers
 * right-aligned so their digits line up. Width counts code points, which is right for the
 * characters our figures use (µ, →, …, −); callers keep emoji out of plain text.
 */
export type ColumnAlign = "left" | "right";

const widthOf = (text: string) => Array.from(text).length;

function pad(text: string, width: number, align: ColumnAlign): string {
  const fill = " ".repeat(Math.max(0, width - widthOf(text)));
  return align === "right" ? `${fill}${text}` : `${text}${fill}`;
}

/** Header, a dashed rule, then the rows; two spaces between columns, no trailing spaces. */
export function formatTextTable(header: readonly string[], rows: readonly (readonly string[])[], align: readonly ColumnAlign[] = []): string {
  const widths = header.map((cell, column) => Math.max(widthOf(cell), ...rows.map((row) => widthOf(row[column] ?? ""))));
  const line = (cells: readonly string[]) =>
    widths
      .map((width, column) => pad(cells[column] ?? "", width, align[column] ?? "left"))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)].join("\n");
}
