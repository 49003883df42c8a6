import type { Server } from 'node:http';
import type { ChannelRuntime } from '@sms-channel/channel-runtime';
import type { GatewayStore } from '@sms-channel/store';
import type { GatewayLogger } from '../logging/create-logger.js';
import type { GatewayHealth } from './gateway-health.js';
import type { RequestTracker } from './track-requests.js';

export interface CloseGatewayParts {
  server: Server;
  health: GatewayHealth;
  requests: RequestTracker;
  channel: Pick<ChannelRuntime, 'stop'>;
  store: Pick<GatewayStore, 'close'>;
  logger: GatewayLogger;
  /** `gateway.shutdownDrainMs`: how long `/readyz` fails while webhooks are still answered. */
  drainMs: number;
  /** `gateway.shutdownGraceMs`: how long turns (and webhooks) in progress may take to finish. */
  graceMs: number;
  /** Waits out the drain. @default a timer of `drainMs` */
  drainWait?: (ms: number) => Promise<void>;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * A graceful stop that refuses no webhook a load balancer sent: `/readyz` fails first and, when something
 * watches it, webhooks are still answered for `drainMs` so the balancer takes this process out of rotation;
 * then the listener closes, answers say `Connection: close`, idle connections close, webhooks in flight
 * finish (each is admitted or refused, never cut) while the workers finish or release their turns within
 * `graceMs`; then the remaining connections close and the store closes. Without a watcher (one gateway, no
 * balancer) there is nothing to wait for.
 */
export async function closeGateway(parts: CloseGatewayParts): Promise<void> {
  const { server, health, requests, logger } = parts;
  health.startDrain();
  if (health.watched && parts.drainMs > 0) {
    logger.info(
      { drainMs: parts.drainMs },
      `draining: /readyz now fails; webhooks are answered for ${parts.drainMs} ms more`,
    );
    await (parts.drainWait ?? sleep)(parts.drainMs);
  }
  requests.endKeepAlive();
  const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const [, settled] = await Promise.all([parts.channel.stop(parts.graceMs), requests.settled(parts.graceMs)]);
  if (!settled) logger.warn({ inFlight: requests.inFlight }, 'shutdown: closing webhooks still in flight');
  server.closeAllConnections();
  await stopped;
  await parts.store.close();
  logger.info('gateway stopped');
}
