import { z } from "zod";
import { assumptionsSchema, sourceTagSchema } from "../schema/report.js";
import { type Comparison, comparisonSchemaId, outcomes } from "./types.js";

/**
 * The JSON that `sci-gate compare --format json` prints and the action's results build on,
 * as a schema other tools can validate against. Mirrors the Comparison type (checked below).
 */
const outcomeSchema = z.enum(outcomes);
const logInterval = z.strictObject({ estimate: z.number(), lower: z.number(), upper: z.number(), confidence: z.number() });
const changeEstimate = z.strictObject({
  method: z.enum(["paired-t", "welch-t"]),
  n: z.number().int(),
  logRatio: logInterval.describe("interval on ln(head/base)"),
  pct: logInterval.describe("the same interval in percent: (e^x − 1) × 100"),
  sdLog: z.number().nullable(),
  robust: z.strictObject({ logRatio: logInterval, pct: logInterval, achievedConfidence: z.number() }).nullable(),
  bootstrap: logInterval.nullable(),
});
const componentsJ = z.strictObject({ cpu: z.number(), gpu: z.number(), memory: z.number(), total: z.number() });
const sideSummary = z.strictObject({
  runs: z.number().int(),
  okRuns: z.number().int(),
  failedRuns: z.number().int(),
  sciGPerUnit: z.number().describe("geometric mean of per-run SCI, grams CO2e per unit"),
  energyJPerUnit: z.number(),
  operationalGPerUnit: z.number(),
  embodiedGPerUnit: z.number(),
  unitsPerRun: z.number(),
  durationS: z.number(),
  energyJ: componentsJ,
  cv: z.number().nullable(),
  sources: z.strictObject({ cpu: sourceTagSchema, gpu: sourceTagSchema, memory: sourceTagSchema }),
  machineFingerprint: z.string(),
});
const budgetVerdict = z.strictObject({
  kind: z.enum(["relative", "absolute"]),
  budgetIndex: z.number().int().nullable(),
  warnAt: z.number().nullable(),
  failAt: z.number().nullable(),
  enforced: z.boolean(),
  outcome: outcomeSchema,
  reason: z.string(),
  pairsToResolve: z.number().int().nullable(),
});
const decomposition = z.strictObject({
  deltaSciGPerUnit: z.number(),
  deltaOperationalGPerUnit: z.number(),
  deltaEmbodiedGPerUnit: z.number(),
  energyPerUnitPct: z.number(),
  unitsPerRunPct: z.number(),
  durationPct: z.number(),
});
const scenarioDiff = z.strictObject({
  name: z.string(),
  unit: z.string(),
  pairing: z.enum(["paired", "unpaired", "single"]),
  base: sideSummary.nullable(),
  head: sideSummary.nullable(),
  sci: changeEstimate.nullable(),
  energyPerUnit: changeEstimate.nullable(),
  decomposition: decomposition.nullable(),
  verdicts: z.array(budgetVerdict),
  accepted: z
    .strictObject({ by: z.string().describe("GitHub login of who applied the label"), label: z.string(), outcomeBefore: outcomeSchema })
    .nullable()
    .describe("a regression over budget accepted with the accept label; null otherwise"),
  outcome: outcomeSchema,
  decidedBy: z.string(),
  warnings: z.array(z.string()),
});

export const comparisonSchema = z.strictObject({
  schema: z.literal(comparisonSchemaId).describe("the version of this JSON; a new one when a field changes meaning or goes"),
  outcome: outcomeSchema,
  counts: z.strictObject({ error: z.number().int(), fail: z.number().int(), warn: z.number().int(), inconclusive: z.number().int(), pass: z.number().int() }),
  scenarios: z.array(scenarioDiff),
  assumptions: assumptionsSchema,
  rulesFrom: z.enum(["base", "head"]),
  budgetChanges: z.array(z.string()),
  headline: z.string().nullable(),
  confidence: z.number(),
  errors: z.array(z.string()).describe("why the suite itself failed, on either side; non-empty makes the outcome error"),
  warnings: z.array(z.string()),
});

// Compile-time guard: the schema and the Comparison type describe the same shape.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesType: Same<z.output<typeof comparisonSchema>, Comparison> = true;
void schemaMatchesType;

export function generateComparisonJsonSchema(): Record<string, unknown> {
  return { title: "sci-gate comparison (compare --format json)", ...z.toJSONSchema(comparisonSchema, { io: "output", unrepresentable: "any" }) };
}
