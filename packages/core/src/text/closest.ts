/**
 * Edit distance with adjacent transpositions (optimal string alignment), used to suggest the
 * key or code a user probably meant: "peu" is one slip away from "pue", not two.
 */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i, ...Array.from({ length: b.length }, (_, j) => (i === 0 ? j + 1 : 0))]);
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i]!;
    const up = rows[i - 1]!;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(up[j]! + 1, row[j - 1]! + 1, up[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      row[j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

function commonPrefixLength(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/**
 * The candidates closest to `input` (case-insensitive), best first. Only candidates within
 * roughly a third of the input's length count, so a wild guess gets no misleading suggestion.
 * Ties go to the candidate of the input's length (a slipped key, as "runz" → "runs", is likelier
 * than a dropped one), then to the longer shared prefix, then alphabetically.
 */
export function findClosest(input: string, candidates: readonly string[], max = 3): string[] {
  const needle = input.toLowerCase();
  const limit = Math.max(1, Math.ceil(needle.length / 3));
  return candidates
    .map((candidate) => {
      const lower = candidate.toLowerCase();
      return {
        candidate,
        distance: editDistance(needle, lower),
        lengthGap: Math.abs(lower.length - needle.length),
        prefix: commonPrefixLength(needle, lower),
      };
    })
    .filter(({ distance }) => distance <= limit)
    .sort((x, y) => x.distance - y.distance || x.lengthGap - y.lengthGap || y.prefix - x.prefix || x.candidate.localeCompare(y.candidate))
    .slice(0, max)
    .map(({ candidate }) => candidate);
}
