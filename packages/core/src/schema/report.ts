import { z } from "zod";
import { configSchema } from "./config.js";
import { nonNegativeNumber, text } from "./fields.js";

export const reportSchemaId = "sci-gate/report@1";

/**
 * A config allows 1000 runs per revision, so a scenario holds at most 2000; ten times that is
 * room to spare, and a report claiming more is broken or hostile (validating 100,000 runs costs
 * seconds of a CI job that only has to refuse them).
 */
export const maxRunsPerScenario = 20_000;
export const maxScenariosPerReport = 10_000;

/** "measured:<source>", "modelled:<model>" or "none": every figure says where it came from. */
export const sourceTagSchema = z
  .string({ error: 'expected a source tag ("measured:…", "modelled:…" or "none")' })
  .regex(/^(measured:[\w.@/+-]+|modelled:[\w.@/+-]+|none)$/, {
    error: 'expected a source tag ("measured:…", "modelled:…" or "none")',
  });
export type SourceTag = z.infer<typeof sourceTagSchema>;

const componentsJ = z.strictObject({
  cpu: nonNegativeNumber("CPU energy in joules"),
  gpu: nonNegativeNumber("GPU energy in joules"),
  memory: nonNegativeNumber("memory energy in joules"),
  total: nonNegativeNumber("total energy in joules"),
});
export type ComponentsJ = z.infer<typeof componentsJ>;

export const runSchema = z.strictObject({
  revision: z.enum(["base", "head"], { error: "expected revision base or head" }),
  index: z.number().int().min(0),
  order: z.number().int().min(0),
  pair: z.number().int().min(0).nullable(),
  durationS: nonNegativeNumber("a duration in seconds"),
  units: nonNegativeNumber("a count of functional units").nullable(),
  energyJ: componentsJ,
  activeEnergyJ: nonNegativeNumber("energy above idle in joules").nullable(),
  processEnergyJ: nonNegativeNumber("the process tree's share of energy in joules").nullable(),
  sources: z.strictObject({ cpu: sourceTagSchema, gpu: sourceTagSchema, memory: sourceTagSchema }),
  embodiedG: nonNegativeNumber("embodied carbon in grams"),
  cpuUtilisation: z.number().min(0).max(1).nullable(),
  processCpuS: nonNegativeNumber("CPU seconds of the process tree").nullable(),
  gpuEnergyJ: z.array(z.strictObject({ index: z.number().int().min(0), energyJ: nonNegativeNumber("GPU energy in joules") })).default([]),
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable(),
  timedOut: z.boolean(),
  partial: z.boolean(),
  warnings: z.array(z.string()),
});
export type RunMeasurement = z.infer<typeof runSchema>;

export const machineSchema = z.strictObject({
  cpuModel: z.string(),
  vcpus: z.number().int().min(1),
  memoryGiB: nonNegativeNumber("memory in GiB"),
  gpus: z.array(
    z.strictObject({
      index: z.number().int().min(0),
      model: z.string(),
      uuid: z.string().nullable(),
      driver: z.string().nullable(),
      powerLimitW: z.number().nullable(),
      memoryMiB: z.number().nullable(),
    }),
  ),
  os: z.string(),
  arch: z.string(),
  githubHosted: z.boolean(),
  /** A virtual machine (the CPU reports the hypervisor flag): it reserves a share of its host. */
  virtualised: z.boolean().default(false),
  fingerprint: z.string(),
});
export type Machine = z.infer<typeof machineSchema>;

export const embodiedItemSchema = z.strictObject({
  name: z.string(),
  totalG: nonNegativeNumber("total embodied carbon in grams"),
  lifetimeS: z.number().positive(),
  resourcesReserved: z.number().positive(),
  resourcesTotal: z.number().positive(),
  source: z.string(),
});
export type EmbodiedItem = z.infer<typeof embodiedItemSchema>;

export const assumptionsSchema = z.strictObject({
  intensityGPerKwh: nonNegativeNumber("grid intensity in gCO2e/kWh"),
  intensitySource: z.strictObject({
    dataset: z.string(),
    packageName: z.string().nullable(),
    packageVersion: z.string().nullable(),
    zone: z.string().nullable(),
    year: z.union([z.number().int(), z.literal("latest available")]).nullable(),
    description: z.string().nullable(),
  }),
  pue: z.number().min(1).max(3),
  pueSource: z.string(),
  embodied: z.array(embodiedItemSchema),
  powerModel: z.strictObject({ name: z.string(), version: z.string(), source: z.string() }).nullable(),
  memoryWPerGb: z.number().min(0),
  warnings: z.array(z.string()).default([]),
});
export type Assumptions = z.infer<typeof assumptionsSchema>;

const revisionInfo = z.strictObject({
  sha: z.string().nullable(),
  ref: z.string().nullable(),
  configHash: z.string().nullable(),
});

export const scenarioReportSchema = z.strictObject({
  name: text("a scenario name", 64),
  unit: text("a functional unit", 32),
  command: z.string().nullable(),
  machine: machineSchema.optional(),
  assumptions: assumptionsSchema.optional(),
  runs: z.array(runSchema).max(maxRunsPerScenario, { error: `expected at most ${maxRunsPerScenario} runs in a scenario` }),
  warnings: z.array(z.string()).default([]),
});
export type ScenarioReport = z.infer<typeof scenarioReportSchema>;

export const reportSchema = z.strictObject({
  schema: z.literal(reportSchemaId, { error: `expected schema "${reportSchemaId}"` }),
  tool: z.strictObject({ name: z.literal("sci-gate"), version: z.string() }),
  createdAt: z.string(),
  revisions: z.strictObject({ base: revisionInfo.optional(), head: revisionInfo.optional() }),
  machine: machineSchema,
  assumptions: assumptionsSchema,
  configs: z.strictObject({ base: configSchema.optional(), head: configSchema.optional() }),
  scenarios: z.array(scenarioReportSchema).max(maxScenariosPerReport, { error: `expected at most ${maxScenariosPerReport} scenarios` }),
  meter: z.strictObject({
    cpuS: nonNegativeNumber("the meter's own CPU seconds"),
    sampleHz: z.number().positive(),
    energyJ: nonNegativeNumber("the energy the measurement itself used").nullable(),
  }),
  pullRequest: z
    .strictObject({
      number: z.number().int().positive(),
      repo: z.string(),
      headSha: z.string(),
      baseSha: z.string().nullable(),
    })
    .optional(),
  status: z.strictObject({
    interrupted: z.boolean(),
    errors: z.array(z.string()),
  }),
});
export type Report = z.infer<typeof reportSchema>;
