/**
 * Command-line flags of `npm run bench`. `--quick` trades precision for a run short enough to
 * try locally (under 3 minutes on a 2-core machine). `--render-only` measures nothing: it
 * rewrites that mode's section of BENCHMARKS.md from bench/results/<mode>.json, for when the
 * wording of the tables changes but the figures must stay those of the recorded run.
 */
export function parseBenchArgs(argv) {
  let mode = "full";
  let renderOnly = false;
  for (const arg of argv) {
    if (arg === "--quick") mode = "quick";
    else if (arg === "--full") mode = "full";
    else if (arg === "--render-only") renderOnly = true;
    else throw new Error(`unknown argument "${arg}"; expected --quick, --full or --render-only`);
  }
  return { mode, renderOnly };
}
