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

/** The pull_request types every gate workflow runs on: new commits, and the accept label added or removed. */
const gateTrigger = `on:
  pull_request:
    # labeled/unlabeled: adding the sci-gate:accept label re-runs the gate, which is how an
    # accepted regression turns the check green.
    types: [opened, synchronize, reopened, labeled, unlabeled]
  # Merge queues: the merge group's commit is measured and gets the sci-gate check run.
  merge_group:`;

const setupSteps = `      - uses: actions/checkout@v4
        with:
          fetch-depth: 0    # the base revision must be in the clone
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      # Install here what the suite needs (Python, model weights …) before it is measured.`;

const uploadReport = (name: string) => `      # The report (raw energy of every run, every assumption) stays with the run.
      - uses: actions/upload-artifact@v4
        if: always() && steps.sci-gate.outputs.report-path != ''
        with:
          name: ${name}
          path: \${{ steps.sci-gate.outputs.report-path }}
          retention-days: 14`;

/** sci-gate init: one workflow for pull requests from branches of the repository itself. */
export const starterWorkflow = `# Measures the inference suite in sci-gate.yml on the pull request's base and head, comments
# the carbon diff on the pull request and fails the check when a budget is exceeded.
# For pull requests from forks (read-only token), use sci-gate init --fork-safe instead.
name: sci-gate

${gateTrigger}

permissions:
  contents: read

jobs:
  # Not called sci-gate: that is the name of the check run the action creates.
  carbon:
    runs-on: ubuntu-latest
    timeout-minutes: 60
    permissions:
      contents: read        # check out the code
      pull-requests: write  # the sticky comment
      checks: write         # the check run with per-scenario annotations
    steps:
${setupSteps}
      - id: sci-gate
        uses: ${actionRepository}@v1
        with:
          config: sci-gate.yml
          mode: full              # measure, compare, comment and gate
          baseline: same-runner   # the PR's base measured here, interleaved with the head (or artifact, none)
${uploadReport("sci-gate-report")}
`;

/** sci-gate init --fork-safe, 1 of 2: measures with the pull request's code and a read-only token. */
export const forkMeasureWorkflow = `# Step 1 of 2 (fork-safe): measures the pull request's base and head with a read-only token and
# uploads the report. It can write nothing: sci-gate-comment.yml comments afterwards.
name: sci-gate

${gateTrigger}

permissions:
  contents: read

jobs:
  measure:
    if: github.event_name == 'pull_request'
    runs-on: ubuntu-latest
    timeout-minutes: 60
    steps:
${setupSteps}
      - id: sci-gate
        uses: ${actionRepository}@v1
        with:
          config: sci-gate.yml
          mode: measure           # measure and write the report only
${uploadReport("sci-gate-report")}

  # A merge group's commit is the repository's own (trusted): measured in mode full, it gets the
  # sci-gate check run a merge queue waits for.
  merge-queue:
    if: github.event_name == 'merge_group'
    runs-on: ubuntu-latest
    timeout-minutes: 60
    permissions:
      contents: read
      checks: write         # the check run on the merge group's commit
      pull-requests: read   # the queued pull request's accept label
    steps:
${setupSteps}
      - uses: ${actionRepository}@v1
        with:
          config: sci-gate.yml
          mode: full
`;

/** sci-gate init --fork-safe, 2 of 2: comments from the report, in the base repository's context. */
export const forkCommentWorkflow = `# Step 2 of 2 (fork-safe): runs when "sci-gate" completes, with a write token, and never checks
# out or runs pull request code. It downloads the report (untrusted: validated, size-limited),
# checks with the API that the pull request's head is the measured commit, takes the budgets
# from sci-gate.yml at the pull request's base, then comments and creates the check run.
# GitHub runs workflow_run workflows from the default branch only: merge this file there first.
name: sci-gate comment

on:
  workflow_run:
    workflows: [sci-gate]
    types: [completed]

permissions:
  contents: read

jobs:
  comment:
    # Merge-group runs create their own check run (the merge-queue job of sci-gate.yml).
    if: github.event.workflow_run.event == 'pull_request'
    runs-on: ubuntu-latest
    timeout-minutes: 10
    permissions:
      contents: read        # sci-gate.yml at the base commit, through the contents API
      actions: read         # the measuring run's report artifacts
      pull-requests: write  # the sticky comment
      checks: write         # the check run
    steps:
      - uses: ${actionRepository}@v1
        with:
          config: sci-gate.yml
          mode: comment
`;
