/**
 * The last lines a failed command printed, for the message a user reads: a scenario's failure
 * shows its last stderr line; a failed setup shows more, from stdout when stderr is empty
 * (compilers such as tsc print their errors on stdout).
 */
export function describeOutputTail(stderrTail: string, stdoutTail: string, maxLines: number): string {
  const text = (stderrTail.trim() === "" ? stdoutTail : stderrTail).trim();
  if (text === "") return "";
  const lines = text.split("\n").slice(-maxLines);
  return lines.map((line) => (line.length > 200 ? `${line.slice(0, 200)}…` : line.trimEnd())).join("\n");
}
