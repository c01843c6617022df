import { access } from "node:fs/promises";
import { resolve } from "node:path";
import { createInputError } from "../cli-error.js";
import type { CliContext } from "../context.js";
import { expectPositionals, parseCommandArgs } from "../parse-args.js";
import { starterConfig, starterWorkflow } from "../init-templates.js";
import { writeOutputFile } from "../write-output.js";

const options = { force: { type: "boolean" } } as const;

const files = [
  { path: "sci-gate.yml", content: starterConfig },
  { path: ".github/workflows/sci-gate.yml", content: starterWorkflow },
] as const;

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** sci-gate init [--force]: a starter config and workflow; never overwrites without --force. */
export async function runInitCommand(ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs("init", ctx.argv, options);
  expectPositionals("init", positionals, 0, 0, "no arguments");
  if (!values.force) {
    // Check both before writing either, so a refusal leaves the directory as it was.
    const present = [];
    for (const file of files) if (await exists(resolve(ctx.cwd, file.path))) present.push(file.path);
    if (present.length > 0) {
      throw createInputError(`${present.join(" and ")} already exist${present.length === 1 ? "s" : ""}; pass --force to overwrite`);
    }
  }
  for (const file of files) {
    await writeOutputFile(ctx.cwd, file.path, file.content);
    ctx.stdout.write(`wrote ${file.path}\n`);
  }
  ctx.stdout.write('Next: edit the scenarios in sci-gate.yml, then try "npx sci-gate run" and "npx sci-gate calibrate".\n');
  return 0;
}
