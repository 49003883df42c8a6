import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import {
  type ChannelRuntime,
  createChannelRuntime,
  type Logger,
  MEDIA_ROUTE_PREFIX,
  normalizeRoutePath,
  silentLogger,
  toWebhookRequest,
  writeWebhookResponse,
} from '@sms-channel/channel-runtime';
import type { ResolvedSmsAccount } from '@sms-channel/config';
import type { AccountStores } from './account-stores.js';
import { createApprovalNotices } from './approval-notices.js';
import { createHostLogger } from './host-logger.js';
import { createHostSenderAccess } from './host-sender-access.js';
import { createHostTurnAgent } from './host-turn-agent.js';
import type { HostConfig, HostGatewayContext, HostPluginRuntime, HostSdk } from './host-types.js';
import { HostRuntimeMissingError } from './plugin-errors.js';
import { requireUsableAccount, type SmsPluginAccount } from './sms-plugin-account.js';

/** The host gateway's port when `gateway.port` is not set. */
export const DEFAULT_HOST_GATEWAY_PORT = 18_789;

export interface RunSmsAccountDeps {
  sdk: HostSdk;
  stores: AccountStores;
  /** The `PluginRuntime` from `setRuntime` (its config is the freshest; `ctx.cfg` is the one at start). */
  runtime: () => HostPluginRuntime | undefined;
  /** @default "sms" */
  pluginId?: string;
  /**
   * The plugin's media directory (`<host state dir>/media/sms-channel`: under the host's own `media` root, so
   * the host's agent may read the files). Without it, MMS media are not fetched.
   */
  mediaDir?: () => string;
  /** Turns run at once for this account (one sender's messages always one at a time). @default 2 */
  workers?: number;
  /** How often idle workers look for retries that came due. @default 1000 */
  pollIntervalMs?: number;
  /** Claim lease, renewed while a turn runs. @default 30000 */
  leaseMs?: number;
  /** How long stopping waits for turns in progress before releasing them to the queue. @default 5000 */
  graceMs?: number;
  /** How often old store rows are pruned. @default 3_600_000 */
  pruneIntervalMs?: number;
  /**
   * How often the host's approved senders are read, to text each newly approved one (approval-notices.ts);
   * `false`: never. @default 2000
   */
  approvalPollMs?: number | false;
}

/** Next to the account's store: the senders already known approved (approval-notices.ts). */
export const APPROVED_SENDERS_FILE = 'approved-senders.json';

/**
 * `http://127.0.0.1:<gateway.port>`: the URL Twilio would call on this machine, the signature URL of last
 * resort when an account has no `publicWebhookUrl` (with a start-up warning, as in the standalone gateway).
 */
export function hostGatewayOrigin(cfg: HostConfig): string {
  const gateway = cfg.gateway;
  const port =
    typeof gateway === 'object' && gateway !== null ? (gateway as Record<string, unknown>).port : undefined;
  return `http://127.0.0.1:${typeof port === 'number' ? port : DEFAULT_HOST_GATEWAY_PORT}`;
}

function waitForAbort(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/**
 * The host matches plugin routes case-insensitively and with a trailing slash; the runtime's route table is
 * exact. A request the host sent us is for this account's path, whatever its spelling.
 */
function routeHandler(runtime: ChannelRuntime, path: string) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const request = toWebhookRequest(req);
    const query = request.target.indexOf('?');
    const requestPath = query === -1 ? request.target : request.target.slice(0, query);
    if (normalizeRoutePath(requestPath) !== path) {
      request.target = `${path}${query === -1 ? '' : request.target.slice(query)}`;
    }
    const response = await runtime.handle(request);
    writeWebhookResponse(res, response, request.bodyComplete());
    return true;
  };
}

/**
 * The media route (`GET`/`HEAD /sms-media/<token>`, prefix match): local files the assistant sends, served to
 * Twilio from the host gateway's port. The files of every account live in one directory, so any account's
 * route serves them all.
 */
function mediaHandler(runtime: ChannelRuntime) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if (!(await runtime.serveMedia(req, res)))
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
    return true;
  };
}

/**
 * `gateway.startAccount`: one SMS account inside the host gateway, until `ctx.abortSignal` fires. It runs the
 * same channel runtime as the standalone gateway (`createChannelRuntime`), with the host's pieces plugged in:
 * - the webhook route (`registerPluginHttpRoute`, `auth: "plugin"`) on the gateway's port: method, size, type,
 *   signature against `publicWebhookUrl`, account and number, then the message is on disk in the account's
 *   store (deduplicated on MessageSid) before `200 <Response/>`;
 * - the workers, started here, drain that durable queue: opt-out keywords, access and pairing through the host
 *   (`openclaw pairing ...`), the turn through the host (`inbound.run`), replies through Twilio. They run in the
 *   account's task, so the host admits their turns; a request only wakes them (docs/openclaw-host.md, section 9).
 *   Messages left by a crash or a restart are picked up at the next start;
 * - a sender the owner approves (`openclaw pairing approve sms <CODE>`) is texted that they may talk now.
 */
export async function runSmsAccount(
  ctx: HostGatewayContext<SmsPluginAccount>,
  deps: RunSmsAccountDeps,
): Promise<void> {
  const account: ResolvedSmsAccount = requireUsableAccount(ctx.account);
  const channelRuntime = ctx.channelRuntime ?? deps.runtime()?.channel;
  if (channelRuntime === undefined) throw new HostRuntimeMissingError('no channel runtime for startAccount');
  const logger: Logger = ctx.log === undefined ? silentLogger : createHostLogger(ctx.log);
  const status = (patch: Record<string, unknown>) => ctx.setStatus({ ...ctx.getStatus(), ...patch });

  const store = await deps.stores.acquire(account.accountId).catch((error: unknown) => {
    status({ lastError: error instanceof Error ? error.message : String(error) });
    throw error;
  });
  let unregister: (() => void) | undefined;
  let unregisterMedia: (() => void) | undefined;
  let runtime: ChannelRuntime | undefined;
  const stopNotices = new AbortController();
  let notices: Promise<void> | undefined;
  try {
    const origin = hostGatewayOrigin(ctx.cfg);
    const channel = createChannelRuntime({
      accounts: [account],
      store,
      logger,
      agent: createHostTurnAgent({
        channelRuntime,
        config: () => deps.runtime()?.config?.current?.() ?? ctx.cfg,
        account,
        logger,
        notDispatchedError: deps.sdk.notDispatchedError,
      }),
      access: createHostSenderAccess({ pairing: () => channelRuntime.pairing }),
      workers: deps.workers ?? 2,
      ...(deps.pollIntervalMs === undefined ? {} : { pollIntervalMs: deps.pollIntervalMs }),
      leaseMs: deps.leaseMs ?? 30_000,
      ...(deps.pruneIntervalMs === undefined ? {} : { pruneIntervalMs: deps.pruneIntervalMs }),
      listenOrigin: () => origin,
      ...(deps.mediaDir === undefined ? {} : { media: { directory: deps.mediaDir() } }),
      onAdmitted: () => status({ lastInboundAt: Date.now() }),
      onSent: () => status({ lastOutboundAt: Date.now() }),
    });
    runtime = channel;
    const path = normalizeRoutePath(account.webhookPath);
    unregister = deps.sdk.registerPluginHttpRoute({
      path,
      auth: 'plugin',
      match: 'exact',
      replaceExisting: true,
      pluginId: deps.pluginId ?? 'sms',
      accountId: account.accountId,
      log: (message) => logger.info({}, message),
      handler: routeHandler(channel, path),
    });
    unregisterMedia = deps.sdk.registerPluginHttpRoute({
      path: MEDIA_ROUTE_PREFIX.replace(/\/$/, ''),
      auth: 'plugin',
      match: 'prefix',
      replaceExisting: true,
      pluginId: deps.pluginId ?? 'sms',
      accountId: account.accountId,
      handler: mediaHandler(channel),
    });
    channel.start();
    if (deps.approvalPollMs !== false) {
      notices = createApprovalNotices({
        account,
        store,
        pairing: () => channelRuntime.pairing,
        knownFile: join(dirname(store.path), APPROVED_SENDERS_FILE),
        logger,
        pollIntervalMs: deps.approvalPollMs ?? 2000,
      }).run(stopNotices.signal);
    }
    const shown = account.publicWebhookUrl === undefined ? '' : ` (public URL ${account.publicWebhookUrl})`;
    logger.info(
      { accountId: account.accountId, store: store.path, driver: store.driver },
      `SMS webhook route: POST ${origin}${path} -> account ${account.accountId}${shown}`,
    );
    status({ running: true, connected: true, lifecycle: 'ready', lastStartAt: Date.now(), lastError: null });
    await waitForAbort(ctx.abortSignal);
  } catch (error) {
    status({ lastError: error instanceof Error ? error.message : String(error) });
    throw error;
  } finally {
    stopNotices.abort();
    await notices;
    unregister?.();
    unregisterMedia?.();
    await runtime?.stop(deps.graceMs ?? 5000);
    await deps.stores.release(account.accountId);
    status({ running: false, connected: false, lifecycle: 'stopped', lastStopAt: Date.now() });
    logger.info({ accountId: account.accountId }, 'SMS account stopped');
  }
}
