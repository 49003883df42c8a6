import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import {
  type Agent,
  type ChannelRuntimeOptions,
  createChannelRuntime,
  createTurnHistory,
  type OutboundSender,
  type SenderAccess,
} from '@sms-channel/channel-runtime';
import { formatConfigPath } from '@sms-channel/config';
import type { GatewayStore } from '@sms-channel/store';
import type { ThreadedStoreOptions } from '@sms-channel/store/thread';
import { createAgent } from '../agent/create-agent.js';
import { type GatewayConfig, loadGatewayConfig } from '../app-config/load-gateway-config.js';
import { mediaDirPath } from '../app-config/state-dir.js';
import { createLogger, type GatewayLogger } from '../logging/create-logger.js';
import { closeGateway } from './close-gateway.js';
import { createGatewayHealth, type GatewayHealth } from './gateway-health.js';
import { openGatewayStore } from './open-gateway-store.js';
import { createGatewayServer } from './server-settings.js';
import { trackRequests } from './track-requests.js';

export interface StartGatewayOptions {
  /** A configuration already loaded; else it is read from `configPath`. */
  config?: GatewayConfig;
  /** @default $SMS_CHANNEL_CONFIG or ~/.sms-channel/config.json5 */
  configPath?: string;
  /** @default process.env */
  env?: Readonly<Record<string, string | undefined>>;
  /** Overrides `gateway.host`. */
  host?: string;
  /** Overrides `gateway.port`. */
  port?: number;
  /** Overrides `gateway.workers` (0: acknowledge and queue only, no turns). */
  workers?: number;
  /** @default a pino logger at `gateway.logLevel` on stdout */
  logger?: GatewayLogger;
  /** Seams (tests): replace the configured agent, the pairing service, the sender. */
  agent?: Agent;
  access?: SenderAccess;
  outbound?: OutboundSender;
  /** SQLite store options (`synchronous`, `busyTimeoutMs`, ...). */
  store?: ThreadedStoreOptions;
  /**
   * Run the SQLite store on its own thread, so commits (and their fsync) do not stop the event loop.
   * @default true
   */
  storeThread?: boolean;
  /** How often old rows are pruned. @default 3_600_000 */
  pruneIntervalMs?: number;
  /** How often idle workers poll for retries that came due. @default 1000 */
  pollIntervalMs?: number;
  /**
   * The limit on turns at once that keeps acknowledgements first (`createChannelRuntime`'s `turnLimit`); `false`
   * turns it off (benchmarks compare). @default on, with its defaults
   */
  turnLimit?: ChannelRuntimeOptions['turnLimit'];
  /** Waits out the drain on close (tests hold it to look inside). @default a timer of `gateway.shutdownDrainMs` */
  drainWait?: (ms: number) => Promise<void>;
}

/** One webhook route the gateway serves. */
export interface GatewayRoute {
  accountId: string;
  method: 'POST';
  path: string;
  /** The local URL. */
  url: string;
  /** `publicWebhookUrl`, when configured. */
  publicUrl: string | undefined;
}

export interface RunningGateway {
  /** `http://host:port`. */
  url: string;
  routes: GatewayRoute[];
  config: GatewayConfig;
  store: GatewayStore;
  logger: GatewayLogger;
  /** `/healthz` and `/readyz`: what a load balancer sees. */
  health: GatewayHealth;
  /**
   * Fails `/readyz`, keeps answering webhooks for `gateway.shutdownDrainMs` when a balancer watches `/readyz`,
   * then stops accepting, lets webhooks in flight finish and turns in progress finish or be released
   * (`gateway.shutdownGraceMs`), closes the store.
   */
  close(): Promise<void>;
}

function originOf(address: AddressInfo): string {
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

/**
 * Runs the gateway: loads the config, opens the store (`gateway.store`: SQLite under `stateDir`, or
 * PostgreSQL), serves a webhook route per enabled account (and `GET /healthz`, `GET /readyz`), runs the
 * workers and prunes old rows periodically. Logs its routes
 * ("SMS webhook route: POST http://127.0.0.1:8790/webhooks/sms -> account default").
 */
export async function startGateway(options: StartGatewayOptions = {}): Promise<RunningGateway> {
  const env = options.env ?? process.env;
  const config = options.config ?? (await loadGatewayConfig({ path: options.configPath, env }));
  const settings = config.app.gateway;
  const logger = options.logger ?? createLogger({ level: settings.logLevel });
  for (const warning of config.warnings)
    logger.warn({ path: formatConfigPath(warning.path) }, warning.message);

  const opened = await openGatewayStore(config.store, {
    ...(options.store === undefined ? {} : { sqlite: options.store }),
    ...(options.storeThread === undefined ? {} : { thread: options.storeThread }),
  });
  const { store } = opened;
  logger.info({ store: opened.kind, where: opened.where }, `store: ${opened.kind} at ${opened.where}`);
  // The agent's history appends are held during a turn and saved with the reply draft (exactly once).
  const turnHistory = createTurnHistory(store);
  let agent: Agent;
  try {
    agent =
      options.agent ??
      createAgent(config.app.agent, { history: turnHistory.history, env, baseDir: dirname(config.file) });
  } catch (error) {
    await store.close();
    throw error;
  }
  let origin: string | undefined;
  const workers = options.workers ?? settings.workers;
  const channel = createChannelRuntime({
    accounts: config.accounts,
    store,
    agent,
    logger,
    turnHistory,
    limits: settings.limits,
    trustProxy: settings.trustProxy,
    listenOrigin: () => origin,
    workers,
    leaseMs: settings.claimLeaseMs,
    senderTurnsPerMinute: settings.limits.senderTurnsPerMinute,
    media: {
      directory: mediaDirPath(config.stateDir),
      baseUrl: settings.mediaBaseUrl,
      linkTtlMs: settings.mediaTtlMs,
      retentionMs: settings.mediaRetentionMs,
    },
    ...(options.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.pollIntervalMs }),
    ...(options.turnLimit === undefined ? {} : { turnLimit: options.turnLimit }),
    ...(options.pruneIntervalMs === undefined ? {} : { pruneIntervalMs: options.pruneIntervalMs }),
    ...(options.access === undefined ? {} : { access: options.access }),
    ...(options.outbound === undefined ? {} : { outbound: options.outbound }),
  });
  const health = createGatewayHealth({ ping: opened.ping, routes: () => channel.routes.size, logger });
  const server = createGatewayServer((req, res) => route(req, res), settings.server);
  const requests = trackRequests(server);
  function route(req: IncomingMessage, res: ServerResponse): void {
    if (health.handle(req, res)) return;
    void channel.handleNode(req, res);
  }
  try {
    await listen(
      server,
      options.port ?? settings.port,
      options.host ?? settings.host,
      settings.server.listenBacklog,
    );
  } catch (error) {
    await store.close();
    throw error;
  }
  origin = originOf(server.address() as AddressInfo);
  const routes = [...channel.routes.values()].map((entry) => ({
    accountId: entry.accountId,
    method: 'POST' as const,
    path: entry.path,
    url: `${origin}${entry.path}`,
    publicUrl: entry.publicWebhookUrl,
  }));
  for (const entry of routes) {
    const shown = entry.publicUrl === undefined ? '' : ` (public URL ${entry.publicUrl})`;
    logger.info(
      { accountId: entry.accountId, url: entry.url },
      `SMS webhook route: POST ${entry.url} -> account ${entry.accountId}${shown}`,
    );
  }
  channel.start();
  health.markStarted();
  logger.info(
    {
      url: origin,
      stateDir: config.stateDir,
      agent: agent.kind,
      workers,
    },
    `gateway listening on ${origin}`,
  );

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= closeGateway({
      server,
      health,
      requests,
      channel,
      store,
      logger,
      drainMs: settings.shutdownDrainMs,
      graceMs: settings.shutdownGraceMs,
      ...(options.drainWait === undefined ? {} : { drainWait: options.drainWait }),
    });
    return closing;
  };
  return { url: origin, routes, config, store, logger, health, close };
}

function listen(server: Server, port: number, host: string, backlog: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, backlog, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
