import type { EmbodiedInputError } from "./embodied-input-error.js";

/**
 * The machine-level part of M: what was built, how long it lasts, and which share of it a run
 * reserves. Defaults (githubRunnerEmbodied, ccfServerEmbodiedG, gpuBoardEmbodied) produce one.
 */
export interface EmbodiedAssumption {
  /** TE: total embodied emissions of the hardware, grams CO2e. */
  readonly totalEmbodiedG: number;
  /** EL: expected lifetime of the hardware, seconds. */
  readonly lifetimeS: number;
  /** RR: resources reserved by the run (e.g. vCPUs). */
  readonly resourcesReserved: number;
  /** ToR: total resources of the hardware, in the same unit as RR. */
  readonly resourcesTotal: number;
  /** Where TE, EL and the share come from. */
  readonly source: string;
}

export interface EmbodiedInput {
  readonly totalEmbodiedG: number;
  readonly lifetimeS: number;
  /** TiR: time reserved, seconds (the run's duration). */
  readonly durationS: number;
  readonly resourcesReserved: number;
  readonly resourcesTotal: number;
  readonly source?: string | undefined;
}

export type EmbodiedResult =
  | {
      readonly ok: true;
      readonly embodiedG: number;
      /** Every input used, so a report can recompute the figure. */
      readonly inputs: {
        readonly totalEmbodiedG: number;
        readonly lifetimeS: number;
        readonly durationS: number;
        readonly resourcesReserved: number;
        readonly resourcesTotal: number;
      };
      readonly source: string;
    }
  | { readonly ok: false; readonly error: EmbodiedInputError };

export const SCI_EMBODIED_FORMULA = "M = TE × (TiR / EL) × (RR / ToR) (GSF SCI, ISO/IEC 21031:2024)";

/**
 * SCI's embodied emissions for one run: M = TE × (TiR/EL) × (RR/ToR) (Green Software
 * Foundation SCI specification, ISO/IEC 21031:2024). Linear in the duration by construction.
 */
export function computeEmbodiedG(input: EmbodiedInput): EmbodiedResult {
  const problem = findProblem(input);
  if (problem !== undefined) return { ok: false, error: problem };
  const { totalEmbodiedG, lifetimeS, durationS, resourcesReserved, resourcesTotal } = input;
  const embodiedG = totalEmbodiedG * (durationS / lifetimeS) * (resourcesReserved / resourcesTotal);
  return {
    ok: true,
    embodiedG,
    inputs: { totalEmbodiedG, lifetimeS, durationS, resourcesReserved, resourcesTotal },
    source: input.source === undefined ? SCI_EMBODIED_FORMULA : `${input.source}; ${SCI_EMBODIED_FORMULA}`,
  };
}

function findProblem(input: EmbodiedInput): EmbodiedInputError | undefined {
  const checks: readonly [field: keyof EmbodiedInput, ok: boolean, expected: string][] = [
    ["totalEmbodiedG", nonNegative(input.totalEmbodiedG), "grams CO2e, 0 or more"],
    ["lifetimeS", positive(input.lifetimeS), "seconds, more than 0 (4 years is 126,144,000 s)"],
    ["durationS", nonNegative(input.durationS), "seconds, 0 or more"],
    ["resourcesReserved", nonNegative(input.resourcesReserved), "a count, 0 or more (e.g. vCPUs reserved)"],
    ["resourcesTotal", positive(input.resourcesTotal), "a count, more than 0 (e.g. vCPUs of the whole server)"],
  ];
  for (const [field, ok, expected] of checks) {
    if (!ok) {
      return {
        code: "invalid-embodied-input",
        field,
        message: `${field} must be ${expected}; got ${String(input[field])}.`,
        suggestions: [],
      };
    }
  }
  if (input.resourcesReserved > input.resourcesTotal) {
    return {
      code: "invalid-embodied-input",
      field: "resourcesReserved",
      message: `resourcesReserved (${input.resourcesReserved}) exceeds resourcesTotal (${input.resourcesTotal}): a run cannot reserve more than the whole machine. Are the two swapped?`,
      suggestions: [],
    };
  }
  return undefined;
}

function nonNegative(value: number): boolean {
  return typeof value === "number" && Number.isFinite(value) && value >= 0;
}

function positive(value: number): boolean {
  return typeof value === "number" && Number.isFinite(value) && value > 0;
}
