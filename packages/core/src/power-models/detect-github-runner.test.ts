import { describe, expect, it } from "vitest";
import { detectGithubHostedRunner } from "./detect-github-runner.js";

describe("detectGithubHostedRunner", () => {
  it("detects a GitHub-hosted Linux x64 runner and its standard vCPU counts", () => {
    const detection = detectGithubHostedRunner({
      GITHUB_ACTIONS: "true",
      RUNNER_ENVIRONMENT: "github-hosted",
      RUNNER_OS: "Linux",
      RUNNER_ARCH: "X64",
    });
    expect(detection).toMatchObject({ githubActions: true, githubHosted: true, os: "Linux", arch: "X64", standardVcpus: [4, 2] });
  });

  it("treats self-hosted and unset RUNNER_ENVIRONMENT as not GitHub-hosted", () => {
    const selfHosted = detectGithubHostedRunner({ GITHUB_ACTIONS: "true", RUNNER_ENVIRONMENT: "self-hosted", RUNNER_OS: "Linux" });
    expect(selfHosted.githubHosted).toBe(false);
    expect(selfHosted.hints[0]).toContain("Self-hosted");
    const old = detectGithubHostedRunner({ GITHUB_ACTIONS: "true", RUNNER_OS: "Linux" });
    expect(old.githubHosted).toBe(false);
    expect(old.hints[0]).toContain("treated as self-hosted");
  });

  it("reports a laptop as not in GitHub Actions", () => {
    const detection = detectGithubHostedRunner({ HOME: "/home/me" });
    expect(detection).toMatchObject({ githubActions: false, githubHosted: false, os: undefined, arch: undefined, standardVcpus: [] });
  });

  it("knows no standard size for other hosted kinds", () => {
    const mac = detectGithubHostedRunner({ GITHUB_ACTIONS: "true", RUNNER_ENVIRONMENT: "github-hosted", RUNNER_OS: "macOS", RUNNER_ARCH: "ARM64" });
    expect(mac.githubHosted).toBe(true);
    expect(mac.standardVcpus).toEqual([]);
  });
});
