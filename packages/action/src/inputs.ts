import { z } from "zod";

/** Every input of action.yml, parsed once, with the defaults action.yml documents. */
export const actionInputsSchema = z.strictObject({
  config: z.string().min(1).default("sci-gate.yml"),
  mode: z.enum(["full", "measure", "comment"], { error: "expected mode to be full, measure or comment" }).default("full"),
  baseline: z.enum(["same-runner", "artifact", "none"], { error: "expected baseline to be same-runner, artifact or none" }).default("same-runner"),
  runs: z
    .string()
    .regex(/^([1-9]\d{0,2})?$/, { error: "expected runs to be a whole number from 1 to 999" })
    .transform((v) => (v === "" ? null : Number(v))),
  shard: z
    .string()
    .regex(/^(\d+\/\d+)?$/, { error: 'expected shard as "i/n", e.g. 1/3' })
    .transform((v, ctx) => {
      if (v === "") return null;
      const [index, count] = v.split("/").map(Number) as [number, number];
      if (!(index >= 1 && index <= count)) {
        ctx.addIssue({ code: "custom", message: `expected shard i/n with 1 ≤ i ≤ n, got ${v}` });
        return z.NEVER;
      }
      return { index, count };
    }),
  githubToken: z.string(),
  comment: z.enum(["always", "on-change", "never"], { error: "expected comment to be always, on-change or never" }).default("always"),
  failOn: z.enum(["fail", "warn", "never"], { error: "expected fail-on to be fail, warn or never" }).default("fail"),
  commentId: z.string().regex(/^([A-Za-z0-9._-]{1,64})?$/, { error: "expected comment-id of letters, digits, '.', '_' or '-'" }),
})
  .superRefine((inputs, ctx) => {
    // Each shard sees a part of the suite: in mode full each would overwrite the one sticky
    // comment and post a check run judged on its part alone.
    if (inputs.shard !== null && inputs.mode === "full") {
      ctx.addIssue({
        code: "custom",
        path: ["shard"],
        message: `expected mode: measure with shard (got mode: full, where each shard would overwrite the comment and post a check run for its part alone); measure each shard with mode: measure, upload its report, and merge them with mode: comment in a workflow_run job`,
      });
    }
  });
export type ActionInputs = z.infer<typeof actionInputsSchema>;

/** action.yml input names, in the order the README's table lists them. */
export const inputNames = ["config", "mode", "baseline", "runs", "shard", "github-token", "comment", "fail-on", "comment-id"] as const;

/** Reads the inputs the way the runner passes them (INPUT_<NAME> variables) and validates them. */
export function readInputs(getInput: (name: string) => string): { ok: true; value: ActionInputs } | { ok: false; message: string } {
  const raw: Record<string, string | undefined> = {};
  // Empty means "not given": the defaults apply, except where empty is itself the default.
  const emptyIsValue = new Set(["runs", "shard", "githubToken", "commentId"]);
  for (const name of inputNames) {
    const key = name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    const value = getInput(name).trim();
    raw[key] = value === "" && !emptyIsValue.has(key) ? undefined : value;
  }
  const parsed = actionInputsSchema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0]!;
  const key = String(issue.path[0] ?? "");
  const input = key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  const got = issue.code === "custom" ? "" : `, got ${JSON.stringify(raw[key] ?? "")}`;
  return { ok: false, message: `input ${input}: ${issue.message}${got}` };
}

/** The runner's convention: INPUT_ + the name upper-cased with spaces as underscores (dashes kept). */
export function envInputReader(env: Record<string, string | undefined>): (name: string) => string {
  return (name) => env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] ?? "";
}
