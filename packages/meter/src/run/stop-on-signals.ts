import { killLiveProcessesNow } from "./live-processes.js";

/**
 * The two-step stop every entry point (the CLI, the action) gives the suite. The first SIGINT or
 * SIGTERM calls `onFirst`, which aborts the run so the runs finished so far are kept; a second
 * (Ctrl-C again, or a CI runner's cancel escalating) kills the suite's process groups and marked
 * daemons synchronously and exits with `exitCode`, since the SIGKILL the first one scheduled sits
 * on a timer that an exit would never let fire. Any other way out (an uncaught error, an EPIPE
 * exit) takes the suite's processes along too. Returns the function that removes the signal
 * handlers, so they do not outlive the command; the exit listener stays (it does nothing once
 * nothing is tracked).
 */
export function installStopOnSignals(onFirst: (signal: NodeJS.Signals) => void, exitCode: number): () => void {
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals++;
    if (signals === 1) {
      onFirst(signal);
      return;
    }
    killLiveProcessesNow();
    process.exit(exitCode);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  process.on("exit", () => killLiveProcessesNow());
  return () => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  };
}
