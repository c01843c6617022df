/**
 * The "Reproduce" command of the comment footer and the console, built one way for the CLI and
 * the action so the comment `sci-gate compare --format markdown` prints is the one the action posts.
 */

/** The file `sci-gate run` writes when no --out is given (packages/cli/src/write-output.ts). */
export const defaultReportFileName = "sci-gate-report.json";

export interface ReproduceContext {
  /**
   * The report the comparison read, as a user names it locally: one file holding base and head
   * runs, or [base, head] for two reports. Used when no baseSha is known. Default
   * "sci-gate-report.json", the name `sci-gate run` and the action's artifact use.
   */
  reportPath?: string | readonly [base: string, head: string];
  /** The sci-gate.yml whose rules decided; null or absent: the rules the report carries. */
  configPath?: string | null;
  /** The base commit. When known, the command re-measures base and head on the user's machine. */
  baseSha?: string | null;
}

/** Quotes one argument for a POSIX shell, so a copied command runs as printed. */
export function quoteShellArg(arg: string): string {
  if (arg !== "" && /^[\w@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replaceAll("'", `'"'"'`)}'`;
}

function formatCommand(args: readonly string[]): string {
  return ["npx", "sci-gate", ...args].map(quoteShellArg).join(" ");
}

/** A path that starts with "-" would be read as an option. */
function asPositional(path: string): string {
  return path.startsWith("-") ? `./${path}` : path;
}

/**
 * The one-line command that reproduces a comparison locally:
 * - with a base SHA, measure base and head interleaved on this machine, then compare:
 *   `npx sci-gate run --config sci-gate.yml --base f95f852 && npx sci-gate compare sci-gate-report.json`.
 *   run writes its default report file and records the base commit's config in it; compare then
 *   applies those base rules, as the action does, so no --config there (it would read the head's file);
 * - without one, compare the report(s) again, with the config the comparison used:
 *   `npx sci-gate compare sci-gate-report.json --config sci-gate.yml`.
 * Every argument is shell-quoted; the renderers escape the result for their medium.
 */
export function buildReproduceCommand(context: ReproduceContext = {}): string {
  const config = context.configPath ? ["--config", context.configPath] : [];
  const baseSha = context.baseSha?.trim();
  if (baseSha) return `${formatCommand(["run", ...config, "--base", baseSha])} && ${formatCommand(["compare", defaultReportFileName])}`;
  const given = context.reportPath ?? defaultReportFileName;
  const reports = typeof given === "string" ? [given] : [...given];
  return formatCommand(["compare", ...reports.map(asPositional), ...config]);
}
