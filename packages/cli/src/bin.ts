#!/usr/bin/env node
import { installStopOnSignals } from "@sci-gate/meter";
import { runCli } from "./cli.js";

// The entry point: the only place that touches process-wide state (signals, exit code).
const controller = new AbortController();
// Exit 3 on a second signal: the suite did not finish (the report was written after every finished run).
const removeSignalHandlers = installStopOnSignals((signal) => {
  process.stderr.write(`\nsci-gate: ${signal}: stopping the suite and writing the runs finished so far (again to quit at once)\n`);
  controller.abort();
}, 3);

// `sci-gate schema config | head` closes the pipe early: that is the reader's choice, not a crash.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await runCli({
  argv: process.argv.slice(2),
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  signal: controller.signal,
});
// The signal handlers must not outlive the command.
removeSignalHandlers();
