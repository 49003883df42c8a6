import { type Command, InvalidArgumentError } from 'commander';
import { EXIT_OK, type ExitCode, OperationFailedError } from './cli-error.js';
import type { ActionFactory, CommandScope } from './command-scope.js';
import { describeError } from './one-line.js';

interface GatewayOptions {
  port?: number;
  host?: string;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(port) || port > 65_535) {
    throw new InvalidArgumentError('must be a TCP port from 0 to 65535 (0 picks a free one)');
  }
  return port;
}

/**
 * Runs the gateway until SIGINT or SIGTERM, then closes it: stop accepting webhooks, finish or release the
 * turns in progress, close the store. The gateway prints its routes itself when it starts.
 */
async function gateway(scope: CommandScope): Promise<ExitCode> {
  const { context, command, globals } = scope;
  const options = command.opts<GatewayOptions>();
  const running = await context.deps.startGateway({
    configPath: globals.config,
    env: context.env,
    host: options.host,
    port: options.port,
  });
  const signal = await context.waitForShutdown();
  context.err(`sms-channel: ${signal} received, stopping the gateway`);
  try {
    await running.close();
  } catch (error) {
    throw new OperationFailedError(`the gateway did not stop cleanly: ${describeError(error)}`, {
      cause: error,
    });
  }
  return EXIT_OK;
}

/** `gateway [--port <n>] [--host <h>]` (with the global `--config <file>`). */
export function registerGateway(parent: Command, action: ActionFactory): void {
  parent
    .command('gateway')
    .description('run the SMS webhook gateway until Ctrl-C (SIGINT) or SIGTERM')
    .option('--port <n>', 'TCP port (overrides gateway.port; default 8790)', parsePort)
    .option('--host <host>', 'interface to listen on (overrides gateway.host; default 127.0.0.1)')
    .action(action(gateway));
}
