import { compareReports, createRng } from "../../packages/core/dist/index.js";
import { buildPairedReport } from "./build-report.mjs";
import { energyPerUnit } from "./log-ratios.mjs";

/**
 * n of the recorded pairs, drawn without replacement while there are enough (each sample is then
 * a set of distinct real runs, as a pull request would get), with replacement beyond. Drawing
 * with replacement from few pairs repeats pairs inside a sample, which shrinks its spread and
 * makes a t interval overconfident: a sample of one pair three times has no spread at all.
 */
export function drawSample(rng, pairs, n) {
  if (n > pairs.length) return Array.from({ length: n }, () => pairs[rng.nextInt(0, pairs.length - 1)]);
  const pool = [...pairs];
  // Partial Fisher–Yates: only the first n places are needed.
  for (let i = 0; i < n; i++) {
    const j = rng.nextInt(i, pool.length - 1);
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, n);
}

/**
 * How often `decide` fails a sample of n recorded pairs (see drawSample). The generator is
 * seeded, so a rate is reproducible, and two gates given the same seed see the same samples
 * (common random numbers: the difference between their rates is not resampling noise).
 */
export function resampleRate({ pairs, n, resamples, seed, decide }) {
  if (pairs.length === 0) throw new Error("no recorded pairs to resample");
  const rng = createRng(seed);
  const outcomes = {};
  let fails = 0;
  for (let r = 0; r < resamples; r++) {
    const outcome = decide(drawSample(rng, pairs, n));
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    if (outcome === "fail") fails++;
  }
  return { rate: fails / resamples, fails, trials: resamples, withReplacement: n > pairs.length, outcomes };
}

/** sci-gate's own verdict on a sample: build the paired report and run compareReports on it. */
export function createGateDecider(context) {
  return (sample) => {
    const report = buildPairedReport(sample, context);
    const result = compareReports({ base: report, head: report });
    if (!result.ok) throw new Error(`compareReports rejected a bench report: ${JSON.stringify(result.errors)}`);
    return result.value.scenarios[0].outcome;
  };
}

/**
 * github-action-benchmark's rule: fail when one head result exceeds one base result by more
 * than the threshold ratio. Its baseline is a stored earlier run, not the neighbour, so every
 * base run is set against every head run (all n² combinations, counted exactly, no sampling).
 */
export function computeFixedRatioRate(pairs, threshold) {
  let fails = 0;
  for (const b of pairs) {
    for (const h of pairs) {
      if (energyPerUnit(h.head) / energyPerUnit(b.base) > threshold) fails++;
    }
  }
  const trials = pairs.length * pairs.length;
  return { rate: fails / trials, fails, trials };
}
