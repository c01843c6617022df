import type { UtilisationSample } from "@sci-gate/core";
import { computeOsCpuUtilisation, type OsCpuReading, type OsCpuTimes, readOsCpus } from "../samplers/os-cpus.js";
import { computeCpuUtilisation, openProcStatRecorder, type RecordedTicks } from "../samplers/proc-stat.js";

/** Machine utilisation over a run, for the CPU power model. */
export interface UtilisationSampler {
  /** Where the utilisation comes from; null when nothing could be read. */
  readonly source: "proc-stat" | "os-cpus" | null;
  /** A sentence for the run's warnings when /proc/stat could not be used; null when it was. */
  readonly warning: string | null;
  /** Takes one reading (cheap: the loop calls it at the sampling rate). */
  sample(): void;
  /** Turns the readings taken so far into samples (the loop calls it once a second; `samples` does too). */
  flush(): void;
  /** The first marks the start (util 0); each later one holds the busy fraction of the interval it ends. */
  readonly samples: readonly UtilisationSample[];
  close(): void;
}

const nowS = () => performance.now() / 1000;

/** Utilisation samples from successive readings of one kind. */
function createSeries<R>(compute: (prev: R, next: R) => number | null) {
  const samples: UtilisationSample[] = [];
  let last: R | null = null;
  return {
    samples,
    add(tS: number, reading: R): void {
      if (last === null) {
        samples.push({ tS, util: 0 });
        last = reading;
        return;
      }
      const util = compute(last, reading);
      // No tick elapsed yet: keep the older reading so the next interval covers this one too.
      if (util === null) return;
      samples.push({ tS, util });
      last = reading;
    },
  };
}

/**
 * /proc/stat when it can be read; else os.cpus() time deltas, which libuv provides on every OS
 * (macOS, Windows, a container without /proc). Both are machine-wide busy fractions, so the same
 * power model applies; the warning says which was used, so a reader of the report knows.
 */
export function openUtilisationSampler(procRoot: string, readCpus?: () => readonly OsCpuTimes[]): UtilisationSampler {
  const recorder = openProcStatRecorder(procRoot);
  if (!("available" in recorder)) {
    const series = createSeries<RecordedTicks>(computeCpuUtilisation);
    const flush = () => {
      for (const ticks of recorder.drain()) series.add(ticks.tS, ticks);
    };
    return {
      source: "proc-stat",
      warning: null,
      sample: () => {
        recorder.record(nowS());
      },
      flush,
      get samples() {
        flush();
        return series.samples;
      },
      close: () => recorder.close(),
    };
  }
  const first = readOsCpus(readCpus);
  if (first === null) {
    return { source: null, warning: `no CPU utilisation: ${recorder.reason}, and os.cpus() lists no CPU`, samples: [], sample() {}, flush() {}, close() {} };
  }
  // os.cpus() is only the fallback (libuv builds an array of objects per call): read and used at once.
  const series = createSeries<OsCpuReading>(computeOsCpuUtilisation);
  return {
    source: "os-cpus",
    warning: `utilisation from os.cpus(): /proc/stat unreadable (${recorder.reason})`,
    samples: series.samples,
    sample() {
      const reading = readOsCpus(readCpus);
      if (reading !== null) series.add(nowS(), reading);
    },
    flush() {},
    close() {},
  };
}
