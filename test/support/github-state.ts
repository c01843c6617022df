/**
 * The fake GitHub's state: what a test seeds and inspects. github-shapes.ts turns it into
 * GitHub's REST objects.
 */

export interface FakeUser {
  login: string;
  id: number;
  type: "Bot" | "User" | "Organization";
}

export interface FakeComment {
  id: number;
  issueNumber: number;
  body: string;
  user: FakeUser | null;
  createdAt: string;
  updatedAt: string;
}

export interface FakePullRequest {
  number: number;
  title: string;
  state: "open" | "closed";
  headSha: string;
  baseSha: string;
  headRef: string;
  baseRef: string;
  labels: string[];
  /** Null when the fork was deleted. */
  headRepoFullName: string | null;
  user: FakeUser;
}

export interface FakeLabelEvent {
  id: number;
  issueNumber: number;
  event: "labeled" | "unlabeled";
  label: string;
  actor: FakeUser;
  createdAt: string;
}

export interface FakeCheckRun {
  id: number;
  name: string;
  headSha: string;
  status: string;
  conclusion: string | null;
  title: string | null;
  summary: string | null;
  text: string | null;
  /** Every annotation received, across the create and all updates (GitHub appends). */
  annotations: Record<string, unknown>[];
  /** Annotations received per request, in order. */
  annotationBatches: number[];
  detailsUrl: string | null;
  externalId: string | null;
  startedAt: string;
  completedAt: string | null;
}

export interface FakeArtifactRun {
  id: number;
  headBranch: string;
  headSha: string;
  repositoryId: number;
  headRepositoryId: number;
}

export interface FakeArtifact {
  id: number;
  name: string;
  zip: Uint8Array;
  /** What GitHub declares; defaults to the zip's length. */
  sizeInBytes?: number;
  expired: boolean;
  createdAt: string;
  workflowRun: FakeArtifactRun | null;
}

export interface FakeRun {
  id: number;
  name: string;
  workflowId: number;
  path: string;
  headBranch: string;
  headSha: string;
  event: string;
  status: string;
  conclusion: string | null;
  createdAt: string;
  /** owner/repo of the code the run ran; another repository for pull requests from forks. */
  headRepoFullName: string;
  headRepositoryId: number;
  pullRequests: { number: number; headRef: string; headSha: string; baseRef: string; baseSha: string }[];
}

export interface ShapeContext {
  /** The fake's API root, e.g. http://127.0.0.1:PORT */
  api: string;
  web: string;
  owner: string;
  repo: string;
  repositoryId: number;
}
