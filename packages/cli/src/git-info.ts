import { execFile } from "node:child_process";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

/** A git answer, or null when git is missing or the directory is not in a repository. */
async function askGit(cwd: string, args: readonly string[]): Promise<string | null> {
  try {
    const { stdout } = await execFileAsync("git", [...args], { cwd });
    const value = stdout.trim();
    return value === "" ? null : value;
  } catch {
    return null;
  }
}

export function findRepositoryRoot(dir: string): Promise<string | null> {
  return askGit(dir, ["rev-parse", "--show-toplevel"]);
}

/** The checked-out commit and branch, recorded in the report so a comparison can name them. */
export async function readHeadRevision(dir: string): Promise<{ sha: string | null; ref: string | null }> {
  const [sha, ref] = await Promise.all([askGit(dir, ["rev-parse", "HEAD"]), askGit(dir, ["rev-parse", "--abbrev-ref", "HEAD"])]);
  // A detached HEAD (the usual CI checkout) has no branch name.
  return { sha, ref: ref === "HEAD" ? null : ref };
}
