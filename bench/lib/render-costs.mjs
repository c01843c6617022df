import { formatFixed, formatSignedPct, renderTable } from "./format.mjs";

/** The share of one core the meter may use at the default 10 Hz (the target). */
export const overheadTargetShare = 0.005;

export function renderOverheadSection(overhead) {
  const table = renderTable(
    ["sampling", "runs", "measured window (s)", "meter CPU (ms)", "share of one core", "long-run share (per-sample cost × rate)"],
    ["r", "r", "r", "r", "r", "r"],
    overhead.sampler.rows.map((r) => [
      `${r.hz} Hz`,
      String(r.runs),
      formatFixed(r.windowS, 2),
      formatFixed(r.meterCpuS * 1000, 1),
      `${formatFixed(r.shareOfCore * 100, 2)} %`,
      `${formatFixed(r.longRunShare * 100, 3)} %`,
    ]),
  );
  const at10 = overhead.sampler.rows.find((r) => r.hz === 10);
  // The target is the sampler's: its per-sample cost at 10 Hz. The per-run cost (spawning, the
  // scan for stray daemons, reading the units file) is fixed and shrinks with the run's length.
  const met = at10 && at10.longRunShare < overheadTargetShare;
  const fixedMs = overhead.sampler.fixedCpuSPerRun * 1000;
  const wall = overhead.wall;
  return [
    table,
    "",
    `Fit over all runs: **${formatFixed(overhead.sampler.perSampleCpuS * 1e6, 0)} µs** of meter CPU per sample, plus ${formatFixed(overhead.sampler.fixedCpuSPerRun * 1000, 1)} ms per run (spawning, reading the units file, computing energy).`,
    at10
      ? `Target (the sampler under 0.5 % of one core at 10 Hz): **${met ? "met" : "not met"}** — the sampling itself costs ${formatFixed(at10.longRunShare * 100, 3)} % of a core at 10 Hz. With the fixed ${formatFixed(fixedMs, 1)} ms per run, the meter as a whole used ${formatFixed(at10.shareOfCore * 100, 2)} % over these ${formatFixed(at10.windowS, 2)} s runs; on a 60 s scenario that would be ${formatFixed((at10.longRunShare + fixedMs / 1000 / 60) * 100, 2)} %.`
      : "",
    wall.pct
      ? `Example's wall time through the meter at 10 Hz vs spawned directly (paired, ${wall.n} pairs, alternating order): **${formatSignedPct(wall.pct.estimate)}** (95 % CI ${formatSignedPct(wall.pct.lower)} … ${formatSignedPct(wall.pct.upper)}).`
      : "",
  ].join("\n");
}

export function renderActionSection(action) {
  const lines = [];
  if (action.bundle === null) {
    lines.push(`Cold start and bundle size: ${action.note}.`);
  } else {
    const cold = action.coldStart;
    lines.push(
      `Bundle \`packages/action/dist/index.js\`: **${action.bundle.bytes.toLocaleString("en")} bytes** (dist/ in all: ${action.bundle.distBytes.toLocaleString("en")} bytes).`,
      cold.medianMs === null
        ? `Cold start to first sample: not measured: ${cold.failures.join("; ")}.`
        : `Cold start of the bundle (\`INPUT_MODE=measure\`, a \`workflow_dispatch\` event, examples/tiny-llm/sci-gate.yml) to its first sample, median of ${cold.samplesMs.length}: **${cold.medianMs.toFixed(0)} ms** — the first progress line (\`${cold.firstLine}\`) came after ${cold.medianLineMs.toFixed(0)} ms, less the run time it states.`,
    );
  }
  lines.push(
    "",
    renderTable(
      ["model", "pairs", "same-runner: base + head interleaved (s)", "artifact: head only (s)", "ratio"],
      ["l", "r", "r", "r", "r"],
      action.baselines.map((b) => [b.model, String(b.runs), formatFixed(b.sameRunnerS, 1), formatFixed(b.artifactS, 1), `${formatFixed(b.ratio, 2)}×`]),
    ),
    "",
    "Both include one warm-up per revision measured; same-runner does not include checking out the base (a `git worktree add`). Measuring the base doubles the runs, so 2× is the expectation; the rest is the machine's load differing between the suites.",
  );
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
