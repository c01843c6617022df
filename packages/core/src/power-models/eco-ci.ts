import type { CurvePoint } from "./interpolate-linear.js";
import { interpolateLinear } from "./interpolate-linear.js";
import type { PowerModel } from "./power-model.js";
import { clampUtilisation } from "./power-model.js";

export const ECO_CI_MODEL_NAME = "eco-ci-github-epyc-7763";

/**
 * The curve describes the 4-vCPU share of a 64-core/128-thread AMD EPYC 7763 (280 W TDP), the
 * standard GitHub-hosted Linux runner for public repositories.
 * Source: Eco-CI (Green Coding Solutions, MIT), machine-power-data/github_EPYC_7763_4_CPU_shared.sh
 * (read 2026; same values in every version of the file we saw).
 */
export const ECO_CI_REFERENCE_VCPUS = 4;

/**
 * Watts of the 4-vCPU share by utilisation (0..1): Eco-CI's XGBoost SPECpower model
 * (Green Coding Solutions "cloud-energy") at 5% steps, full precision as published; it
 * includes the share of RAM and PSU losses. Flat from 95% (Eco-CI repeats the 95% value at
 * 100% and 105%).
 * Source: Eco-CI, machine-power-data/github_EPYC_7763_4_CPU_shared.sh (read 2026).
 *
 * Between the points we interpolate linearly. That is what Eco-CI itself does: its data file
 * holds these 5% points plus a linearly interpolated entry for every 0.01%, and it looks up
 * the utilisation rounded to 0.01%. Interpolating exactly differs from it by at most the
 * change over 0.01% (< 0.004 W), and avoids a step at every bucket edge.
 */
export const ECO_CI_EPYC_7763_CURVE: readonly CurvePoint[] = [
  [0, 1.7586170434951782],
  [0.05, 3.442734718322754],
  [0.1, 3.617241621017456],
  [0.15, 3.791748523712158],
  [0.2, 3.9246811866760254],
  [0.25, 4.057613849639893],
  [0.3, 4.236300706863403],
  [0.35, 4.414987564086914],
  [0.4, 4.658504247665405],
  [0.45, 4.9020209312438965],
  [0.5, 5.16406512260437],
  [0.55, 5.426109313964844],
  [0.6, 5.698791742324829],
  [0.65, 5.9714741706848145],
  [0.7, 6.288223028182983],
  [0.75, 6.604971885681152],
  [0.8, 6.969252347946167],
  [0.85, 7.333532810211182],
  [0.9, 7.756580591201782],
  [0.95, 8.179628372192383],
  [1, 8.179628372192383],
];

/**
 * Eco-CI's GitHub runner curve for a runner with `vcpus` vCPUs (4 by default).
 *
 * Other sizes (2 vCPU for private repositories, larger runners) are scaled by vcpus/4. This is
 * an approximation: the curve's idle floor and RAM/PSU share are not strictly proportional to
 * vCPUs, and larger runners may not be EPYC 7763 shares at all. The selector warns about it.
 */
export function createEcoCiGithubRunnerModel(vcpus: number = ECO_CI_REFERENCE_VCPUS): PowerModel {
  const scale = vcpus / ECO_CI_REFERENCE_VCPUS;
  return {
    name: ECO_CI_MODEL_NAME,
    version: "1",
    component: "cpu",
    source:
      "Eco-CI (Green Coding Solutions), machine-power-data/github_EPYC_7763_4_CPU_shared.sh: SPECpower XGBoost curve, 4-vCPU share of an AMD EPYC 7763; linear between 5% points",
    parameters: { vcpus, scale },
    powerW: (utilisation) => scale * interpolateLinear(ECO_CI_EPYC_7763_CURVE, clampUtilisation(utilisation)),
  };
}
