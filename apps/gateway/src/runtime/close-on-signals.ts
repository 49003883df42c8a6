import type { RunningGateway } from './start-gateway.js';

/**
 * Graceful shutdown on SIGINT / SIGTERM: the gateway stops accepting, finishes or releases the turns in
 * progress and closes the store; the promise then resolves with the signal. A second signal while closing
 * exits at once (status 130): queued and in-flight messages are safe on disk either way.
 */
export function closeOnSignals(
  gateway: Pick<RunningGateway, 'close' | 'logger'>,
  signals: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'],
): Promise<NodeJS.Signals> {
  return new Promise((resolve, reject) => {
    let received: NodeJS.Signals | undefined;
    const onSignal = (signal: NodeJS.Signals) => {
      if (received !== undefined) {
        gateway.logger.warn({ signal }, 'second signal: exiting now');
        process.exit(130);
      }
      received = signal;
      gateway.logger.info({ signal }, 'shutting down');
      gateway.close().then(() => {
        for (const name of signals) process.off(name, onSignal);
        resolve(signal);
      }, reject);
    };
    for (const name of signals) process.on(name, onSignal);
  });
}
