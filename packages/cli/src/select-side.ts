import type { Report } from "@sci-gate/core";

type Revision = "base" | "head";

/** The revisions a report has runs of. */
export function listRevisions(report: Report): Revision[] {
  const revisions = new Set(report.scenarios.flatMap((s) => s.runs.map((run) => run.revision)));
  return (["base", "head"] as const).filter((revision) => revisions.has(revision));
}

/**
 * One report as one side of a two-report comparison. A report measured on its own holds only
 * "head" runs (the working tree it ran in), so as the base it is relabelled; a report holding
 * both keeps the side asked for. Pair numbers are dropped unless `keepPairs`: runs from two
 * sessions were not interleaved, so pairing them would claim a shared noise they do not share.
 */
export function selectSide(report: Report, side: Revision, keepPairs = false): Report {
  const other: Revision = side === "base" ? "head" : "base";
  const present = listRevisions(report);
  const from: Revision = present.includes(side) || present.length === 0 ? side : other;
  const revisionInfo = report.revisions[from] ?? report.revisions[side];
  const config = report.configs[from] ?? report.configs[side];
  return {
    ...report,
    revisions: revisionInfo === undefined ? {} : { [side]: revisionInfo },
    configs: config === undefined ? {} : { [side]: config },
    scenarios: report.scenarios.map((scenario) => ({
      ...scenario,
      runs: scenario.runs.filter((run) => run.revision === from).map((run) => ({ ...run, revision: side, pair: keepPairs ? run.pair : null })),
    })),
  };
}

/** Each scenario's pair ids on one side, sorted; null ids left out. */
function listPairIds(report: Report): Map<string, string> {
  return new Map(
    report.scenarios.map((scenario) => [
      scenario.name,
      scenario.runs
        .map((run) => run.pair)
        .filter((pair) => pair !== null)
        .sort((a, b) => a - b)
        .join(","),
    ]),
  );
}

/**
 * Whether two one-sided reports are the two halves of one interleaved session: created at the
 * same moment on the same machine, with the same pair ids in every scenario they share (and at
 * least one). Pair ids alone count 0, 1, 2 … in every session, so they cannot tell it by themselves.
 */
export function isSameSession(base: Report, head: Report): boolean {
  if (base.createdAt !== head.createdAt || base.machine.fingerprint !== head.machine.fingerprint) return false;
  const basePairs = listPairIds(base);
  const headPairs = listPairIds(head);
  let shared = 0;
  for (const [name, ids] of headPairs) {
    const other = basePairs.get(name);
    if (other === undefined) continue;
    if (ids !== other || ids === "") return false;
    shared++;
  }
  return shared > 0;
}

/**
 * The two sides of `compare BASE HEAD`: the base side of the first file and the head side of the
 * second, paired run by run only when the first holds base runs and the second head runs that
 * carry matching pair ids of one session (the same interleaved report given twice, or its
 * halves); otherwise unpaired.
 */
export function selectSides(baseReport: Report, headReport: Report): { base: Report; head: Report; paired: boolean } {
  const base = selectSide(baseReport, "base", true);
  const head = selectSide(headReport, "head", true);
  // A relabelled side (a report of one revision used as the base) was never half of a pair.
  const ownSides = listRevisions(baseReport).includes("base") && listRevisions(headReport).includes("head");
  const paired = ownSides && isSameSession(base, head);
  return paired ? { base, head, paired } : { base: selectSide(baseReport, "base"), head: selectSide(headReport, "head"), paired };
}
