#!/usr/bin/env node
/**
 * @module @sms-channel/gateway/cli
 * The `sms-channel` command. All the work is in `cli/run-cli.ts`; this entry binds it to the process: its
 * arguments, streams, environment, signals and exit code.
 */
import { createCliDependencies } from './cli/create-cli-dependencies.js';
import { runCli } from './cli/run-cli.js';

/** The first SIGINT/SIGTERM asks the running command to stop cleanly; a second one ends the process at once. */
function waitForShutdown(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.once(signal, () => process.exit(130));
      resolve(signal);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

async function main(): Promise<void> {
  process.exitCode = await runCli(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
    waitForShutdown,
    deps: createCliDependencies(),
  });
}

// No top-level await: tsup also builds this entry as CommonJS.
void main();
