/**
 * How much each mode measures. Quick mode keeps `npm run bench -- --quick` under 3 minutes on a
 * shared 2-core machine (fewer pairs and levels, no 10-pair samples); full mode records enough
 * pairs that samples of 10 distinct pairs drawn from them differ from one another. The +50 %
 * level sits beyond what a few pairs resolve on a noisy machine, so the table shows whether the
 * gate detects once a change clears the noise.
 *
 * budgetsPct: the example's fail budget (examples/tiny-llm/sci-gate.yml: 5 %) and a tight 2 %.
 * ratioThresholds: github-action-benchmark's default alert threshold (200 %) and the 105 % that
 * matches a 5 % budget. targetIncreasePct: the +10 % regression of issue 8's levels, for the
 * "pairs needed" line.
 *
 * Overhead: an idle suite (`sleep idleSeconds`) and the example's chat scenario, at each rate in
 * overheadHz, the rates taking turns run by run for idleRepeats / exampleRepeats rounds. The
 * idle window is long (10 s in full mode, 3 s in quick mode to stay under 3 minutes), so the
 * meter's fixed per-run cost (spawning, the end-of-run /proc scan for stray processes, computing energy) weighs less in its share
 * than on a short run; it stays in it, as every user's run pays it.
 * CI time: `sci-gate run --base` against `sci-gate run` on a copy of the example in a fresh git
 * repository, ciTimeRepeats times each (alternating which goes first), with ciTimeRuns counted runs
 * per revision (one in quick mode: the base's checkout, setup and warm-up are what it measures).
 */

/**
 * Decoding dominates this model's run (~0.7 s of CPU here): +50 % multiply-adds per token cost
 * about +40 % CPU, so an injected regression reaches the energy figure. Smaller settings are
 * start-up bound (node, weight initialisation) and hide the regression: measured, +50 % work
 * changed their CPU time by under 5 %.
 */
export const decodeModel = { label: "decode-bound", args: "--width 256 --layers 2 --heads 2 --prompt-tokens 32 --new-tokens 32" };
/** A run a third as long, mostly start-up: tells whether run length changes the noise. */
export const shortModel = { label: "short", args: "--width 128 --layers 2 --heads 2 --prompt-tokens 32 --new-tokens 16" };
/** The example's own chat scenario, unchanged (examples/tiny-llm/sci-gate.yml): the meter's overhead while it runs. */
export const exampleChatModel = { label: "chat", args: "" };

const plans = {
  quick: {
    mode: "quick",
    levels: [0, 10, 50],
    recordedPairs: 8,
    resampledPairs: [3, 5],
    resamples: 400,
    budgetsPct: [5, 2],
    ratioThresholds: [1.05, 2],
    targetIncreasePct: 10,
    noisePairs: { short: 8 },
    overheadHz: [1, 10, 50],
    idleSeconds: 3,
    idleRepeats: 3,
    exampleRepeats: 2,
    wallPairs: 6,
    actionStarts: 2,
    ciTimeRuns: 1,
    ciTimeRepeats: 1,
    scale: { scenarios: 1000, runsPerSide: 20, repeats: 1 },
  },
  full: {
    mode: "full",
    levels: [0, 2, 5, 10, 50],
    recordedPairs: 24,
    resampledPairs: [3, 5, 10],
    resamples: 2000,
    budgetsPct: [5, 2],
    ratioThresholds: [1.05, 2],
    targetIncreasePct: 10,
    noisePairs: { short: 24 },
    overheadHz: [1, 10, 50],
    idleSeconds: 10,
    idleRepeats: 6,
    exampleRepeats: 6,
    wallPairs: 16,
    actionStarts: 5,
    ciTimeRuns: 5,
    ciTimeRepeats: 2,
    scale: { scenarios: 1000, runsPerSide: 20, repeats: 3 },
  },
};

export function selectPlan(mode) {
  const plan = plans[mode];
  if (!plan) throw new Error(`unknown mode "${mode}"; expected quick or full`);
  return plan;
}
