import type { ProgressEvent } from "@sci-gate/meter";
import type { OutputStream } from "./context.js";

export interface ProgressReporter {
  onProgress: (event: ProgressEvent) => void;
  /** Ends the live line, so what follows starts on a fresh one. */
  finish: () => void;
}

const formatSeconds = (s: number) => (s < 60 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`);

function describeRun(event: Extract<ProgressEvent, { kind: "run-start" | "run-end" }>): string {
  const what = event.warmup ? "warm-up" : "run";
  return `${event.scenario} · ${event.revision} ${what} ${event.runNumber}/${event.runsTotal}`;
}

/**
 * Progress on stderr. On a terminal one line is redrawn in place, with the elapsed time ticking;
 * in a CI log (not a TTY) each finished run is one plain line, with no control characters.
 */
export function createProgressReporter(stderr: OutputStream, now: () => number = Date.now): ProgressReporter {
  const started = now();
  const elapsed = () => formatSeconds((now() - started) / 1000);
  if (stderr.isTTY !== true) {
    return {
      onProgress(event) {
        if (event.kind === "setup") stderr.write(`setup (${event.revision}): ${event.command}\n`);
        else if (event.kind === "run-end") {
          const outcome = event.ok ? "ok" : `failed: ${event.message ?? "unknown reason"}`;
          stderr.write(`${describeRun(event)}: ${outcome} in ${formatSeconds(event.durationS)} (elapsed ${elapsed()})\n`);
        }
      },
      finish() {},
    };
  }
  let current = "";
  const draw = () => stderr.write(`\r\x1b[2K${current} · ${elapsed()}`);
  // Redraw every second so the elapsed time moves during a long run; unref'd so it never keeps the process alive.
  const timer = setInterval(() => current !== "" && draw(), 1000);
  timer.unref();
  return {
    onProgress(event) {
      if (event.kind === "setup") current = `setup (${event.revision}): ${event.command}`;
      else if (event.kind === "run-start") current = describeRun(event);
      else {
        if (!event.ok) stderr.write(`\r\x1b[2K${describeRun(event)}: failed: ${event.message ?? "unknown reason"}\n`);
        current = `${describeRun(event)} done`;
      }
      draw();
    },
    finish() {
      clearInterval(timer);
      if (current !== "") stderr.write("\r\x1b[2K");
      current = "";
    },
  };
}
