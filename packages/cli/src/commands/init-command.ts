import { access } from "node:fs/promises";
import { resolve } from "node:path";
import { createInputError } from "../cli-error.js";
import type { CliContext } from "../context.js";
import { forkCommentWorkflow, forkMeasureWorkflow, starterConfig, starterWorkflow } from "../init-templates.js";
import { expectPositionals, parseCommandArgs } from "../parse-args.js";
import { writeOutputFile } from "../write-output.js";

const options = { force: { type: "boolean" }, "fork-safe": { type: "boolean" } } as const;

interface InitFile {
  path: string;
  content: string;
}

/** What init writes: the config and the same-runner workflow, or the two-workflow fork pair. */
export function listInitFiles(forkSafe: boolean): InitFile[] {
  const config = { path: "sci-gate.yml", content: starterConfig };
  if (!forkSafe) return [config, { path: ".github/workflows/sci-gate.yml", content: starterWorkflow }];
  return [config, { path: ".github/workflows/sci-gate.yml", content: forkMeasureWorkflow }, { path: ".github/workflows/sci-gate-comment.yml", content: forkCommentWorkflow }];
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** "a", "a and b", "a, b and c". */
function listNames(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/** sci-gate init [--fork-safe] [--force]: a starter config and workflows; never overwrites without --force. */
export async function runInitCommand(ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs("init", ctx.argv, options);
  expectPositionals("init", positionals, 0, 0, "no arguments");
  const forkSafe = values["fork-safe"] === true;
  const files = listInitFiles(forkSafe);
  if (!values.force) {
    // Check every file before writing any, so a refusal leaves the directory as it was.
    const present = [];
    for (const file of files) if (await exists(resolve(ctx.cwd, file.path))) present.push(file.path);
    if (present.length > 0) {
      throw createInputError(`${listNames(present)} already exist${present.length === 1 ? "s" : ""}; pass --force to overwrite`);
    }
  }
  for (const file of files) {
    await writeOutputFile(ctx.cwd, file.path, file.content);
    ctx.stdout.write(`wrote ${file.path}\n`);
  }
  const paths = files.map((f) => f.path);
  ctx.stdout.write(`\nCommit all ${files.length}: git add ${paths.join(" ")} && git commit -m "Add sci-gate"\n`);
  if (forkSafe) {
    ctx.stdout.write(
      "GitHub runs .github/workflows/sci-gate-comment.yml (workflow_run) only from the default branch: fork pull requests get comments once it is merged there.\n",
    );
  }
  ctx.stdout.write('Next: edit the scenarios in sci-gate.yml, then try "npx sci-gate run" and "npx sci-gate calibrate".\n');
  return 0;
}
