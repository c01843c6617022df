import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./cli.js";

const packageRoot = fileURLToPath(new URL("..", import.meta.url));
const benchFile = join(packageRoot, "dist", "bench.js");
// A model small enough that a child process finishes in well under a second.
const TINY = ["--width", "16", "--layers", "1", "--heads", "2", "--vocab", "32", "--prompt-tokens", "4", "--new-tokens", "3"];

/** dist/ is rebuilt only when a source file is newer than it, so a warm run costs nothing. */
function buildIfStale(): void {
  const sources = readdirSync(join(packageRoot, "src")).filter((name) => name.endsWith(".ts") && !name.endsWith(".test.ts"));
  const newestSource = Math.max(...sources.map((name) => statSync(join(packageRoot, "src", name)).mtimeMs));
  let builtAt = 0;
  try {
    builtAt = statSync(benchFile).mtimeMs;
  } catch {
    // Not built yet.
  }
  if (builtAt >= newestSource) return;
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", join(packageRoot, "tsconfig.build.json")], { stdio: "pipe" });
}

function runBenchProcess(args: string[], env: Record<string, string> = {}) {
  const childEnv: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    // The child must see only the variables a test sets, not a developer's own overrides.
    if (value !== undefined && !key.startsWith("TINY_LLM_") && key !== "SCI_GATE_OUTPUT") childEnv[key] = value;
  }
  return spawnSync(process.execPath, [benchFile, ...args], { env: { ...childEnv, ...env }, encoding: "utf8" });
}

let workDir = "";

beforeAll(() => {
  buildIfStale();
  workDir = mkdtempSync(join(tmpdir(), "tiny-llm-cli-"));
}, 60_000);

afterAll(() => {
  if (workDir !== "") rmSync(workDir, { recursive: true, force: true });
});

describe("node dist/bench.js", () => {
  it("writes the SCI_GATE_OUTPUT file and a one-line JSON summary", () => {
    const outputFile = join(workDir, "units.json");
    const result = runBenchProcess([...TINY, "--batch", "2"], { SCI_GATE_OUTPUT: outputFile });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);

    const output = JSON.parse(readFileSync(outputFile, "utf8"));
    expect(Object.keys(output).sort()).toEqual(["checksum", "durationS", "multiplyAdds", "scenario", "unit", "units"]);
    expect(output).toMatchObject({ units: 6, unit: "token", scenario: "chat" });
    expect(output.multiplyAdds).toBeGreaterThan(0);
    expect(output.durationS).toBeGreaterThan(0);
    expect(output.checksum).toMatch(/^[0-9a-f]{8}$/);

    const lines = result.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const summary = JSON.parse(lines[0]!);
    expect(summary.tokens).toBe(6);
    expect(summary.tokensPerSecond).toBeGreaterThan(0);
    expect(summary.checksum).toBe(output.checksum);
  });

  it("takes switches from TINY_LLM_* variables: KV cache off, same tokens, more work", () => {
    const cached = JSON.parse(runBenchProcess(TINY).stdout);
    const recomputed = JSON.parse(runBenchProcess(TINY, { TINY_LLM_KV_CACHE: "off" }).stdout);
    expect(recomputed.settings.kvCache).toBe(false);
    expect(recomputed.checksum).toBe(cached.checksum);
    expect(recomputed.multiplyAdds).toBeGreaterThan(cached.multiplyAdds);
  });

  it("exits 2 on a bad flag, naming it and what was expected, without a stack trace", () => {
    const result = runBenchProcess(["--batch", "lots"]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe('tiny-llm: --batch is "lots"; expected sequences decoded together, an integer from 1 to 1024\n');
  });
});

describe("runCli", () => {
  const capture = () => {
    const io = { stdout: "", stderr: "" };
    return {
      io,
      streams: {
        writeStdout: (text: string) => {
          io.stdout += text;
        },
        writeStderr: (text: string) => {
          io.stderr += text;
        },
      },
    };
  };

  it("prints the usage for --help and exits 0", () => {
    const { io, streams } = capture();
    expect(runCli(["--help"], {}, streams)).toBe(0);
    expect(io.stdout).toContain("Usage: node dist/bench.js");
  });

  it("exits 1 with a message when the output file cannot be written", () => {
    const { io, streams } = capture();
    const missingDir = join(workDir, "missing", "units.json");
    expect(runCli(TINY, { SCI_GATE_OUTPUT: missingDir }, streams)).toBe(1);
    expect(io.stderr).toMatch(/^tiny-llm: cannot write SCI_GATE_OUTPUT file .*missing\/units\.json: ENOENT/);
  });
});
