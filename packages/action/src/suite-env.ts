/**
 * What the runner hands the action but the measured suite must not have: the suite may be a
 * fork's code. INPUT_* carries the github-token input (the job's token by default); the
 * ACTIONS_* runtime and OIDC variables let a process write the job's caches and artifacts or mint
 * an identity token; the GITHUB_* file commands would let it set this step's outputs (a forged
 * `verdict`) or the environment of later steps. Everything else (PATH, HOME, CI, GITHUB_SHA …)
 * passes through, and so does anything the workflow itself put in the step's `env:`.
 */
const withheld = /^(INPUT_.*|ACTIONS_RUNTIME_TOKEN|ACTIONS_RUNTIME_URL|ACTIONS_RESULTS_URL|ACTIONS_CACHE_URL|ACTIONS_ID_TOKEN_REQUEST_TOKEN|ACTIONS_ID_TOKEN_REQUEST_URL|GITHUB_OUTPUT|GITHUB_STATE|GITHUB_ENV|GITHUB_PATH|GITHUB_STEP_SUMMARY)$/;

export function createSuiteEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !withheld.test(name.toUpperCase())));
}
