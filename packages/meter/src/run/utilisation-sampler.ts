import type { UtilisationSample } from "@sci-gate/core";
import { computeOsCpuUtilisation, type OsCpuReading, type OsCpuTimes, readOsCpus } from "../samplers/os-cpus.js";
import { computeCpuUtilisation, openProcStatReader, type ProcStatReading } from "../samplers/proc-stat.js";

/** Machine utilisation over a run, for the CPU power model. */
export interface UtilisationSampler {
  /** Where the utilisation comes from; null when nothing could be read. */
  readonly source: "proc-stat" | "os-cpus" | null;
  /** A sentence for the run's warnings when /proc/stat could not be used; null when it was. */
  readonly warning: string | null;
  /** Takes one reading (cheap: the loop calls it at the sampling rate). */
  sample(): void;
  /** The first marks the start (util 0); each later one holds the busy fraction of the interval it ends. */
  readonly samples: readonly UtilisationSample[];
  close(): void;
}

const nowS = () => performance.now() / 1000;

function createSampler<R>(read: () => R | null, compute: (prev: R, next: R) => number | null) {
  const samples: UtilisationSample[] = [];
  let last: R | null = null;
  return {
    samples,
    sample(): void {
      const reading = read();
      if (reading === null) return;
      const tS = nowS();
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
  const stat = openProcStatReader(procRoot);
  if (!("available" in stat)) {
    const sampler = createSampler<ProcStatReading>(() => stat.read(), computeCpuUtilisation);
    return { source: "proc-stat", warning: null, samples: sampler.samples, sample: sampler.sample, close: () => stat.close() };
  }
  const first = readOsCpus(readCpus);
  if (first === null) {
    return { source: null, warning: `no CPU utilisation: ${stat.reason}, and os.cpus() lists no CPU`, samples: [], sample() {}, close() {} };
  }
  const sampler = createSampler<OsCpuReading>(() => readOsCpus(readCpus), computeOsCpuUtilisation);
  return {
    source: "os-cpus",
    warning: `utilisation from os.cpus(): /proc/stat unreadable (${stat.reason})`,
    samples: sampler.samples,
    sample: sampler.sample,
    close() {},
  };
}
