import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ResolvedSmsAccount } from '@sms-channel/config';
import { gatewayLimitsSchema } from '../app-config/gateway-config-schema.js';
import { createSilentLogger, type GatewayLogger } from '../logging/create-logger.js';
import { warnAboutAccounts } from '../runtime/warn-about-accounts.js';
import type { SentReply } from '../twilio/send-reply.js';
import { createWebhookHandler, type WebhookHandler } from '../webhook/create-webhook-handler.js';
import { toWebhookRequest, writeWebhookResponse } from '../webhook/node-webhook-adapter.js';
import { normalizeRoutePath } from '../webhook/webhook-route.js';
import { createWorkerPool } from '../worker/create-worker-pool.js';
import { createTwilioOutbound, type OutboundSender } from '../worker/outbound-sender.js';
import { SenderPacer } from '../worker/sender-pacer.js';
import type { AccountStores } from './account-stores.js';
import { createHostLogger } from './host-logger.js';
import { createHostSenderAccess } from './host-sender-access.js';
import { createHostTurnAgent } from './host-turn-agent.js';
import type { HostConfig, HostGatewayContext, HostPluginRuntime, HostSdk } from './host-types.js';
import { HostRuntimeMissingError } from './plugin-errors.js';
import { processHostInbound } from './process-host-inbound.js';
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
}

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
 * The host matches plugin routes case-insensitively and with a trailing slash; the webhook's route table is
 * exact. A request the host sent us is for this account's path, whatever its spelling.
 */
function routeHandler(webhook: WebhookHandler, path: string) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const request = toWebhookRequest(req);
    const query = request.target.indexOf('?');
    const requestPath = query === -1 ? request.target : request.target.slice(0, query);
    if (normalizeRoutePath(requestPath) !== path) {
      request.target = `${path}${query === -1 ? '' : request.target.slice(query)}`;
    }
    const response = await webhook.handle(request);
    writeWebhookResponse(res, response, request.bodyComplete());
    return true;
  };
}

function trackOutbound(outbound: OutboundSender, onSent: () => void): OutboundSender {
  const tracked = (sent: SentReply) => {
    if (sent.parts.some((part) => part.sentNow)) onSent();
    return sent;
  };
  const sendParts = outbound.sendParts;
  return {
    send: async (...args) => tracked(await outbound.send(...args)),
    ...(sendParts === undefined
      ? {}
      : { sendParts: async (...args: Parameters<typeof sendParts>) => tracked(await sendParts(...args)) }),
  };
}

/**
 * `gateway.startAccount`: one SMS account inside the host gateway, until `ctx.abortSignal` fires.
 * - The webhook route (`registerPluginHttpRoute`, `auth: "plugin"`) on the gateway's port runs the standalone
 *   gateway's whole pipeline: method, size, type, signature against `publicWebhookUrl`, account and number,
 *   then the message is on disk in the account's store (deduplicated on MessageSid) before `200 <Response/>`.
 * - A worker pool started here drains that durable queue: opt-out keywords, access and pairing through the
 *   host (`openclaw pairing ...`), the turn through the host (`inbound.run`), replies through Twilio. It runs
 *   in the account's task, so turns are admitted by the host; a request only wakes it (inside
 *   `runDetachedWebhookWork`). Messages left by a crash or a restart are picked up at the next start.
 */
export async function runSmsAccount(
  ctx: HostGatewayContext<SmsPluginAccount>,
  deps: RunSmsAccountDeps,
): Promise<void> {
  const account: ResolvedSmsAccount = requireUsableAccount(ctx.account);
  const channelRuntime = ctx.channelRuntime ?? deps.runtime()?.channel;
  if (channelRuntime === undefined) throw new HostRuntimeMissingError('no channel runtime for startAccount');
  const logger: GatewayLogger = ctx.log === undefined ? createSilentLogger() : createHostLogger(ctx.log);
  warnAboutAccounts([account], false, logger);
  const limits = gatewayLimitsSchema.parse({});
  const status = (patch: Record<string, unknown>) => ctx.setStatus({ ...ctx.getStatus(), ...patch });

  const store = await deps.stores.acquire(account.accountId).catch((error: unknown) => {
    status({ lastError: error instanceof Error ? error.message : String(error) });
    throw error;
  });
  const shutdown = new AbortController();
  let unregister: (() => void) | undefined;
  let pruneTimer: NodeJS.Timeout | undefined;
  let pool: ReturnType<typeof createWorkerPool> | undefined;
  try {
    const outbound = trackOutbound(
      createTwilioOutbound({ outboundLog: store, logger, send: { signal: shutdown.signal } }),
      () => status({ lastOutboundAt: Date.now() }),
    );
    const agent = createHostTurnAgent({
      channelRuntime,
      config: () => deps.runtime()?.config?.current?.() ?? ctx.cfg,
      account,
      outbound,
      drafts: store,
      logger,
      notDispatchedError: deps.sdk.notDispatchedError,
    });
    const access = createHostSenderAccess({ pairing: () => channelRuntime.pairing, outboundLog: store });
    const pacer = new SenderPacer(limits.senderTurnsPerMinute);
    const workerPool = createWorkerPool({
      queue: store,
      logger,
      concurrency: deps.workers ?? 2,
      pollIntervalMs: deps.pollIntervalMs ?? 1000,
      leaseMs: deps.leaseMs ?? 30_000,
      abort: shutdown,
      process: (claimed, signal) =>
        processHostInbound(
          claimed,
          {
            account: (id) => (id === account.accountId ? account : undefined),
            optOuts: store,
            access,
            agent,
            outbound,
            pacer,
          },
          signal,
        ),
    });
    pool = workerPool;
    const origin = hostGatewayOrigin(ctx.cfg);
    const webhook = createWebhookHandler({
      accounts: [account],
      store,
      logger,
      limits,
      listenOrigin: () => origin,
      onAdmitted: () => {
        status({ lastInboundAt: Date.now() });
        void deps.sdk.runDetachedWebhookWork(async () => workerPool.wake());
      },
    });
    const path = normalizeRoutePath(account.webhookPath);
    unregister = deps.sdk.registerPluginHttpRoute({
      path,
      auth: 'plugin',
      match: 'exact',
      replaceExisting: true,
      pluginId: deps.pluginId ?? 'sms',
      accountId: account.accountId,
      log: (message) => logger.info(message),
      handler: routeHandler(webhook, path),
    });
    workerPool.start();
    pruneTimer = setInterval(() => {
      store.prune().catch((error: unknown) => logger.warn({ err: error }, 'store prune failed'));
    }, deps.pruneIntervalMs ?? 3_600_000);
    pruneTimer.unref();
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
    unregister?.();
    if (pruneTimer !== undefined) clearInterval(pruneTimer);
    await pool?.stop(deps.graceMs ?? 5000);
    await deps.stores.release(account.accountId);
    status({ running: false, connected: false, lifecycle: 'stopped', lastStopAt: Date.now() });
    logger.info({ accountId: account.accountId }, 'SMS account stopped');
  }
}
