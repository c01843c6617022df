import { execFileSync } from "node:child_process";
import { mkdtemp, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readApprovalFromEvent } from "./accept-label.js";
import { readGitHubTimeBudget } from "./github-time-budget.js";
import { loadConfig } from "./measure.js";
import { readBaseConfigText } from "./read-base-config.js";
import { readEventFile } from "./read-event.js";
import { createSuiteEnv } from "./suite-env.js";

const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", args, { cwd, env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com" } })
    .toString()
    .trim();

describe("createSuiteEnv", () => {
  it("withholds tokens by name (the gh CLI's too) and by value, the runner's ACTIONS_* but its debug switches, and the file commands", () => {
    const env = {
      PATH: "/usr/bin",
      GITHUB_SHA: "abc",
      GITHUB_TOKEN: "ghs_x",
      GH_TOKEN: "t",
      "INPUT_GITHUB-TOKEN": "ghs_input0123",
      ACTIONS_RUNTIME_TOKEN: "r",
      ACTIONS_RESULTS_URL: "u",
      ACTIONS_STEP_DEBUG: "true",
      GITHUB_OUTPUT: "/o",
      MY_DEPLOY: "prefix-ghs_input0123",
      HF_TOKEN: "the workflow's own, passed on by design",
    };
    expect(createSuiteEnv(env, ["ghs_input0123"])).toEqual({ PATH: "/usr/bin", GITHUB_SHA: "abc", ACTIONS_STEP_DEBUG: "true", HF_TOKEN: "the workflow's own, passed on by design" });
  });
});

describe("readApprovalFromEvent", () => {
  const label = "sci-gate:accept";
  it("names the sender of the labeled event for the label, and nobody otherwise", () => {
    expect(readApprovalFromEvent({ names: [label], applied: { label, by: "ann" }, action: "labeled" }, label)).toEqual({ by: "ann", how: "the labeled event" });
    expect(readApprovalFromEvent({ names: ["bug"], applied: null, action: "opened" }, label)).toBeNull();
    const other = readApprovalFromEvent({ names: [label, "bug"], applied: { label: "bug", by: "ann" }, action: "labeled" }, label);
    expect(other).toMatchObject({ by: null });
    expect(other && "reason" in other ? other.reason : "").toContain('this "labeled" event does not say who applied it');
  });
});

describe("readGitHubTimeBudget", () => {
  it("defaults to five minutes, reads seconds, refuses anything else", () => {
    expect(readGitHubTimeBudget({})).toEqual({ ok: true, ms: 300_000 });
    expect(readGitHubTimeBudget({ SCI_GATE_GITHUB_TIME_BUDGET_S: "2.5" })).toEqual({ ok: true, ms: 2_500 });
    expect(readGitHubTimeBudget({ SCI_GATE_GITHUB_TIME_BUDGET_S: "0" })).toMatchObject({ ok: false });
    expect(readGitHubTimeBudget({ SCI_GATE_GITHUB_TIME_BUDGET_S: "-1" })).toMatchObject({ ok: false });
  });
});

describe("loadConfig", () => {
  it("refuses a config past 1 MiB by its size, before reading it", async () => {
    const dir = await mkdtemp(join(tmpdir(), "sci-gate-config-"));
    const path = join(dir, "sci-gate.yml");
    await writeFile(path, "");
    // A sparse 10 GiB file: reading it would take minutes and all the memory; its size says enough.
    await truncate(path, 10 * 1024 ** 3);
    await expect(loadConfig(path, "sci-gate.yml")).rejects.toThrow(`sci-gate.yml: expected a config of at most 1048576 bytes, got ${10 * 1024 ** 3}`);
  });
});

describe("readEventFile", () => {
  it("names the payload one way for every problem: <file> (event payload)[:line]", async () => {
    const dir = await mkdtemp(join(tmpdir(), "sci-gate-event-"));
    const truncated = join(dir, "event.json");
    await writeFile(truncated, '{\n  "action": "opened",\n  "number": ');
    await expect(readEventFile(truncated)).rejects.toThrow(new RegExp(`^${truncated.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")} \\(event payload\\):3: expected the JSON GitHub writes`));
    const latin1 = join(dir, "latin1.json");
    await writeFile(latin1, Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]));
    await expect(readEventFile(latin1)).rejects.toThrow(`${latin1} (event payload):1`);
  });
});

describe("readBaseConfigText", () => {
  it("reads the config at the base commit from git, tells an absent file from a commit it cannot have", async () => {
    const dir = await mkdtemp(join(tmpdir(), "sci-gate-base-config-"));
    git(dir, "init", "-q", "-b", "main");
    await writeFile(join(dir, "sci-gate.yml"), "version: 1 # base\n");
    git(dir, "add", ".");
    git(dir, "commit", "-q", "-m", "base");
    const withConfig = git(dir, "rev-parse", "HEAD");
    git(dir, "rm", "-q", "sci-gate.yml");
    git(dir, "commit", "-q", "-m", "no config");
    const withoutConfig = git(dir, "rev-parse", "HEAD");
    // The working tree's file (a pull request's) is not what is read.
    await writeFile(join(dir, "sci-gate.yml"), "version: 1 # head\n");
    expect(await readBaseConfigText({ workspace: dir, baseSha: withConfig, configPath: "sci-gate.yml" })).toEqual({ found: true, text: "version: 1 # base\n" });
    expect(await readBaseConfigText({ workspace: dir, baseSha: withoutConfig, configPath: "sci-gate.yml" })).toMatchObject({ found: false, reason: "absent" });
    const missing = await readBaseConfigText({ workspace: dir, baseSha: "d".repeat(40), configPath: "sci-gate.yml" });
    expect(missing).toMatchObject({ found: false, reason: "unreadable" });
    expect(await readBaseConfigText({ workspace: dir, baseSha: "--upload-pack=touch x", configPath: "sci-gate.yml" })).toMatchObject({ found: false, reason: "unreadable" });
  });
});
