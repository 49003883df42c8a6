import type { IncomingMessage, ServerResponse } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { ResolvedSmsAccount } from '@sms-channel/config';
import type { GatewayStore } from '@sms-channel/store';
import type { WebhookResponse } from '@sms-channel/twilio-messaging';
import type { SenderAccess } from './access/sender-access.js';
import { createStoreSenderAccess } from './access/store-sender-access.js';
import type { Agent } from './agent/agent.js';
import { RuntimeOptionsError } from './errors.js';
import { createWebhookHandler } from './ingress/create-webhook-handler.js';
import type { IngressLimits } from './ingress/ingress-limits.js';
import { DEFAULT_SUMMARY_INTERVAL_MS } from './ingress/webhook-activity.js';
import type { WebhookRequest } from './ingress/webhook-request.js';
import type { WebhookRoute } from './ingress/webhook-route.js';
import { type Logger, silentLogger } from './logger.js';
import { type ChannelMedia, type ChannelMediaOptions, createChannelMedia } from './media/channel-media.js';
import { createTwilioOutbound, type OutboundSender } from './reply/outbound-sender.js';
import { warmUpReplies } from './reply/warm-up.js';
import { warnAboutAccounts } from './warn-about-accounts.js';
import { createWorkerPool } from './worker/create-worker-pool.js';
import { sendFailureReply } from './worker/failure-reply.js';
import { processInbound } from './worker/process-inbound.js';
import type { TurnHistory } from './worker/turn-history.js';
import {
  createTurnLimit,
  TURN_LIMIT_SAMPLE_MS,
  type TurnLimit,
  type TurnLimitOptions,
} from './worker/turn-limit.js';

export interface ChannelRuntimeOptions {
  /** Resolved accounts; each enabled one gets a webhook route on its `webhookPath`. */
  accounts: readonly ResolvedSmsAccount[];
  /** The durable state: the queue, outbound log, drafts, opt-outs, pairing. The host opens and closes it. */
  store: GatewayStore;
  /** Writes the replies. */
  agent: Agent;
  /** Who may talk, and pairing. @default `createStoreSenderAccess` on `store.pairing` */
  access?: SenderAccess;
  /** Sends SMS parts. @default `createTwilioOutbound` on the store's outbound log, ended by `stop` */
  outbound?: OutboundSender;
  /** @default `silentLogger` */
  logger?: Logger;
  /** Webhook flood guards and body limits. @default `DEFAULT_INGRESS_LIMITS` */
  limits?: Partial<IngressLimits>;
  /** Behind a proxy you control: trust `X-Forwarded-*` (signature URL, client address). @default false */
  trustProxy?: boolean;
  /** `http://host:port` the host listens on: the signature URL of last resort. */
  listenOrigin?: () => string | undefined;
  /** Turns at once (one sender's messages are always one at a time; 0: acknowledge and queue only). @default 4 */
  workers?: number;
  /**
   * Acknowledgements first: the turns run at once start at `initial` and follow the event loop's delay, sampled
   * every 50 ms: halved (down to `min`) when it went above `highMs`, one more (up to `workers`) when it stayed
   * below `lowMs` while workers waited. `false`: always `workers` turns.
   * @default { initial: 4, min: 1, highMs: 10, lowMs: 3 }
   */
  turnLimit?: Partial<Pick<TurnLimitOptions, 'initial' | 'min' | 'highMs' | 'lowMs'>> | false;
  /** How long a worker's claim on a message lasts; renewed while the turn runs. @default 30000 */
  leaseMs?: number;
  /** How often idle workers look for messages whose retry time came (new ones wake them). @default 1000 */
  pollIntervalMs?: number;
  /** Assistant turns per sender per minute; more are deferred, never dropped. @default 12 */
  senderTurnsPerMinute?: number;
  /** The conversation history given to the agent, whose appends are saved with the reply draft. */
  turnHistory?: TurnHistory;
  /** How often old store rows are pruned. @default 3_600_000 */
  pruneIntervalMs?: number;
  /** How often the webhook and worker activity summaries are logged. @default 60000 */
  summaryIntervalMs?: number;
  /**
   * Where media live (standalone: `<stateDir>/media`). Without it, inbound MMS media are not fetched (the turn
   * gets `[1 attachment unavailable]`) and replies can only carry remote media URLs.
   */
  media?: ChannelMediaOptions;
  /** How often old media files are deleted, and served files whose message was delivered. @default 60000 */
  mediaSweepIntervalMs?: number;
  /** Told each time a new inbound message is on disk (after the workers were woken). */
  onAdmitted?: () => void;
  /** Told each time the runtime's outbound sender got Twilio to accept at least one new part. */
  onSent?: () => void;
}

/** The channel core a host runs: the webhook of every account, and the workers that answer. */
export interface ChannelRuntime {
  /** The webhook routes, by normalised path. */
  readonly routes: ReadonlyMap<string, WebhookRoute>;
  /** Answers one webhook request (framework-agnostic). Never throws. */
  handle(request: WebhookRequest): Promise<WebhookResponse>;
  /** Answers one node:http request (every path: the webhooks, the media route; unknown ones get 404). */
  handleNode(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /**
   * Answers a request for a served media file (`GET`/`HEAD /sms-media/<token>`); `false`, with nothing written,
   * for any other path. `handleNode` does it already; a host routing paths itself calls it for that prefix.
   */
  serveMedia(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** The media side (its directory, served files), when the host gave a media directory. */
  readonly media: ChannelMedia | undefined;
  /** Starts the workers, the prune and the summary timers. */
  start(): void;
  /**
   * Stops claiming, lets turns in progress finish for `graceMs`, then aborts them (they go back to the queue)
   * and resolves once every worker has stopped. The store stays open: its owner closes it.
   */
  stop(graceMs: number): Promise<void>;
  /** Turns running now. */
  readonly busy: number;
}

const FINAL_STATUSES: ReadonlySet<string> = new Set([
  'delivered',
  'undelivered',
  'failed',
  'read',
  'canceled',
]);

/** The options a caller must give, checked at once: a JavaScript caller gets a named error, not a crash later. */
function checkOptions(options: ChannelRuntimeOptions): void {
  const given = options as Partial<ChannelRuntimeOptions> | undefined;
  if (!Array.isArray(given?.accounts)) {
    throw new RuntimeOptionsError(
      'accounts',
      'must be the resolved accounts (resolveSmsAccounts(...).accounts)',
    );
  }
  const store = given.store as Partial<ChannelRuntimeOptions['store']> | undefined;
  if (typeof store?.admitInbound !== 'function' || typeof store.claimInbound !== 'function') {
    throw new RuntimeOptionsError(
      'store',
      'must be a GatewayStore (openStore, openThreadedStore, openPostgresStore)',
    );
  }
  if (typeof given.agent?.reply !== 'function') {
    throw new RuntimeOptionsError('agent', 'must be an Agent: { kind, reply(turn) }');
  }
}

/** How long after `start` the reply code is loaded (`warmUpReplies`). */
const WARM_UP_DELAY_MS = 1000;

/** Timer resolution of the delay monitor (ms): fine enough for a 10 ms threshold, cheap (a native timer). */
const DELAY_RESOLUTION_MS = 5;

/** Feeds `limit` the event loop's largest delay over each sample period; returns what stops the monitor. */
function sampleLoopDelay(limit: TurnLimit, every: (ms: number, work: () => void) => void): () => void {
  const delay = monitorEventLoopDelay({ resolution: DELAY_RESOLUTION_MS });
  delay.enable();
  every(TURN_LIMIT_SAMPLE_MS, () => {
    // The histogram holds each timer period (ns), the resolution included: the delay is what lies beyond it.
    const lateMs = delay.count === 0 ? 0 : Math.max(0, delay.max / 1e6 - DELAY_RESOLUTION_MS);
    delay.reset();
    limit.update(lateMs);
  });
  return () => delay.disable();
}

function reportSends(outbound: OutboundSender, onSent: (() => void) | undefined): OutboundSender {
  if (onSent === undefined) return outbound;
  return {
    send: async (...args) => {
      const sent = await outbound.send(...args);
      if (sent.parts.some((part) => part.sentNow)) onSent();
      return sent;
    },
  };
}

/**
 * The SMS channel core both hosts call (the standalone gateway and the OpenClaw plugin): webhook ingress (guards,
 * signature, durable admit, TwiML answer), the worker pool (per-sender order, leases, pacing) and each
 * message's processing (opt-out keywords, access and pairing, the turn, durable replies). A behaviour fixed here
 * is fixed for both hosts.
 */
export function createChannelRuntime(options: ChannelRuntimeOptions): ChannelRuntime {
  checkOptions(options);
  const { store } = options;
  const logger = options.logger ?? silentLogger;
  warnAboutAccounts(options.accounts, options.trustProxy ?? false, logger);
  const accounts = new Map(options.accounts.map((account) => [account.accountId, account]));
  const shutdown = new AbortController();
  const outbound = reportSends(
    options.outbound ??
      createTwilioOutbound({ outboundLog: store, logger, send: { signal: shutdown.signal } }),
    options.onSent,
  );
  const access = options.access ?? createStoreSenderAccess({ pairing: store.pairing });
  const media = options.media === undefined ? undefined : createChannelMedia(options.media);
  if (media === undefined) {
    logger.info({}, 'no media directory: inbound MMS media are not fetched, local files cannot be sent');
  }
  const pacing = { store, turnsPerMinute: options.senderTurnsPerMinute ?? 12 };
  const workers = options.workers ?? 4;
  // Checked even with no workers (a bad option is named, not ignored); used only with some.
  const checkedLimit =
    options.turnLimit === false
      ? undefined
      : createTurnLimit({ ...options.turnLimit, max: Math.max(1, workers) });
  const limit = workers === 0 ? undefined : checkedLimit;
  const pool = createWorkerPool({
    queue: store,
    logger,
    concurrency: workers,
    ...(limit === undefined ? {} : { limit }),
    pollIntervalMs: options.pollIntervalMs ?? 1000,
    leaseMs: options.leaseMs ?? 30_000,
    abort: shutdown,
    onAssistantGaveUp: (claimed) =>
      sendFailureReply(claimed, { account: (id) => accounts.get(id), optOuts: store, outbound, logger }),
    process: (claimed, signal) =>
      processInbound(
        claimed,
        {
          account: (id) => accounts.get(id),
          optOuts: store,
          access,
          agent: options.agent,
          outbound,
          drafts: store,
          pacing,
          ...(options.turnHistory === undefined ? {} : { turnHistory: options.turnHistory }),
          ...(media === undefined ? {} : { inboundMedia: (request) => media.fetchInbound(request, logger) }),
          replyMedia: {
            host: media?.host,
            legacyDrafts: media?.legacyDrafts,
            baseUrl: media?.baseUrl,
            logger,
          },
        },
        signal,
      ),
  });
  const webhook = createWebhookHandler({
    accounts: options.accounts,
    store,
    logger,
    ...(options.limits === undefined ? {} : { limits: options.limits }),
    trustProxy: options.trustProxy ?? false,
    ...(options.listenOrigin === undefined ? {} : { listenOrigin: options.listenOrigin }),
    // The store tells `onInboundAdmitted` listeners of every admit (this process's too), which wakes a worker.
    ...(options.onAdmitted === undefined ? {} : { onAdmitted: options.onAdmitted }),
  });

  /** A served file may go once the message that carried it reached a final status. */
  const delivered = async (accountId: string, messageSid: string) => {
    const delivery = await store.getDelivery(accountId, messageSid);
    return delivery !== undefined && FINAL_STATUSES.has(delivery.status);
  };
  const timers: NodeJS.Timeout[] = [];
  let unsubscribe: (() => void) | undefined;
  let stopDelayMonitor: (() => void) | undefined;
  const every = (ms: number, work: () => void) => {
    const timer = setInterval(work, ms);
    timer.unref();
    timers.push(timer);
  };
  return {
    routes: webhook.routes,
    handle: (request) => webhook.handle(request),
    handleNode: async (req, res) => {
      if (media !== undefined && (await media.host.serve(req, res))) return;
      await webhook.handleNode(req, res);
    },
    serveMedia: async (req, res) => (media === undefined ? false : media.host.serve(req, res)),
    media,
    get busy() {
      return pool.busy;
    },
    start() {
      // Admits by other processes on a shared store (PostgreSQL) wake this one's workers too; the poll stays, for
      // retries that come due and for a notification lost with a dropped connection.
      unsubscribe = store.onInboundAdmitted(() => pool.wake());
      pool.start();
      if (limit !== undefined) stopDelayMonitor = sampleLoopDelay(limit, every);
      // Soon after start rather than with the first reply, when it would hold up the webhooks of that moment. Not
      // at once: it holds the loop for 200 ms or more, and a host that is told to stop right after starting (a
      // SIGINT as soon as it listens) must be able to answer that first; `stop` cancels it.
      if (workers > 0) {
        const twilioSdk = options.outbound === undefined;
        const warmUp = setTimeout(() => void warmUpReplies({ twilioSdk }), WARM_UP_DELAY_MS);
        warmUp.unref();
        timers.push(warmUp);
      }
      every(options.pruneIntervalMs ?? 3_600_000, () => {
        store.prune().then(
          (pruned) => logger.debug({ pruned }, 'store pruned'),
          (error: unknown) => logger.warn({ err: error }, 'store prune failed'),
        );
      });
      if (media !== undefined) {
        every(options.mediaSweepIntervalMs ?? 60_000, () => {
          media.sweep(delivered).then(
            (swept) => logger.debug(swept, 'media swept'),
            (error: unknown) => logger.warn({ err: error }, 'media sweep failed'),
          );
        });
      }
      const summaryMs = options.summaryIntervalMs ?? DEFAULT_SUMMARY_INTERVAL_MS;
      every(summaryMs, () => {
        webhook.activity.summarize(summaryMs);
        pool.summarize(summaryMs);
      });
    },
    async stop(graceMs) {
      for (const timer of timers.splice(0)) clearInterval(timer);
      unsubscribe?.();
      stopDelayMonitor?.();
      await pool.stop(graceMs);
      webhook.activity.summarize(options.summaryIntervalMs ?? DEFAULT_SUMMARY_INTERVAL_MS);
      pool.summarize(options.summaryIntervalMs ?? DEFAULT_SUMMARY_INTERVAL_MS);
    },
  };
}
