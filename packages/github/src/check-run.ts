import type { Outcome } from "@sci-gate/core";
import type { CheckAnnotation, CheckConclusion, CheckRunRef, GitHubPort } from "./port.js";
import { truncateText } from "./truncate-text.js";

/** GitHub's limits on a check run's output. */
export const maxCheckSummaryChars = 65_535;
export const maxAnnotationsPerRequest = 50;
/** More annotations than this are noise to a reviewer and cost one request per 50; the rest are counted in the summary. */
export const maxAnnotations = 500;
/** GitHub's REST docs (checks, "annotations[].title"): "The maximum size is 255 characters." */
const maxAnnotationTitleChars = 255;
/** GitHub allows 64 KB per annotation message; 16,000 UTF-16 units stay under it whatever the characters. */
const maxAnnotationMessageChars = 16_000;

/**
 * The check's conclusion for a verdict. `error` always fails (the suite itself broke); with
 * `failOn: "warn"` a warning fails too, and with `failOn: "never"` a failed budget shows as
 * neutral, matching the exit code the action returns.
 */
export function conclusionForOutcome(outcome: Outcome, failOn: "fail" | "warn" | "never" = "fail"): CheckConclusion {
  switch (outcome) {
    case "error":
      return "failure";
    case "fail":
      return failOn === "never" ? "neutral" : "failure";
    case "warn":
      return failOn === "warn" ? "failure" : "neutral";
    case "inconclusive":
      return "neutral";
    case "pass":
      return "success";
  }
}

export interface PublishCheckRunInput {
  headSha: string;
  outcome: Outcome;
  title: string;
  summary: string;
  text?: string;
  annotations?: CheckAnnotation[];
  /** Default "sci-gate": branch protection rules name the check by it. */
  name?: string;
  failOn?: "fail" | "warn" | "never";
  detailsUrl?: string;
}

export interface PublishedCheckRun extends CheckRunRef {
  conclusion: CheckConclusion;
  /** Annotations sent, and the requests they took. */
  annotations: number;
  requests: number;
  summaryTruncated: boolean;
}

/**
 * Controls (C0 but tab and line feed, DEL, C1) and bidirectional overrides, which a report's
 * strings (scenario names, reasons built from them) may carry from a fork: GitHub shows
 * annotations as plain text, where they would garble or disguise the line.
 */
const unsafeInText = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** A title is one line: line breaks go too. */
const unsafeInTitle = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** The text with controls and bidi overrides removed (titles also lose line breaks). */
export function stripControlCharacters(text: string, kind: "title" | "text" = "text"): string {
  if (kind === "text") return text.replace(unsafeInText, "");
  return text.replace(unsafeInTitle, " ").replace(/ {2,}/g, " ");
}

function cleanAnnotation(annotation: CheckAnnotation): CheckAnnotation {
  const startLine = Math.max(1, Math.trunc(annotation.start_line));
  return {
    ...annotation,
    start_line: startLine,
    end_line: Math.max(startLine, Math.trunc(annotation.end_line)),
    ...(annotation.title === undefined ? {} : { title: stripControlCharacters(annotation.title, "title").slice(0, maxAnnotationTitleChars) }),
    message: truncateText(stripControlCharacters(annotation.message), maxAnnotationMessageChars, "… (truncated)").text,
    ...(annotation.raw_details === undefined ? {} : { raw_details: stripControlCharacters(annotation.raw_details) }),
  };
}

/** Creates the check run with the first 50 annotations and appends the rest 50 at a time (GitHub's limit per request). */
export async function publishCheckRun(port: GitHubPort, input: PublishCheckRunInput): Promise<PublishedCheckRun> {
  const all = (input.annotations ?? []).map(cleanAnnotation);
  const sent = all.slice(0, maxAnnotations);
  const omitted = all.length - sent.length;
  const summaryWithNote = omitted > 0 ? `${input.summary}\n\n_${omitted} more annotations were not sent (at most ${maxAnnotations} are)._` : input.summary;
  const summary = truncateText(
    summaryWithNote,
    maxCheckSummaryChars,
    "_… truncated: the summary passed GitHub's 65,535-character limit; the full report is in the job summary and the report artifact._",
  );
  const text = input.text === undefined ? undefined : truncateText(input.text, maxCheckSummaryChars, "_… truncated._").text;
  const batches: CheckAnnotation[][] = [];
  for (let i = 0; i < sent.length; i += maxAnnotationsPerRequest) batches.push(sent.slice(i, i + maxAnnotationsPerRequest));
  const conclusion = conclusionForOutcome(input.outcome, input.failOn);
  const output = { title: input.title, summary: summary.text, ...(text === undefined ? {} : { text }) };
  const created = await port.createCheckRun({
    name: input.name ?? "sci-gate",
    headSha: input.headSha,
    conclusion,
    ...output,
    annotations: batches[0] ?? [],
    ...(input.detailsUrl ? { detailsUrl: input.detailsUrl } : {}),
  });
  // GitHub appends the annotations of each update to those already on the run.
  for (const batch of batches.slice(1)) await port.updateCheckRun(created.id, { ...output, annotations: batch });
  return {
    ...created,
    conclusion,
    annotations: sent.length,
    requests: Math.max(1, batches.length),
    summaryTruncated: summary.truncated,
  };
}
