import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GitHubServer, startGitHubServer } from "../../../test/support/github-server.js";
import { makeZip } from "../../../test/support/make-zip.js";

/**
 * Holds the fake GitHub to GitHub's own OpenAPI description: every answer the fake gives must
 * carry the required properties, types and enum values of the documented response, so a test
 * passing against the fake means something against api.github.com.
 */
interface Schema {
  $ref?: string;
  type?: string;
  nullable?: boolean;
  enum?: unknown[];
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  /** On response objects. */
  content?: Record<string, { schema?: Schema }>;
  headers?: Record<string, unknown>;
}
interface Spec {
  paths: Record<string, Record<string, { responses: Record<string, Schema> }>>;
  components: { schemas: Record<string, Schema>; responses: Record<string, Schema> };
}

const specPath = createRequire(import.meta.url).resolve("@octokit/openapi/generated/api.github.com.json");
const spec = JSON.parse(readFileSync(specPath, "utf8")) as Spec;

function resolve(node: Schema): Schema {
  let current = node;
  while (typeof current.$ref === "string") {
    const [, , kind, name] = current.$ref.split("/") as [string, string, "schemas" | "responses", string];
    current = spec.components[kind][name] as Schema;
  }
  return current;
}

const typeOf = (value: unknown) => (Array.isArray(value) ? "array" : value === null ? "null" : typeof value);

/** Errors of `value` against `schema`, as "path: problem" lines. */
function check(schema: Schema, value: unknown, path = "$"): string[] {
  const s = resolve(schema);
  if (s.allOf) return s.allOf.flatMap((part) => check(part, value, path));
  if (s.anyOf || s.oneOf) {
    const variants = s.anyOf ?? s.oneOf ?? [];
    if (value === null && s.nullable) return [];
    const results = variants.map((variant) => check(variant, value, path));
    return results.some((r) => r.length === 0) ? [] : [`${path}: matches none of ${variants.length} variants (${results[0]?.[0]})`];
  }
  if (value === null) return s.nullable ? [] : [`${path}: null, but not nullable`];
  const errors: string[] = [];
  const actual = typeOf(value);
  if (s.type === "integer" && !Number.isInteger(value)) errors.push(`${path}: expected integer, got ${actual}`);
  else if (s.type === "number" && actual !== "number") errors.push(`${path}: expected number, got ${actual}`);
  else if (["string", "boolean", "object", "array"].includes(s.type ?? "") && actual !== s.type) errors.push(`${path}: expected ${s.type}, got ${actual}`);
  if (Array.isArray(s.enum) && !s.enum.includes(value)) errors.push(`${path}: ${JSON.stringify(value)} not in enum`);
  if (actual === "object") {
    const object = value as Record<string, unknown>;
    for (const key of s.required ?? []) if (!(key in object)) errors.push(`${path}.${key}: required, missing`);
    for (const [key, child] of Object.entries(s.properties ?? {})) {
      if (key in object) errors.push(...check(child, object[key], `${path}.${key}`));
    }
  }
  const items = s.items;
  if (actual === "array" && items) {
    for (const [i, item] of (value as unknown[]).entries()) errors.push(...check(items, item, `${path}[${i}]`));
  }
  return errors;
}

function responseSchema(template: string, method: string, status: number): Schema {
  const response = resolve(spec.paths[template]?.[method]?.responses[String(status)] ?? {});
  const schema = response.content?.["application/json"]?.schema;
  if (!schema) throw new Error(`the spec documents no JSON body for ${method.toUpperCase()} ${template} ${status}`);
  return schema;
}

let server: GitHubServer;
const repo = "/repos/octo-org/octo-repo";
const ids: Record<string, number> = {};

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    redirect: "manual",
    headers: { authorization: "token t0ken-for-the-shapes-test", ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === "" ? undefined : (JSON.parse(text) as unknown) };
}

beforeAll(async () => {
  server = await startGitHubServer();
  server.addPullRequest({ number: 2, labels: ["carbon-accepted"] });
  server.addLabelEvent({ issueNumber: 2, label: "carbon-accepted", actor: "maintainer" });
  for (let i = 0; i < 3; i++) server.addComment({ issueNumber: 2, body: `comment ${i}` });
  const run = server.addRun({ headBranch: "main", pullRequests: [{ number: 2, headRef: "x", headSha: "a".repeat(40), baseRef: "main", baseSha: "b".repeat(40) }] });
  ids.run = run.id;
  ids.artifact = server.addArtifact({ name: "sci-gate-report", zip: makeZip({ "r.json": "{}" }), run }).id;
  server.addFile({ ref: "b".repeat(40), path: "sci-gate.yml", text: "version: 1\n" });
});
afterAll(() => server.close());

describe("the fake GitHub answers in GitHub's documented shapes", () => {
  const cases: [string, string, string, number, () => string, unknown?][] = [
    ["list comments", "get", "/repos/{owner}/{repo}/issues/{issue_number}/comments", 200, () => `${repo}/issues/2/comments?per_page=2`],
    ["create comment", "post", "/repos/{owner}/{repo}/issues/{issue_number}/comments", 201, () => `${repo}/issues/2/comments`, { body: "hi" }],
    ["update comment", "patch", "/repos/{owner}/{repo}/issues/comments/{comment_id}", 200, () => `${repo}/issues/comments/${server.state.comments[0]?.id}`, { body: "edited" }],
    ["get pull request", "get", "/repos/{owner}/{repo}/pulls/{pull_number}", 200, () => `${repo}/pulls/2`],
    ["list issue events", "get", "/repos/{owner}/{repo}/issues/{issue_number}/events", 200, () => `${repo}/issues/2/events`],
    [
      "create check run",
      "post",
      "/repos/{owner}/{repo}/check-runs",
      201,
      () => `${repo}/check-runs`,
      { name: "sci-gate", head_sha: "c".repeat(40), conclusion: "neutral", output: { title: "t", summary: "s", annotations: [] } },
    ],
    ["update check run", "patch", "/repos/{owner}/{repo}/check-runs/{check_run_id}", 200, () => `${repo}/check-runs/${server.state.checkRuns[0]?.id}`, { output: { title: "t", summary: "s2" } }],
    ["list run artifacts", "get", "/repos/{owner}/{repo}/actions/runs/{run_id}/artifacts", 200, () => `${repo}/actions/runs/${ids.run}/artifacts`],
    ["list repo artifacts", "get", "/repos/{owner}/{repo}/actions/artifacts", 200, () => `${repo}/actions/artifacts?name=sci-gate-report`],
    ["list runs", "get", "/repos/{owner}/{repo}/actions/runs", 200, () => `${repo}/actions/runs?branch=main&status=success`],
    ["list workflow runs", "get", "/repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs", 200, () => `${repo}/actions/workflows/sci-gate.yml/runs`],
    ["get run", "get", "/repos/{owner}/{repo}/actions/runs/{run_id}", 200, () => `${repo}/actions/runs/${ids.run}`],
    ["get file contents", "get", "/repos/{owner}/{repo}/contents/{path}", 200, () => `${repo}/contents/sci-gate.yml?ref=${"b".repeat(40)}`],
    ["file not found", "get", "/repos/{owner}/{repo}/contents/{path}", 404, () => `${repo}/contents/nothing.yml?ref=${"b".repeat(40)}`],
    ["the job token may not ask who it is", "get", "/user", 403, () => "/user"],
    ["not found", "get", "/repos/{owner}/{repo}/pulls/{pull_number}", 404, () => `${repo}/pulls/999`],
    ["validation failed", "post", "/repos/{owner}/{repo}/issues/{issue_number}/comments", 422, () => `${repo}/issues/2/comments`, { body: "" }],
  ];

  it.each(cases)("%s", async (_name, method, template, status, path, body) => {
    const answer = await call(method.toUpperCase(), path(), body);
    expect(answer.status).toBe(status);
    expect(check(responseSchema(template, method, status), answer.body)).toEqual([]);
  });

  it("paginates with GitHub's Link header", async () => {
    const answer = await call("GET", `${repo}/issues/2/comments?per_page=2`);
    expect(answer.headers.get("link")).toMatch(/<http:\/\/127\.0\.0\.1:\d+\/repos\/octo-org\/octo-repo\/issues\/2\/comments\?per_page=2&page=2>; rel="next"/);
  });

  it("redirects an artifact download with a Location header, as documented", async () => {
    const documented = resolve(spec.paths["/repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}"]?.get?.responses["302"] ?? {});
    expect(Object.keys(documented.headers ?? {})).toContain("Location");
    const answer = await call("GET", `${repo}/actions/artifacts/${ids.artifact}/zip`);
    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toMatch(/\/_storage\/artifacts\/\d+\.zip\?/);
  });

  it("answers GET /user for a personal access token in the documented shape", async () => {
    const pat = await startGitHubServer({ viewer: { login: "release-bot", id: 77, type: "User" } });
    try {
      const response = await fetch(`${pat.url}/user`, { headers: { authorization: "token t" } });
      expect(response.status).toBe(200);
      expect(check(responseSchema("/user", "get", 200), await response.json())).toEqual([]);
    } finally {
      await pat.close();
    }
  });

  it("answers the commit probe with the sha media type, and 422 for an unknown commit as GitHub does", async () => {
    const sha = "b".repeat(40);
    const known = await fetch(`${server.url}${repo}/commits/${sha}`, { headers: { authorization: "token t", accept: "application/vnd.github.sha" } });
    expect([known.status, await known.text()]).toEqual([200, sha]);
    const unknown = await call("GET", `${repo}/commits/${"c".repeat(40)}`);
    expect(unknown.status).toBe(422);
    expect(check(resolve(spec.components.schemas["basic-error"] ?? {}), unknown.body)).toEqual([]);
  });

  it("would notice a shape that drifted (the check is not vacuous)", () => {
    const schema = responseSchema("/repos/{owner}/{repo}/issues/comments/{comment_id}", "patch", 200);
    expect(check(schema, { id: "1", body: "x" })).toEqual(
      expect.arrayContaining(["$.id: expected integer, got string", "$.node_id: required, missing", "$.user: required, missing"]),
    );
  });
});
