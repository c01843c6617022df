import { formatFixed, formatSignedPct, renderTable } from "./format.mjs";
import { judgeTarget } from "./measure-overhead.mjs";

const formatShare = (share) => (share === null || share === undefined ? "n/a" : `${(share * 100).toFixed(3)} %`);
const formatShareInterval = (s) => (s.lower === null ? `${formatShare(s.mean)} (one run: no interval)` : `${formatShare(s.mean)} (${formatShare(s.lower)} … ${formatShare(s.upper)})`);

/** One row per rate: the meter's CPU share of one core, mean and 95 % interval over the runs. */
export function renderShareTable(rows) {
  return renderTable(
    ["sampling", "runs", "mean window (s)", "mean meter CPU per run (ms)", "share of one core (mean, 95 % CI over runs)"],
    ["r", "r", "r", "r", "r"],
    rows.map((r) => [`${r.hz} Hz`, String(r.runs), formatFixed(r.meanWindowS, 2), formatFixed(r.meanMeterCpuS * 1000, 1), formatShareInterval(r.share)]),
  );
}

/**
 * The target's verdict in words. `row.share` is the share it is judged on and `basis` says what
 * that share is (the issue's target is the sampler's own CPU: its cost per sample × the rate).
 */
export function writeTargetVerdict(row, targetShare, basis = "the idle share at that rate") {
  const target = `under ${formatFixed(targetShare * 100, 1)} % of one core at ${row?.hz ?? 10} Hz`;
  if (!row) return `Target (${target}): **not judged** — no idle runs at that rate.`;
  const verdict = judgeTarget(row.share, targetShare);
  const measured = formatShareInterval(row.share);
  if (verdict === "met") return `Target (${target}), judged on ${basis}: **met** — ${measured}, the whole interval under the target.`;
  if (verdict === "not met") return `Target (${target}), judged on ${basis}: **not met** — ${measured}, the whole interval at or over the target.`;
  return `Target (${target}), judged on ${basis}: **not settled by these runs** — ${measured} reaches both sides of the target; more or longer idle runs would settle it.`;
}

/** The sampler's own share at `hz`: the fit's cost per sample (with its 95 % interval) × the rate. */
export function describeSamplerShare(fit, hz) {
  const half = fit.perSampleHalfWidthS;
  return {
    hz,
    share: { mean: fit.perSampleCpuS * hz, lower: half === null ? null : (fit.perSampleCpuS - half) * hz, upper: half === null ? null : (fit.perSampleCpuS + half) * hz },
  };
}

export function renderOverheadSection(overhead) {
  const wall = overhead.wall;
  const wallLine = wall.pct
    ? `Example's wall time through the meter at 10 Hz vs spawned directly (${wall.model ? `${wall.model.label} model \`${wall.model.args}\`, ` : ""}paired, ${wall.n} pairs, alternating order): **${formatSignedPct(wall.pct.estimate)}** (95 % CI ${formatSignedPct(wall.pct.lower)} … ${formatSignedPct(wall.pct.upper)}).`
    : "";
  if (!overhead.idle) {
    // A results file written before the idle measurement existed: its short-run shares cannot judge the target.
    return [`Meter CPU share not measured directly in this run: its results predate the idle measurement; the next run of this mode measures it.`, "", wallLine].join("\n");
  }
  const at = overhead.idle.rows.find((r) => r.hz === overhead.targetHz);
  const fit = overhead.idle.fit;
  const perSampleUs = fit.perSampleCpuS * 1e6;
  const fitInterval = fit.perSampleHalfWidthS === null ? "" : ` ± ${formatFixed(fit.perSampleHalfWidthS * 1e6, 0)} µs (95 %)`;
  return [
    `**Idle suite** (\`${overhead.idle.command}\` as the scenario: the meter samples a suite that uses no CPU, so its own CPU is what sampling costs). Meter CPU = \`report.meter.cpuS\` of a one-run \`sci-gate run\` (the built CLI, a fresh process each time, as a user runs it), over that run's window (\`durationS\`); the rates take turns run by run.`,
    "",
    renderShareTable(overhead.idle.rows),
    "",
    `A straight line through meter CPU against the nominal sample count (rate × window) splits it into ${formatFixed(perSampleUs, 0)} µs${fitInterval} per sample — the sampler's own CPU — and ${formatFixed(fit.perRunCpuS * 1000, 1)} ms per run, the meter's fixed cost of a fresh \`sci-gate run\` (its code's first, cold execution, machine detection, spawning the suite, the /proc scan at the end for processes left behind, writing the report); the fixed part is the same at every rate and shrinks with the run's length (${formatFixed((fit.perRunCpuS / 60) * 100, 2)} % of a core over a 60 s scenario).`,
    "",
    writeTargetVerdict(describeSamplerShare(fit, overhead.targetHz), overhead.targetShare, "the sampler's own CPU (its cost per sample × 10 Hz, from that fit)"),
    at ? `The meter as a whole, fixed cost included, used ${formatShareInterval(at.share)} of a core over these ${formatFixed(at.meanWindowS, 0)} s one-run invocations at ${at.hz} Hz.` : "",
    "",
    `**While the example runs** (examples/tiny-llm's own \`${overhead.example.model.label}\` scenario${overhead.example.model.args ? ` with \`${overhead.example.model.args}\`` : ""}, measured the same way). On runs this short the meter's fixed per-run cost (spawning the suite, scanning /proc at its end for processes it left behind, reading its units, computing energy) is a large part of the share; it shrinks as a run lengthens.`,
    "",
    renderShareTable(overhead.example.rows),
    "",
    wallLine,
  ].join("\n");
}

function describeColdStart(cold) {
  if (cold?.firstCommandMs === undefined) return "Cold start: not measured directly in this run (its results predate the direct measurement).";
  if (cold.firstCommandMedianMs === null) return `Cold start: not measured: ${cold.failures.join("; ")}.`;
  const samples = cold.firstCommandMs.map((ms) => ms.toFixed(0)).join(", ");
  return (
    `Cold start, measured directly: from spawning the bundle (\`INPUT_MODE=measure\`, a \`workflow_dispatch\` event, a one-scenario config whose command only touches a file: no setup, no warm-up) to that command running, median of ${cold.firstCommandMs.length}: **${cold.firstCommandMedianMs.toFixed(0)} ms** (${samples} ms). ` +
    "The meter takes its first /proc/stat sample immediately before it spawns the command, so this is the cold start to the first sample plus one spawn of `sh` and `touch`, read from the touched file's modification time (the file system's timestamp granularity, a few ms at most on Linux)." +
    (cold.exitMedianMs === null ? "" : ` The whole action with that one-run suite exited after ${cold.exitMedianMs.toFixed(0)} ms (median).`) +
    (cold.failures.length > 0 ? ` Failed starts: ${cold.failures.join("; ")}.` : "")
  );
}

/** Same-runner against artifact, as CI jobs: the real CLI runs, and what the artifact path adds instead. */
export function renderCiTime(ci) {
  if (!ci) return "Extra CI time of `baseline: same-runner`: not measured in this run (its results predate the measurement).";
  const of = (side) => `${formatFixed(side.medianS, 1)}`;
  const size = ci.reportBytes === null ? "" : ` — ${ci.reportBytes.toLocaleString("en")} bytes for this run's head-only report (${ci.scenario}, ${ci.runs} run${ci.runs === 1 ? "" : "s"}; a report grows with its scenarios × runs)`;
  return [
    renderTable(
      [`CI job (\`${ci.config}\`, scenario ${ci.scenario}, ${ci.runs} run${ci.runs === 1 ? "" : "s"} per revision, fresh checkout)`, `wall (s), median of ${ci.repeats}`, "counted runs inside it (s)"],
      ["l", "r", "r"],
      [
        ["`sci-gate run --base main~1` (same-runner: `git worktree add` of the base, its setup, both revisions' warm-ups, interleaved runs)", of(ci.sameRunner), formatFixed(ci.sameRunner.countedRunsS, 1)],
        ["`sci-gate run` (artifact: the head alone)", of(ci.headOnly), formatFixed(ci.headOnly.countedRunsS, 1)],
      ],
    ),
    "",
    `Measuring the base on the same runner adds **${formatFixed(ci.extraS, 1)} s** (${formatFixed(ci.ratio, 2)}× the head alone) here; the two commands took turns in a temporary git repository holding the example. ` +
      `The artifact path measures only the head and then downloads the base branch's latest report instead${size}; that download's time depends on the runner's network and GitHub's artifact service and is not measured here, and the base branch's own workflow must have measured and uploaded that report.`,
  ].join("\n");
}

export function renderActionSection(action) {
  const lines = [];
  if (action.bundle === null) {
    lines.push(`Cold start and bundle size: ${action.note}.`);
  } else {
    lines.push(
      `Bundle \`packages/action/dist/index.js\`: **${action.bundle.bytes.toLocaleString("en")} bytes** (dist/ in all: ${action.bundle.distBytes.toLocaleString("en")} bytes).`,
      "",
      describeColdStart(action.coldStart),
    );
  }
  lines.push("", renderCiTime(action.ciTime));
  return lines.join("\n");
}

/** Which figures the comparison bootstrapped, as the comparison reported it. */
function describeBootstrap(scale) {
  const b = scale.bootstrapped;
  if (!b) return "";
  const of = (n) => `${n.toLocaleString("en")} of ${scale.scenarios.toLocaleString("en")} scenarios`;
  return ` With ${scale.runsPerSide} pairs, ${b.resamples.toLocaleString("en")}-resample bootstrap intervals were computed for SCI per unit (the deciding figure) in ${of(b.sci)}, and for energy per unit in ${of(b.energyPerUnit)}.`;
}

export function renderScaleSection(scale) {
  const render = scale.render.ms !== undefined ? `${formatFixed(scale.render.ms, 0)} ms (${scale.render.chars.toLocaleString("en")} characters)` : `skipped: ${scale.render.skipped}`;
  return [
    renderTable(
      ["scenarios × runs per side", "compareReports (ms)", "per scenario (ms)", "heap used before → after (MiB)", "RSS before → peak (MiB)", "renderComment"],
      ["l", "r", "r", "r", "r", "l"],
      [
        [
          `${scale.scenarios.toLocaleString("en")} × ${scale.runsPerSide} (paired)`,
          formatFixed(scale.compareMs, 0),
          formatFixed(scale.compareMs / scale.scenarios, 2),
          `${formatFixed(scale.heapBeforeMiB, 1)} → ${formatFixed(scale.heapAfterMiB, 1)}`,
          `${formatFixed(scale.rssBeforeMiB, 0)} → ${formatFixed(scale.peakRssMiB, 0)}`,
          render,
        ],
      ],
    ),
    "",
    `Median of ${scale.repeats} fresh process${scale.repeats > 1 ? "es" : ""}. Peak RSS is the process's getrusage maximum (inputs included): compareReports is synchronous, so no in-process timer can sample during it.${describeBootstrap(scale)}`,
  ].join("\n");
}
