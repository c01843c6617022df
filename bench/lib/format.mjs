/** Number formatting for the tables: one place, so the unit test can pin the exact text. */

export const formatSignedPct = (value, digits = 1) => `${value >= 0 ? "+" : "-"}${Math.abs(value).toFixed(digits)} %`;
export const formatRate = (rate) => `${(rate * 100).toFixed(1)} %`;
export const formatFixed = (value, digits) => (value === null || value === undefined ? "n/a" : value.toFixed(digits));

/** A markdown table from a header row, an alignment per column ("l" or "r") and rows of cells. */
export function renderTable(header, align, rows) {
  const line = (cells) => `| ${cells.join(" | ")} |`;
  return [line(header), line(align.map((a) => (a === "r" ? "---:" : "---"))), ...rows.map(line)].join("\n");
}
