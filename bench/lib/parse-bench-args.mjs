/**
 * Command-line flags of `npm run bench`. Only one switch exists: `--quick` trades precision for
 * a run short enough to try locally (under 3 minutes on a 2-core machine).
 */
export function parseBenchArgs(argv) {
  let mode = "full";
  for (const arg of argv) {
    if (arg === "--quick") mode = "quick";
    else if (arg === "--full") mode = "full";
    else throw new Error(`unknown argument "${arg}"; expected --quick or --full`);
  }
  return { mode };
}
