import { describeError } from '@sms-channel/channel-runtime';
import { EXIT_OK, type ExitCode, OperationFailedError } from './cli-error.js';
import type { CommandScope } from './command-scope.js';

interface GatewayOptions {
  port?: number;
  host?: string;
}

/**
 * Runs the gateway until SIGINT or SIGTERM, then closes it: stop accepting webhooks, finish or release the
 * turns in progress, close the store. The gateway prints its routes itself when it starts.
 */
export async function runGateway(scope: CommandScope): Promise<ExitCode> {
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
