import { execFileSync } from "node:child_process";
import { cp, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const repoRoot = resolve(import.meta.dirname, "..", "..");

export const git = (cwd, ...args) =>
  execFileSync("git", args, {
    cwd,
    env: { ...process.env, GIT_AUTHOR_NAME: "sci-gate", GIT_AUTHOR_EMAIL: "sci-gate@example.invalid", GIT_COMMITTER_NAME: "sci-gate", GIT_COMMITTER_EMAIL: "sci-gate@example.invalid" },
  })
    .toString()
    .trim();

/**
 * A git repository holding just examples/tiny-llm, as a user's would: the tools installed in the
 * head checkout only (node_modules linked to this repository's), so a base worktree has none and
 * its setup must reuse the head's. A base commit, then `changeHead(exampleDir)` and a head commit.
 * Used by the bench (CI time of run --base) and by test/cli-example.test.ts.
 * @param {{ changeHead: (exampleDir: string) => Promise<void>, message?: string }} options
 */
export async function createExampleRepo({ changeHead, message = "head" }) {
  const dir = await mkdtemp(join(tmpdir(), "sci-gate-example-repo-"));
  const example = join(dir, "examples", "tiny-llm");
  await cp(join(repoRoot, "tsconfig.base.json"), join(dir, "tsconfig.base.json"));
  for (const file of ["package.json", "tsconfig.json", "tsconfig.build.json", "sci-gate.yml", "src"]) {
    await cp(join(repoRoot, "examples", "tiny-llm", file), join(example, file), { recursive: true });
  }
  await symlink(join(repoRoot, "node_modules"), join(dir, "node_modules"));
  await writeFile(join(dir, ".gitignore"), "node_modules\ndist\n");
  git(dir, "init", "-q", "-b", "main");
  git(dir, "add", ".");
  git(dir, "commit", "-q", "-m", "base");
  const baseSha = git(dir, "rev-parse", "HEAD");
  await changeHead(example);
  git(dir, "add", ".");
  git(dir, "commit", "-q", "-m", message);
  return { dir, example, baseSha, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
