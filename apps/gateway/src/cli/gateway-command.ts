import { type Command, InvalidArgumentError } from 'commander';
import type { ActionFactory } from './command-scope.js';

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(port) || port > 65_535) {
    throw new InvalidArgumentError('must be a TCP port from 0 to 65535 (0 picks a free one)');
  }
  return port;
}

/** `gateway [--port <n>] [--host <h>]` (with the global `--config <file>`). */
export function registerGateway(parent: Command, action: ActionFactory): void {
  parent
    .command('gateway')
    .description('run the SMS webhook gateway until Ctrl-C (SIGINT) or SIGTERM')
    .option('--port <n>', 'TCP port (overrides gateway.port; default 8790)', parsePort)
    .option('--host <host>', 'interface to listen on (overrides gateway.host; default 127.0.0.1)')
    .action(action(async (scope) => (await import('./gateway.js')).runGateway(scope)));
}
