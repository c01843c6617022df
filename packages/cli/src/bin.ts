#!/usr/bin/env node
import { killLiveProcessesNow } from "@sci-gate/meter";
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
  // A second signal means "now": the report was already written after every finished run. The
  // suite's process groups and marked daemons are killed here, synchronously: the SIGKILL that
  // the first signal scheduled sits on a timer that an exit would never let fire.
  killLiveProcessesNow();
  process.exit(3);
};
process.on("SIGINT", onSignal);
process.on("SIGTERM", onSignal);
// Any other way out (an uncaught error, an EPIPE exit) takes the suite's processes along too; on a
// normal exit nothing is left to kill and this does nothing.
process.on("exit", () => killLiveProcessesNow());

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
process.off("SIGINT", onSignal);
process.off("SIGTERM", onSignal);
