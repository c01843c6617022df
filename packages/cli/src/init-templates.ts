/**
 * What `sci-gate init` writes. The config parses as is (a test holds it to that) and every
 * key carries a comment, because this file is how most users first learn the format.
 */

/** The action's repository; the workflow pins its major version. */
export const actionRepository = "sci-gate/sci-gate";

export const starterConfig = `# sci-gate: energy and carbon (GSF SCI, grams CO2e per functional unit) of an inference suite,
# compared between a pull request's head and its base. Full reference: npx sci-gate schema config
version: 1

# Grid intensity, location-based: an ISO country code (FR, USA), an Electricity Maps zone
# (zone: US-MIDA-PJM), or your own figure (intensityGPerKwh: 250, source: "my utility 2025").
# Without it the world average is used. GitHub-hosted runners mostly run in the US.
location: { country: US }

scenarios:
  - name: chat
    # Runs once per measured run, from the directory of this file (or cwd:). It reports the
    # functional units it produced by writing {"units": <count>} to the file named by
    # $SCI_GATE_OUTPUT; other ways: units: { from: stdout-regex, pattern: "tokens: (\\\\d+)" }.
    run: python bench.py --scenario chat
    unit: token
    warmup: 1     # unmeasured runs first, to fill caches
    runs: 10      # pairs of base and head runs; sci-gate calibrate suggests a number
    timeout: 600  # seconds per run

budgets:
  # Fails only when the whole 95 % interval of the change lies above the budget, so noise never fails.
  - scenario: "*"
    maxIncreasePct: { warn: 3, fail: 5 }

compare: { confidence: 0.95, minPairs: 5 }
`;

export const starterWorkflow = `# Measures the inference suite in sci-gate.yml on the pull request's base and head, comments
# the carbon diff on the pull request and fails the check when a budget is exceeded.
name: sci-gate

on:
  pull_request:

jobs:
  sci-gate:
    runs-on: ubuntu-latest
    permissions:
      contents: read        # check out the code
      pull-requests: write  # the sticky comment
      checks: write         # the check run with per-scenario annotations
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0    # the base revision must be in the clone
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      # Install here what the suite needs (Python, model weights …) before it is measured.
      - uses: ${actionRepository}@v1
        with:
          config: sci-gate.yml
          mode: full              # measure, compare, comment and gate (measure: report only, for fork PRs)
          baseline: same-runner   # the PR's base measured here, interleaved with the head (or artifact, none)
`;
