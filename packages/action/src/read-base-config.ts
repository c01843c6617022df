import { execFile } from "node:child_process";
import { relative, resolve, sep } from "node:path";
import { promisify } from "node:util";
import { maxConfigBytes } from "@sci-gate/core";

const run = promisify(execFile);

/** What the checkout's git says of the config at a commit. */
export type BaseConfigText = { found: true; text: string } | { found: false; reason: "absent" | "unreadable"; detail: string };

const shaPattern = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

async function git(cwd: string, args: string[], maxBuffer = 1024 * 1024): Promise<string> {
  const { stdout } = await run("git", args, { cwd, maxBuffer, encoding: "utf8" });
  return stdout;
}

function gitProblem(error: unknown): string {
  const stderr = (error as { stderr?: unknown }).stderr;
  const text = typeof stderr === "string" && stderr.trim() !== "" ? stderr.trim() : error instanceof Error ? error.message : String(error);
  return text.split("\n")[0] ?? text;
}

/**
 * The config file as it is at the base commit, read from the checkout's own git objects (a sha
 * names its content, so a pull request cannot change what this reads). Fetches the commit when
 * a shallow clone lacks it. "absent": git shows the commit and the file is not in it;
 * "unreadable": the commit could not be had at all, so nothing can be said of its config.
 */
export async function readBaseConfigText(options: { workspace: string; baseSha: string; configPath: string }): Promise<BaseConfigText> {
  // Only a sha reaches git's argument list: nothing here can be read as an option.
  if (!shaPattern.test(options.baseSha)) return { found: false, reason: "unreadable", detail: `"${options.baseSha}" is not a commit sha` };
  let top: string;
  try {
    top = (await git(options.workspace, ["rev-parse", "--show-toplevel"])).trim();
  } catch (error) {
    return { found: false, reason: "unreadable", detail: `${options.workspace} is not a git checkout (${gitProblem(error)})` };
  }
  const inRepo = relative(top, resolve(options.workspace, options.configPath)).split(sep).join("/");
  if (inRepo === "" || inRepo.startsWith("../")) return { found: false, reason: "unreadable", detail: `${options.configPath} is outside the repository` };
  const commit = `${options.baseSha}^{commit}`;
  try {
    await git(top, ["cat-file", "-e", commit]);
  } catch {
    try {
      await git(top, ["fetch", "--no-tags", "--depth=1", "origin", options.baseSha]);
      await git(top, ["cat-file", "-e", commit]);
    } catch (error) {
      return { found: false, reason: "unreadable", detail: `the base commit ${options.baseSha.slice(0, 7)} is not in this clone and could not be fetched (${gitProblem(error)}); fetch-depth: 0 in actions/checkout helps` };
    }
  }
  const object = `${options.baseSha}:${inRepo}`;
  let size: number;
  try {
    size = Number((await git(top, ["cat-file", "-s", object])).trim());
  } catch {
    return { found: false, reason: "absent", detail: `the base commit ${options.baseSha.slice(0, 7)} has no ${inRepo}` };
  }
  if (!(size <= maxConfigBytes)) return { found: false, reason: "unreadable", detail: `${inRepo} at the base is ${size} bytes, over the limit of ${maxConfigBytes}` };
  try {
    return { found: true, text: await git(top, ["cat-file", "blob", object], maxConfigBytes + 1) };
  } catch (error) {
    return { found: false, reason: "unreadable", detail: `git could not read ${inRepo} at ${options.baseSha.slice(0, 7)} (${gitProblem(error)})` };
  }
}
