/** What the environment says about the GitHub Actions runner, for choosing a power model. */
export interface GithubRunnerDetection {
  /** GITHUB_ACTIONS is "true": running inside a GitHub Actions job (hosted or self-hosted). */
  readonly githubActions: boolean;
  /** RUNNER_ENVIRONMENT is "github-hosted": a VM GitHub provides, on Azure. */
  readonly githubHosted: boolean;
  /** RUNNER_OS: "Linux", "Windows" or "macOS". */
  readonly os: string | undefined;
  /** RUNNER_ARCH: "X86", "X64", "ARM" or "ARM64". */
  readonly arch: string | undefined;
  /**
   * vCPU counts a standard runner of this kind has, so a caller can check the CPU count it
   * reads (nproc, /proc/cpuinfo) and warn when it matches none. Empty when we know of none.
   */
  readonly standardVcpus: readonly number[];
  /** Human-readable notes for the report (what was detected and what it implies). */
  readonly hints: readonly string[];
}

/**
 * Detect a GitHub-hosted runner from an environment map (pass `process.env`; this function
 * reads nothing itself).
 *
 * RUNNER_ENVIRONMENT is a default variable of GitHub Actions ("github-hosted" or "self-hosted",
 * the same value as the `runner.environment` context; GitHub docs, "Variables reference", 2024).
 * Runners too old to set it are treated as not GitHub-hosted: an Eco-CI curve applied to a
 * self-hosted machine would be wrong, while CCF on a hosted one is only coarser.
 *
 * Standard Linux x64 runners: 4 vCPU (AMD EPYC 7763 share) for public repositories, 2 vCPU for
 * private ones (GitHub docs, "GitHub-hosted runners reference", read 2026). Which applies is not
 * in the environment, so both are returned and the caller counts CPUs.
 */
export function detectGithubHostedRunner(env: Readonly<Record<string, string | undefined>>): GithubRunnerDetection {
  const githubActions = env["GITHUB_ACTIONS"] === "true";
  const runnerEnvironment = env["RUNNER_ENVIRONMENT"];
  const githubHosted = runnerEnvironment === "github-hosted";
  const os = nonEmpty(env["RUNNER_OS"]);
  const arch = nonEmpty(env["RUNNER_ARCH"]);
  const hints: string[] = [];
  let standardVcpus: number[] = [];

  if (!githubActions && runnerEnvironment === undefined) {
    hints.push("Not running in GitHub Actions (GITHUB_ACTIONS is not \"true\").");
  } else if (githubHosted) {
    hints.push(`GitHub-hosted runner (RUNNER_ENVIRONMENT=github-hosted, ${os ?? "unknown OS"}/${arch ?? "unknown arch"}).`);
    if (os === "Linux" && arch === "X64") {
      standardVcpus = [4, 2];
      hints.push(
        "Standard Linux x64 runners have 4 vCPUs (public repositories) or 2 vCPUs (private repositories); count the CPUs to know which.",
      );
    }
  } else if (runnerEnvironment === "self-hosted") {
    hints.push("Self-hosted runner (RUNNER_ENVIRONMENT=self-hosted): hardware is whatever the owner provides.");
  } else {
    hints.push(
      `GitHub Actions without RUNNER_ENVIRONMENT=github-hosted (got ${runnerEnvironment === undefined ? "nothing" : `"${runnerEnvironment}"`}): treated as self-hosted.`,
    );
  }
  return { githubActions, githubHosted, os, arch, standardVcpus, hints };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}
