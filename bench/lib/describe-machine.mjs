import { cpus, release, totalmem, type } from "node:os";

/** The machine the figures came from, as os reports it: the tables only mean something next to it. */
export function describeMachine() {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? "unknown",
    cores: list.length,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${type()} ${release()}`,
    node: process.version,
  };
}
