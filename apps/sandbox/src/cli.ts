#!/usr/bin/env node
/**
 * @module @sms-channel/sandbox/cli
 * The `sms-sandbox` command: runs the sandbox until Ctrl-C (SIGINT) or SIGTERM, then stops it cleanly.
 */
import { runCli } from './run-cli.js';

async function main(): Promise<void> {
  const result = await runCli(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
  if ('exitCode' in result) {
    process.exitCode = result.exitCode;
    return;
  }
  const stop = () => {
    result.sandbox.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`sms-sandbox: stop failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
