/**
 * What the runner hands the action but the measured suite must not have: the suite may be a
 * fork's code. INPUT_* carries the github-token input (the job's token by default); a workflow
 * commonly puts a token in the step's env as GITHUB_TOKEN or GH_TOKEN (the names the gh CLI
 * reads; GH_ENTERPRISE_TOKEN and GITHUB_ENTERPRISE_TOKEN on GitHub Enterprise); the ACTIONS_*
 * runtime, cache, results and OIDC variables let a process write the job's caches and artifacts
 * or mint an identity token; the GITHUB_* file commands would let it set this step's outputs (a
 * forged `verdict`) or the environment of later steps. Any variable holding one of those tokens'
 * values goes too, whatever its name. Everything else (PATH, HOME, CI, GITHUB_SHA …) passes
 * through, and so does anything else the workflow put in the step's `env:`, by design.
 */
export const suiteSecretNames = ["GITHUB_TOKEN", "GH_TOKEN", "GH_ENTERPRISE_TOKEN", "GITHUB_ENTERPRISE_TOKEN"] as const;

const withheld = new RegExp(
  `^(INPUT_.*|ACTIONS_.*|${suiteSecretNames.join("|")}|GITHUB_OUTPUT|GITHUB_STATE|GITHUB_ENV|GITHUB_PATH|GITHUB_STEP_SUMMARY)$`,
);
/** Debug switches of the runner, not credentials: a suite may log more when they are set. */
const debugFlags = new Set(["ACTIONS_STEP_DEBUG", "ACTIONS_RUNNER_DEBUG"]);

/** The shortest secret value matched anywhere in another variable: shorter ones would match ordinary text. */
const minSecretLength = 8;

export function createSuiteEnv(env: Readonly<Record<string, string | undefined>>, secrets: readonly string[] = []): Record<string, string | undefined> {
  const values = secrets.filter((s) => s.length >= minSecretLength);
  return Object.fromEntries(
    Object.entries(env).filter(([name, value]) => {
      const upper = name.toUpperCase();
      if (withheld.test(upper) && !debugFlags.has(upper)) return false;
      return !(typeof value === "string" && values.some((secret) => value.includes(secret)));
    }),
  );
}
