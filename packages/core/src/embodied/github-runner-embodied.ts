import type { EmbodiedAssumption } from "./compute-embodied.js";
import { SERVER_LIFETIME_S } from "./expected-lifetime.js";

/**
 * Embodied emissions of the server behind a GitHub-hosted runner: an AMD EPYC 7763 server
 * with 448 GB of disk, 1,151.7 kgCO2e.
 * Source: Eco-CI scripts/vars.sh (read 2026), from Boavizta's Datavizta server-impact tool.
 */
export const GITHUB_RUNNER_SERVER_EMBODIED_G = 1_151_700;

/** Hardware threads of that server (64 cores × 2), the total the runner's vCPUs are a share of (Eco-CI). */
export const GITHUB_RUNNER_SERVER_VCPUS = 128;

/**
 * M's machine part for a GitHub-hosted runner with `vcpus` vCPUs: the server's TE shared by
 * vCPUs over its 128 threads, over 4 years (Eco-CI's figures). 4 vCPU → 35,990.625 g over the
 * lifetime; 2-vCPU (private repository) runners get 2/128 — an approximation, since their
 * memory and disk shares are not exactly half.
 */
export function githubRunnerEmbodied(vcpus: number): EmbodiedAssumption {
  return {
    totalEmbodiedG: GITHUB_RUNNER_SERVER_EMBODIED_G,
    lifetimeS: SERVER_LIFETIME_S,
    resourcesReserved: vcpus,
    resourcesTotal: GITHUB_RUNNER_SERVER_VCPUS,
    source: `Eco-CI GitHub runner: EPYC 7763 server 1,151.7 kgCO2e (Boavizta), ${vcpus}/128 vCPUs, 4 years`,
  };
}
