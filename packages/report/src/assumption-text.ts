import type { Assumptions, EmbodiedItem } from "@sci-gate/core";
import { formatQuantity, formatShort, formatSignificant } from "./format-number.js";
import { formatMassG } from "./scale.js";

/**
 * How the assumptions behind SCI (I, PUE, M) are said, the same in the comment's details and
 * under `sci-gate run`'s table. Raw text: sources and names come from the report, so each
 * renderer escapes the result for its medium.
 */

const secondsPerYear = 365.25 * 24 * 3600;

/** Readable names of the grid datasets core resolves (packages/core/src/grid/resolve-intensity.ts). */
const datasetNames: Record<string, string> = {
  "ember-annual-average": "Ember annual average",
  "electricity-maps-yearly": "Electricity Maps yearly average",
};

/** "44.18 gCO2e/kWh": four significant figures, as the datasets publish them. */
export function formatIntensity(intensityGPerKwh: number): string {
  return `${formatShort(intensityGPerKwh, 4)} gCO2e/kWh`;
}

/** "Ember annual average via @tgwf/co2 0.19.0, FRA, latest available"; "configured: <description>" for an explicit figure. */
export function describeIntensitySource(source: Assumptions["intensitySource"]): string {
  if (source.dataset === "explicit") return `configured${source.description === null ? "" : `: ${source.description}`}`;
  if (source.dataset === "none") return "no grid intensity resolved";
  const parts = [datasetNames[source.dataset] ?? source.dataset];
  if (source.packageName !== null) parts[0] += ` via ${source.packageName}${source.packageVersion === null ? "" : ` ${source.packageVersion}`}`;
  if (source.zone !== null) parts.push(source.zone);
  if (source.year !== null) parts.push(typeof source.year === "number" ? String(source.year) : source.year);
  return parts.join(", ");
}

/**
 * "1.00, from pue in sci-gate.yml": the source is said after a comma rather than in parentheses,
 * because core's source texts carry their own ("pue in sci-gate.yml (base)").
 */
export function describePue(assumptions: Pick<Assumptions, "pue" | "pueSource">): string {
  // Three figures ("1.00", "1.10") unless that would round a published figure (CCF's AWS 1.135).
  const short = formatSignificant(assumptions.pue);
  const pue = Number(short) === assumptions.pue ? short : formatShort(assumptions.pue, 4);
  return `${pue}, from ${assumptions.pueSource}`;
}

/** "GitHub-hosted runner share: 1.20 t CO2e over 4 years, 4 of 128 reserved (source: Eco-CI …)". */
export function describeEmbodiedItem(item: EmbodiedItem): string {
  const years = formatShort(item.lifetimeS / secondsPerYear);
  const share = `${formatQuantity(item.resourcesReserved)} of ${formatQuantity(item.resourcesTotal)} reserved`;
  return `${item.name}: ${formatMassG(item.totalG)} CO2e over ${years} years, ${share} (source: ${item.source})`;
}

export function describeEmbodiedItems(items: readonly EmbodiedItem[]): string {
  return items.length === 0 ? "no embodied items configured" : items.map(describeEmbodiedItem).join("; ");
}
