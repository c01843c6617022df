import type { CheckAnnotation, CheckRunOutput, GitHubPort } from "./port.js";
import type { Redactor } from "./redact.js";

function redactOutput<T extends CheckRunOutput>(output: T, redact: Redactor): T {
  const annotations = output.annotations?.map(
    (a): CheckAnnotation => ({
      ...a,
      path: redact(a.path),
      message: redact(a.message),
      ...(a.title === undefined ? {} : { title: redact(a.title) }),
      ...(a.raw_details === undefined ? {} : { raw_details: redact(a.raw_details) }),
    }),
  );
  return {
    ...output,
    title: redact(output.title),
    summary: redact(output.summary),
    ...(output.text === undefined ? {} : { text: redact(output.text) }),
    ...(annotations === undefined ? {} : { annotations }),
  };
}

/**
 * The port with every text it sends to GitHub (comment bodies, check-run output) passed through
 * the redactor: whatever a renderer was given, no token leaves in a comment or a check run.
 */
export function withRedactedWrites(port: GitHubPort, redact: Redactor): GitHubPort {
  return {
    ...port,
    owner: port.owner,
    repo: port.repo,
    createComment: (issueNumber, body) => port.createComment(issueNumber, redact(body)),
    updateComment: (commentId, body) => port.updateComment(commentId, redact(body)),
    createCheckRun: (input) => port.createCheckRun(redactOutput(input, redact)),
    updateCheckRun: (checkRunId, output) => port.updateCheckRun(checkRunId, redactOutput(output, redact)),
  };
}
