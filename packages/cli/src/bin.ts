#!/usr/bin/env node
import { runCli } from "./cli.js";

// The entry point: the only place that touches process-wide state (signals, exit code).
const controller = new AbortController();
let signals = 0;
const onSignal = (signal: NodeJS.Signals) => {
  signals++;
  if (signals === 1) {
    process.stderr.write(`\nsci-gate: ${signal}: stopping the suite and writing the runs finished so far (again to quit at once)\n`);
    controller.abort();
    return;
  }
  // A second signal means "now": the partial report was already being written run by run.
  process.exit(3);
};
process.on("SIGINT", onSignal);
process.on("SIGTERM", onSignal);

process.exitCode = await runCli({
  argv: process.argv.slice(2),
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  signal: controller.signal,
});
// Signal handlers and the stdin handle must not keep the process alive once the command is done.
process.off("SIGINT", onSignal);
process.off("SIGTERM", onSignal);
