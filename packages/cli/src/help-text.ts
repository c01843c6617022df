/** Every user-facing usage text in one place, so wording stays consistent across commands. */

export const commandNames = ["run", "compare", "check", "calibrate", "merge", "schema", "init"] as const;
export type CommandName = (typeof commandNames)[number];

const synopses: Record<CommandName, string> = {
  run: "sci-gate run [--config F] [--out F] [--runs N] [--scenario NAME]... [--base REF] [--shard I/N]",
  compare: "sci-gate compare REPORT | BASE HEAD [--config F] [--format text|markdown|json] [--fail-on fail|warn|never] [--history F]...",
  check: "sci-gate check REPORT [--config F] [--format text|markdown|json] [--fail-on fail|warn|never]",
  calibrate: "sci-gate calibrate [--config F] [--runs N] [--target PCT] [--scenario NAME]... [--out F] [--format text|json]\n       sci-gate calibrate --report F [--config F] [--target PCT] [--format text|json]",
  merge: "sci-gate merge REPORT... [--out F]",
  schema: "sci-gate schema config|report|comparison",
  init: "sci-gate init [--fork-safe] [--force]",
};

const details: Record<CommandName, string> = {
  run: `Measures the suite in sci-gate.yml and writes a report (JSON, schema sci-gate/report@1).

Options:
  --config F        the config file (default: sci-gate.yml in the current directory)
  --out F           where to write the report (default: sci-gate-report.json); it is rewritten
                    after every run, so an interrupted suite keeps what it measured
  --runs N          counted runs per scenario, overriding each scenario's runs (1 to 1000)
  --scenario NAME   measure only this scenario; repeat for several
  --base REF        also measure REF (a branch, tag or commit) from a temporary git worktree,
                    base and head interleaved on this machine; the base's own sci-gate.yml at the
                    same path is used for its scenarios and rules (the head's when it has none)
  --shard I/N       measure only shard I of N (scenario k goes to shard (k mod N) + 1);
                    put the shards' reports together with sci-gate merge

Progress goes to stderr; the table of results to stdout. Ctrl-C stops the suite, writes the
runs finished so far (marked interrupted) and exits 3.`,
  compare: `Compares base and head and applies the budgets of the base's config.

  compare REPORT      one report holding both revisions (sci-gate run --base REF): runs are paired
  compare BASE HEAD   two reports: unpaired, unless they are the halves of one interleaved
                      session (same createdAt, machine and pair ids)

Options:
  --config F          take budgets and methodology from this config instead of the base report's
  --format FORMAT     text (default), markdown (the pull request comment, as the action posts it), or json: the Comparison object
                      as JSON — { schema: "sci-gate/comparison@1", outcome, counts, scenarios:
                      [{ name, unit, pairing, base, head, sci, energyPerUnit, decomposition,
                      verdicts, accepted, outcome, decidedBy, warnings }], assumptions, rulesFrom,
                      budgetChanges, headline, confidence, errors, warnings };
                      changes are intervals on ln(head/base) with their percent view, SCI in
                      grams CO2e per unit, energy in joules (type Comparison in @sci-gate/core)
  --fail-on LEVEL     fail (default): exit 1 on a failed budget; warn: also on a warning;
                      never: exit 0 whatever the budgets say (a failed suite still exits 3)
                      A failed or interrupted suite on either side makes the outcome error (exit 3).
  --history F         a past report (e.g. of a main-branch run); repeat for several: the markdown
                      shows each scenario's SCI per unit across them, oldest first, as a trend`,
  check: `Checks the absolute ceilings (budgets[].maxSciGPerUnit) on one report: its head revision, or the
only revision it holds. A ceiling fails only when the whole interval of the SCI lies above it.

Options:
  --config F          take the budgets from this config instead of the report's
  --format FORMAT     text (default), markdown or json (the Comparison object, as in compare)
  --fail-on LEVEL     fail (default), warn or never, as in compare`,
  calibrate: `Measures the noise of each scenario on one revision and suggests how many runs the gate needs:
the interval it will have with the configured pairs, the smallest increase it fails with 90 %
probability (from 2,000 seeded simulated comparisons of the gate's own rule; pairs below
compare.minPairs cannot fail), and the pairs needed to catch the target increase.

Options:
  --config F        the config file (default: sci-gate.yml)
  --runs N          runs per scenario for the measurement (default: each scenario's runs)
  --scenario NAME   calibrate only this scenario; repeat for several
  --target PCT      the increase to catch, in percent (default: each scenario's fail budget + 5)
  --out F           also write the measured report to F
  --report F        calibrate an existing report instead of measuring
  --format FORMAT   text (default) or json`,
  merge: `Merges the reports of matrix shards into one. Each scenario must come from exactly one shard;
shards may run on different machines (each scenario keeps its machine and assumptions), but
must measure the same commits with the same base config.

Options:
  --out F   where to write the merged report (default: sci-gate-report.json; - for stdout)`,
  schema: `Prints the JSON Schema of sci-gate.yml (config), of the report file (report), or of the
comparison that compare --format json prints (comparison).`,
  init: `Writes a starter sci-gate.yml and .github/workflows/sci-gate.yml (measure, compare, comment and
gate on one runner) in the current directory; with --fork-safe, .github/workflows/sci-gate.yml
(measure with a read-only token) and .github/workflows/sci-gate-comment.yml (comment on
workflow_run) instead.

Options:
  --fork-safe   the two-workflow pattern for pull requests from forks (docs/fork-pull-requests.md)
  --force       overwrite the files if they exist`,
};

export function describeUsage(command: CommandName): string {
  return `Usage: ${synopses[command]}\nRun "sci-gate ${command} --help" for details.`;
}

export function renderCommandHelp(command: CommandName): string {
  return `Usage: ${synopses[command]}\n\n${details[command]}\n`;
}

export function renderMainHelp(version: string): string {
  return `sci-gate ${version}: energy and carbon (GSF SCI per functional unit) of an inference suite,
compared between a pull request's head and its base, gated on budgets.

Usage: sci-gate <command> [options]

Commands:
  run         measure the suite and write a report
  compare     diff base and head and apply the budgets
  check       apply absolute ceilings to one report
  calibrate   measure noise and suggest runs
  merge       merge the reports of matrix shards
  schema      print the JSON Schema of the config, the report or the comparison
  init        write a starter sci-gate.yml and workflows

Options:
  --help, -h      help for sci-gate or a command (sci-gate <command> --help)
  --version, -v   the version

Exit codes: 0 pass (warnings allowed), 1 budget exceeded, 2 invalid input or usage,
3 the measured suite failed; when several apply, 2 > 3 > 1 > 0.
`;
}
