export type CloudProvider = "aws" | "azure" | "gcp";

/**
 * Power usage effectiveness by cloud: facility energy over IT energy.
 * Source: Cloud Carbon Footprint (2021), PUE_AVG in AwsFootprintEstimationConstants.ts (1.135),
 * AzureFootprintEstimationConstants.ts (1.185) and GcpFootprintEstimationConstants.ts (1.1).
 */
export const CCF_PUE: Readonly<Record<CloudProvider, number>> = {
  aws: 1.135, // CCF 2021
  azure: 1.185, // CCF 2021
  gcp: 1.1, // CCF 2021
};

/**
 * PUE when nothing is configured for a self-hosted or local machine: 1.0, i.e. no facility
 * overhead counted, as CodeCarbon and Eco-CI do by default. An office or home has no
 * data-centre cooling to attribute; a self-hosted rack should configure its own PUE.
 */
export const LOCAL_PUE = 1.0;

export interface PueQuery {
  readonly provider?: CloudProvider | undefined;
  readonly githubHosted: boolean;
}

export interface PueDefault {
  readonly pue: number;
  readonly source: string;
  /** Why this default applies, for the report. */
  readonly reason: string;
}

/**
 * Default PUE: the named cloud's CCF figure; else Azure's for GitHub-hosted runners (they run
 * in Azure); else 1.0. A named provider wins over the runner kind, since the user knows it.
 */
export function defaultPue(query: PueQuery): PueDefault {
  if (query.provider !== undefined) {
    return {
      pue: CCF_PUE[query.provider],
      source: "Cloud Carbon Footprint (2021) PUE_AVG",
      reason: `cloud provider ${query.provider.toUpperCase()} configured`,
    };
  }
  if (query.githubHosted) {
    return {
      pue: CCF_PUE.azure,
      source: "Cloud Carbon Footprint (2021) PUE_AVG for Azure",
      reason: "GitHub-hosted runners run in Azure data centres",
    };
  }
  return {
    pue: LOCAL_PUE,
    source: "sci-gate default for self-hosted and local machines (as CodeCarbon and Eco-CI)",
    reason: "self-hosted or local machine with no PUE configured",
  };
}
