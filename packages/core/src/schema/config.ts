import { z } from "zod";
import { findClosest } from "../text/closest.js";
import { intBetween, numberBetween, positiveNumber, text } from "./fields.js";
import { parseMassPerUnitG } from "./mass-per-unit.js";

/** Names travel into comments, file names and check runs: keep them to a safe alphabet. */
export const scenarioNamePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const scenarioName = z
  .string({ error: "expected a scenario name (letters, digits, '.', '_' or '-', up to 64 characters)" })
  .regex(scenarioNamePattern, {
    error: "expected a scenario name (letters, digits, '.', '_' or '-', starting with a letter or digit, up to 64 characters)",
  });

const unitName = z
  .string({ error: "expected a functional unit such as token, request or image" })
  .regex(/^[a-z][a-z0-9-]{0,31}$/, { error: "expected a functional unit in lower case, such as token, request or image" });

/** Where a location's grid intensity comes from: one of three forms, checked as one object so errors stay readable. */
export const locationSchema = z
  .strictObject(
    {
    country: z.string({ error: "expected an ISO 3166 country code (FR or FRA)" }).optional(),
    zone: z.string({ error: "expected an Electricity Maps zone id such as US-MIDA-PJM" }).optional(),
    year: intBetween(2000, 2100, "a year").optional(),
    intensityGPerKwh: numberBetween(0, 5000, "a grid intensity in gCO2e/kWh").optional(),
    source: text("where the intensity figure comes from", 500).optional(),
    },
    { error: 'expected a mapping such as { country: FR }, { zone: US-MIDA-PJM, year: 2024 } or { intensityGPerKwh: 56, source: "my utility 2025" }' },
  )
  .superRefine((location, ctx) => {
    const forms = [location.country, location.zone, location.intensityGPerKwh].filter((v) => v !== undefined).length;
    if (forms !== 1) {
      ctx.addIssue({
        code: "custom",
        message: "expected exactly one of country, zone or intensityGPerKwh",
      });
    }
    if (location.intensityGPerKwh !== undefined && location.source === undefined) {
      ctx.addIssue({ code: "custom", path: ["source"], message: "expected a source for the explicit intensity (e.g. \"my utility 2025\")" });
    }
    if (location.year !== undefined && location.zone === undefined) {
      ctx.addIssue({ code: "custom", path: ["year"], message: "a year goes with a zone (Electricity Maps yearly averages)" });
    }
  });

const unitsSourceSchema = z.discriminatedUnion(
  "from",
  [
    z.strictObject({ from: z.literal("output-file") }),
    z.strictObject({
      from: z.literal("json-file"),
      file: text("the path of the JSON file the suite writes", 4096),
      path: text("a dotted path inside that JSON (e.g. results.total_tokens)", 500),
    }),
    z.strictObject({
      from: z.literal("stdout-regex"),
      pattern: text("a regular expression with one capture group for the count", 500),
    }),
    z.strictObject({ from: z.literal("vllm"), file: text("the --save-result JSON file of vLLM's benchmark_serving.py", 4096) }),
    z.strictObject({ from: z.literal("llama-bench"), file: text("the JSON file of llama-bench -o json", 4096) }),
    z.strictObject({ from: z.literal("fixed"), count: positiveNumber("a count of units per run") }),
  ],
  { error: "expected units.from to be one of output-file, json-file, stdout-regex, vllm, llama-bench, fixed" },
);
export type UnitsSource = z.infer<typeof unitsSourceSchema>;

const volumeSchema = z.strictObject({
  units: positiveNumber("a production volume in units"),
  per: z.enum(["day", "week", "month", "year"], { error: "expected per to be day, week, month or year" }),
});

export const scenarioConfigSchema = z.strictObject({
  name: scenarioName,
  run: text("the shell command that runs the scenario"),
  cwd: text("a working directory, relative to the config file", 4096).optional(),
  env: z.record(z.string(), z.string({ error: "expected environment values as text" })).optional(),
  unit: unitName,
  units: unitsSourceSchema.default({ from: "output-file" }),
  warmup: intBetween(0, 100, "a number of warm-up runs").default(1),
  runs: intBetween(1, 1000, "a number of runs").default(10),
  timeout: numberBetween(1, 86_400, "a timeout in seconds").default(600),
  volume: volumeSchema.optional(),
});
export type ScenarioConfig = z.infer<typeof scenarioConfigSchema>;

const percentLevels = z
  .strictObject({
    warn: numberBetween(0, 1000, "a number of percent").optional(),
    fail: numberBetween(0, 1000, "a number of percent").optional(),
  })
  .refine((p) => p.warn === undefined || p.fail === undefined || p.warn <= p.fail, {
    error: "expected warn to be at most fail",
  });

const gramsPerUnit = z.union(
  [
    positiveNumber("grams CO2e per unit"),
    z.string().transform((value, ctx) => {
      const grams = parseMassPerUnitG(value);
      if (grams === null) {
        ctx.addIssue({ code: "custom", message: 'expected grams per unit, as a number or text like "0.4 mg per 1k tokens"' });
        return z.NEVER;
      }
      return grams;
    }),
  ],
  { error: 'expected grams per unit, as a number or text like "0.4 mg per 1k tokens"' },
);

export const budgetSchema = z.strictObject({
  scenario: z.union([z.literal("*"), scenarioName], { error: 'expected "*" or a scenario name' }).default("*"),
  maxIncreasePct: percentLevels.optional(),
  maxSciGPerUnit: z.strictObject({ warn: gramsPerUnit.optional(), fail: gramsPerUnit.optional() }).optional(),
  enforce: z.boolean({ error: "expected true or false" }).optional(),
});
export type BudgetConfig = z.infer<typeof budgetSchema>;

const embodiedSchema = z
  .strictObject({
    totalKg: positiveNumber("the total embodied carbon in kg CO2e"),
    lifetimeYears: numberBetween(0.1, 50, "an expected lifetime in years").default(4),
    resourcesReserved: positiveNumber("the resources reserved (e.g. vCPUs)").default(1),
    resourcesTotal: positiveNumber("the total resources (e.g. vCPUs of the host)").default(1),
    source: text("where the figure comes from", 500),
  })
  .superRefine((embodied, ctx) => {
    // RR/ToR above 1 would charge a run more than the whole machine (e.g. 64 of 4 is M × 16).
    if (embodied.resourcesReserved > embodied.resourcesTotal) {
      ctx.addIssue({
        code: "custom",
        path: ["resourcesReserved"],
        message: `expected resourcesReserved (${embodied.resourcesReserved}) to be at most resourcesTotal (${embodied.resourcesTotal}): a run cannot reserve more than the whole machine (are the two swapped?)`,
      });
    }
  });

/** The clouds with their own CCF CPU averages and PUE figures. */
export const cloudProviders = ["aws", "azure", "gcp"] as const;

export const hardwareSchema = z.strictObject({
  cpu: z
    .strictObject({
      model: text("a CPU model string", 200).optional(),
      vcpus: intBetween(1, 4096, "a number of vCPUs").optional(),
      tdpW: numberBetween(1, 2000, "a TDP in watts").optional(),
      threadsPerChip: intBetween(1, 4096, "the hardware threads of the whole chip (to share its TDP by vCPUs)").optional(),
      provider: z.enum(cloudProviders, { error: "expected provider to be aws, azure or gcp" }).optional(),
      powerModel: text("a power model name (see docs/METHODOLOGY.md)", 100).optional(),
    })
    .optional(),
  memory: z.strictObject({ gib: numberBetween(0.1, 65_536, "a memory size in GiB").optional() }).optional(),
  embodied: embodiedSchema.optional(),
  gpus: z
    .array(
      z.strictObject({
        model: text("a GPU model", 200),
        embodiedKg: positiveNumber("the board's embodied carbon in kg CO2e"),
        lifetimeYears: numberBetween(0.1, 50, "the board's expected lifetime in years").optional(),
        source: text("where the figure comes from", 500),
      }),
    )
    .optional(),
  idleBaseline: z.boolean({ error: "expected true or false" }).optional(),
});

export const compareSchema = z.strictObject({
  confidence: numberBetween(0.5, 0.999, "a confidence level").default(0.95),
  minPairs: intBetween(2, 1000, "a number of pairs").default(5),
  order: z.enum(["abba", "random"], { error: "expected order to be abba or random" }).default("abba"),
  seed: intBetween(0, 2 ** 31 - 1, "a seed").optional(),
  headline: scenarioName.optional(),
});

export const configSchema = z
  .strictObject({
    version: z.literal(1, { error: "expected version: 1" }),
    location: locationSchema.optional(),
    pue: numberBetween(1, 3, "a PUE").optional(),
    hardware: hardwareSchema.optional(),
    setup: text("a setup command run once per working tree").optional(),
    sampling: z.strictObject({ hz: numberBetween(0.1, 100, "a sampling rate in Hz").default(10) }).default({ hz: 10 }),
    scenarios: z
      .array(scenarioConfigSchema, { error: "expected a list of scenarios" })
      .min(1, { error: "expected at least one scenario" })
      .max(1000, { error: "expected at most 1000 scenarios" }),
    budgets: z.array(budgetSchema, { error: "expected a list of budgets" }).default([]),
    compare: compareSchema.default({ confidence: 0.95, minPairs: 5, order: "abba" }),
    comment: z.strictObject({ id: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, { error: "expected a comment id of letters, digits, '.', '_' or '-'" }).optional() }).optional(),
    github: z.strictObject({ acceptLabel: text("a label name", 50).default("sci-gate:accept") }).optional(),
  })
  .superRefine((config, ctx) => {
    const seen = new Map<string, number>();
    config.scenarios.forEach((scenario, index) => {
      const first = seen.get(scenario.name);
      if (first !== undefined) {
        ctx.addIssue({ code: "custom", path: ["scenarios", index, "name"], message: `duplicate scenario name "${scenario.name}" (also scenarios[${first}])` });
      } else seen.set(scenario.name, index);
    });
    const names = [...seen.keys()];
    config.budgets.forEach((budget, index) => {
      if (budget.scenario !== "*" && !seen.has(budget.scenario)) {
        ctx.addIssue({ code: "custom", path: ["budgets", index, "scenario"], message: describeUnknownScenario(budget.scenario, names) });
      }
    });
    if (config.compare.headline !== undefined && !seen.has(config.compare.headline)) {
      ctx.addIssue({ code: "custom", path: ["compare", "headline"], message: describeUnknownScenario(config.compare.headline, names) });
    }
  });

/** `no scenario named "caht" (did you mean "chat"?)`, or the names there are when none is close. */
function describeUnknownScenario(name: string, names: readonly string[]): string {
  const close = findClosest(name, names, 3);
  if (close.length > 0) return `no scenario named "${name}" (did you mean ${close.map((n) => `"${n}"`).join(" or ")}?)`;
  const shown = names.slice(0, 8).map((n) => `"${n}"`).join(", ");
  return `no scenario named "${name}" (scenarios: ${shown}${names.length > 8 ? ", …" : ""})`;
}

export type Config = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
