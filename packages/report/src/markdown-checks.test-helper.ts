/** Structural checks on rendered markdown, shared by the example tests and the property tests. */

/** Our own tags; anything else starting with `<` would be injected. */
export const knownTags = /<\/?(?:details|summary|sub|pre)>|<!-- sci-gate:comment:[A-Za-z0-9._-]+ -->/g;

export function findStrayAngleBrackets(body: string): string[] {
  const stripped = body.replace(knownTags, "");
  return [...stripped.matchAll(/<.{0,20}/g)].map((match) => match[0]);
}

export function countMarkers(body: string): number {
  return [...body.matchAll(/<!-- sci-gate:comment:/g)].length;
}

/** Consecutive lines starting with `|`, one array per table. */
export function findTables(body: string): string[][] {
  const tables: string[][] = [];
  let current: string[] = [];
  for (const line of body.split("\n")) {
    if (line.startsWith("|")) current.push(line);
    else if (current.length > 0) {
      tables.push(current);
      current = [];
    }
  }
  if (current.length > 0) tables.push(current);
  return tables;
}

/** Pipes not preceded by a backslash escape (we encode user pipes as entities, so every raw one is a cell border). */
export function countCellBorders(line: string): number {
  let count = 0;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === "\\") i++;
    else if (line[i] === "|") count++;
  }
  return count;
}

/** For each table, the distinct numbers of cell borders its rows have (one number when the table is sound). */
export function describeTableShapes(body: string): number[][] {
  return findTables(body).map((rows) => [...new Set(rows.map(countCellBorders))]);
}
