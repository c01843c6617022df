/**
 * How much each mode measures. Quick mode keeps the whole bench under 3 minutes on a shared
 * 2-core machine; full mode records enough pairs that samples of 10 pairs drawn from them
 * differ from one another. The +50 % level sits beyond what a few pairs can resolve on a noisy
 * machine, so the table shows the gate detecting once a change clears the noise.
 */

/** A model small enough that one decode run takes ~0.5 s here: many runs fit in minutes. */
export const smallModel = { label: "small", args: "--width 128 --layers 2 --heads 2 --prompt-tokens 32 --new-tokens 16" };
/** About twice the work per run: tells whether longer runs average the machine's noise away. */
export const largeModel = { label: "large", args: "--width 256 --layers 4 --heads 4 --prompt-tokens 32 --new-tokens 16" };

const plans = {
  quick: {
    mode: "quick",
    levels: [0, 2, 5, 10, 50],
    recordedPairs: 12,
    resampledPairs: [3, 5, 10],
    resamples: 400,
    budgetsPct: [5, 2],
    ratioThresholds: [1.05, 2],
    noisePairs: { small: 8, large: 5 },
    overheadHz: [1, 10, 50],
    overheadRunsPerHz: 3,
    wallPairs: 6,
    actionStarts: 3,
    scale: { scenarios: 1000, runsPerSide: 20, repeats: 1 },
  },
  full: {
    mode: "full",
    levels: [0, 2, 5, 10, 50],
    recordedPairs: 30,
    resampledPairs: [3, 5, 10],
    resamples: 2000,
    budgetsPct: [5, 2],
    ratioThresholds: [1.05, 2],
    noisePairs: { small: 16, large: 12 },
    overheadHz: [1, 10, 50],
    overheadRunsPerHz: 6,
    wallPairs: 16,
    actionStarts: 5,
    scale: { scenarios: 1000, runsPerSide: 20, repeats: 3 },
  },
};

export function selectPlan(mode) {
  const plan = plans[mode];
  if (!plan) throw new Error(`unknown mode "${mode}"; expected quick or full`);
  return plan;
}
