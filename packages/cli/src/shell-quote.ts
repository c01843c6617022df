/** Quotes one argument for a POSIX shell, so a printed command can be pasted back as is. */
export function quoteShellArg(arg: string): string {
  if (arg !== "" && /^[\w@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replaceAll("'", `'"'"'`)}'`;
}

export function formatCommandLine(args: readonly string[]): string {
  return args.map(quoteShellArg).join(" ");
}
