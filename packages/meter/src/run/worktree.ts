import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export class WorktreeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WorktreeError";
  }
}

async function git(cwd: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run("git", args, { cwd, maxBuffer: 16 * 1024 * 1024 });
    return stdout.trim();
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new WorktreeError(`git ${args.join(" ")} failed in ${cwd}: ${stderr || (error as Error).message}`);
  }
}

/**
 * Checks out `ref` in a temporary git worktree, so the base runs on the same machine next to the
 * head without touching the user's working tree. Fetches the ref when it is not present (a
 * shallow CI clone often lacks the PR's base).
 */
export async function prepareBaseWorktree(options: { repoDir: string; ref: string }): Promise<{ dir: string; sha: string; cleanup: () => Promise<void> }> {
  // A ref is passed to git as an argument; one starting with "-" would be read as an option
  // (`--upload-pack=…` runs a command), so it is refused rather than passed on.
  if (options.ref.startsWith("-")) throw new WorktreeError(`the base revision "${options.ref}" starts with "-": expected a branch, tag or commit`);
  const top = await git(options.repoDir, ["rev-parse", "--show-toplevel"]);
  let sha: string;
  try {
    sha = await git(top, ["rev-parse", "--verify", `${options.ref}^{commit}`]);
  } catch {
    await git(top, ["fetch", "--no-tags", "--depth=1", "origin", options.ref]).catch(() => {
      throw new WorktreeError(`the base revision "${options.ref}" is not in this clone and could not be fetched (fetch-depth: 0 in actions/checkout helps)`);
    });
    sha = await git(top, ["rev-parse", "--verify", "FETCH_HEAD^{commit}"]);
  }
  const parent = await mkdtemp(join(tmpdir(), "sci-gate-base-"));
  const dir = join(parent, "base");
  await git(top, ["worktree", "add", "--detach", dir, sha]);
  let cleaned = false;
  return {
    dir,
    sha,
    cleanup: async () => {
      if (cleaned) return;
      cleaned = true;
      await git(top, ["worktree", "remove", "--force", dir]).catch(() => undefined);
      await rm(parent, { recursive: true, force: true });
      await git(top, ["worktree", "prune"]).catch(() => undefined);
    },
  };
}
