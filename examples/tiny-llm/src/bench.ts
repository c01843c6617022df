#!/usr/bin/env node
/** Entry point: `node dist/bench.js --scenario chat`. */

import { runCli } from "./cli.js";

process.exitCode = runCli(process.argv.slice(2), process.env, {
  writeStdout: (text) => process.stdout.write(text),
  writeStderr: (text) => process.stderr.write(text),
});
