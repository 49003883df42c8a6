import { DEFAULT_INGRESS_LIMITS } from '@sms-channel/channel-runtime';
import { z } from 'zod';
import { DEFAULT_SERVER_SETTINGS } from '../runtime/server-settings.js';
import { storeConfigSchema } from './store-config-schema.js';

/**
 * The `gateway` section: where the HTTP server listens, where state lives, how many workers run, and the
 * flood guards. The limits are sized above what one gateway process handles, so genuine Twilio traffic is
 * never refused by them: Twilio does not retry a webhook answered 429, so a refused genuine message is lost.
 */

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8790;
/** Turns at once in the standalone gateway (the channel runtime's own default is for embedded hosts). */
export const DEFAULT_WORKERS = 64;

const positiveInt = z.int().min(1);

export const gatewayLimitsSchema = z.strictObject({
  /** Largest webhook body; Twilio's forms are a few KB. @default 32768 */
  maxBodyBytes: positiveInt.max(1024 * 1024).default(DEFAULT_INGRESS_LIMITS.maxBodyBytes),
  /** Time allowed to receive the whole body (slow clients get 408). @default 10000 */
  bodyTimeoutMs: positiveInt.max(120_000).default(DEFAULT_INGRESS_LIMITS.bodyTimeoutMs),
  /**
   * Webhook bodies being read (signature not checked yet) from one client address at once; one more cuts off
   * that address's oldest unfinished body (408), it is never refused. @default 1024
   */
  maxUnverifiedPerAddress: positiveInt.default(DEFAULT_INGRESS_LIMITS.maxUnverifiedPerAddress),
  /** Webhook bodies being read at once over all addresses; one more cuts off the oldest. @default 2048 */
  maxUnverified: positiveInt.default(DEFAULT_INGRESS_LIMITS.maxUnverified),
  /** Signed webhooks being committed at once; more get 503 with Retry-After (a stuck store). @default 1024 */
  maxInFlight: positiveInt.default(DEFAULT_INGRESS_LIMITS.maxInFlight),
  /** Signed requests per second one webhook route accepts (token bucket); more get 429. @default 5000 */
  routeRatePerSecond: positiveInt.default(DEFAULT_INGRESS_LIMITS.routeRatePerSecond),
  /** Burst above `routeRatePerSecond`. @default 10000 */
  routeBurst: positiveInt.default(DEFAULT_INGRESS_LIMITS.routeBurst),
  /**
   * Invalid requests (bad signature, malformed, wrong account) one client address may make per minute; past
   * its budget a request whose signature fails gets 429 (a signed one is still admitted). @default 30
   */
  invalidPerMinutePerIp: positiveInt.default(DEFAULT_INGRESS_LIMITS.invalidPerMinutePerIp),
  /** Burst of invalid requests per client address before the 429s. @default 10 */
  invalidBurstPerIp: positiveInt.default(DEFAULT_INGRESS_LIMITS.invalidBurstPerIp),
  /** Assistant turns per sender per minute; more are paced (delayed), never dropped. @default 12 */
  senderTurnsPerMinute: positiveInt.default(12),
});

/** The HTTP server's socket timeouts and connection cap (node:http's defaults hold idle sockets ~90 s). */
export const gatewayServerSchema = z
  .strictObject({
    /** Time from a connection's first byte (or its previous request) to the end of the request head. @default 10000 */
    headersTimeoutMs: positiveInt.max(300_000).default(DEFAULT_SERVER_SETTINGS.headersTimeoutMs),
    /**
     * Time to receive a whole request, head and body; keep it above `headersTimeoutMs` + `limits.bodyTimeoutMs`
     * so a slow webhook body gets its 408 first. @default 30000
     */
    requestTimeoutMs: positiveInt.max(600_000).default(DEFAULT_SERVER_SETTINGS.requestTimeoutMs),
    /**
     * How long an idle keep-alive connection is kept; above the 60 s idle timeout of common proxies and load
     * balancers, so they close first and never send a request on a connection being closed. @default 65000
     */
    keepAliveTimeoutMs: z.int().min(0).max(600_000).default(DEFAULT_SERVER_SETTINGS.keepAliveTimeoutMs),
    /** How often the two timeouts above are checked (node:http's 30 s default made them that late). @default 1000 */
    timeoutCheckIntervalMs: positiveInt
      .min(100)
      .max(30_000)
      .default(DEFAULT_SERVER_SETTINGS.timeoutCheckIntervalMs),
    /**
     * Open connections; one more closes the oldest connection with no request in progress (an idle or
     * slow-header one), or, when every one is busy, the newcomer. @default 4096
     */
    maxConnections: positiveInt.max(1_000_000).default(DEFAULT_SERVER_SETTINGS.maxConnections),
    /**
     * Connections the kernel queues until the server accepts them (capped by the system's somaxconn); node's 511
     * overflowed under a connection flood, and a dropped SYN costs a genuine client a 1 s retransmit. @default 4096
     */
    listenBacklog: positiveInt.max(65_535).default(DEFAULT_SERVER_SETTINGS.listenBacklog),
  })
  .refine((server) => server.requestTimeoutMs >= server.headersTimeoutMs, {
    path: ['requestTimeoutMs'],
    message: 'requestTimeoutMs must be at least headersTimeoutMs',
  });

export const gatewayConfigSchema = z.strictObject({
  /** Interface to listen on. @default "127.0.0.1" */
  host: z.string().min(1).default(DEFAULT_HOST),
  /** TCP port; 0 picks a free one. @default 8790 */
  port: z.int().min(0).max(65_535).default(DEFAULT_PORT),
  /** Directory of the SQLite store. @default $SMS_CHANNEL_STATE_DIR or ~/.sms-channel/state */
  stateDir: z.string().min(1).optional(),
  /**
   * Concurrent assistant turns (one sender's messages are always handled one at a time). Turns wait on the model
   * and on Twilio, not on the CPU: 64 keep up with 20 texts/s of 1-2 s model turns against a slow, 429-ing Twilio,
   * where 4 served 1.9/s and 32 served 13/s (BENCHMARKS.md); an idle worker costs next to nothing. @default 64
   */
  workers: z.int().min(0).max(256).default(DEFAULT_WORKERS),
  /**
   * Rebuild the public URL from `X-Forwarded-Proto` / `X-Forwarded-Host` for signature checks when an
   * account has no `publicWebhookUrl`. Only behind a proxy you control, which sets those headers itself.
   * @default false
   */
  trustProxy: z.boolean().default(false),
  /**
   * How long a worker's claim on a message lasts; it is renewed every third of this while the turn runs. After
   * a crash (`kill -9`), the messages in progress are picked up again this long after. @default 30000
   */
  claimLeaseMs: z.int().min(1000).max(3_600_000).default(30_000),
  /** How long shutdown waits for turns in progress before releasing them. @default 10000 */
  shutdownGraceMs: z.int().min(0).max(300_000).default(10_000),
  /**
   * Where local media files sent by MMS are served to Twilio, instead of the origin of each account's
   * `publicWebhookUrl`: an https URL that reaches this gateway (its path is kept; `/sms-media/<token>` is added).
   * @default the origin of the account's publicWebhookUrl
   */
  mediaBaseUrl: z
    .url({ protocol: /^https?$/, error: 'mediaBaseUrl must be an absolute https URL' })
    .optional(),
  /** How long a served media file stays reachable (sooner gone once its message was delivered). @default 3600000 */
  mediaTtlMs: z
    .int()
    .min(60_000)
    .max(7 * 86_400_000)
    .default(3_600_000),
  /** How long inbound MMS media (and the media of reply drafts) are kept under `<stateDir>/media`. @default 604800000 */
  mediaRetentionMs: z
    .int()
    .min(60_000)
    .default(7 * 86_400_000),
  /**
   * On SIGTERM, how long `/readyz` fails while webhooks are still served, so a load balancer stops sending
   * before the listener closes. Only when `/readyz` was asked since start (something watches it). @default 5000
   */
  shutdownDrainMs: z.int().min(0).max(300_000).default(5000),
  /** The store: SQLite under `stateDir` (default) or PostgreSQL (`url`, or $SMS_CHANNEL_DATABASE_URL). */
  store: storeConfigSchema.default(() => storeConfigSchema.parse({})),
  /** Log level (`fatal`, `error`, `warn`, `info`, `debug`, `trace`, `silent`). @default "info" */
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // `default` (not `prefault`): the config package's issue converter walks through ZodDefault to suggest keys.
  limits: gatewayLimitsSchema.default(() => gatewayLimitsSchema.parse({})),
  server: gatewayServerSchema.default(() => gatewayServerSchema.parse({})),
});

export type GatewayLimits = z.infer<typeof gatewayLimitsSchema>;
export type GatewayServerSection = z.infer<typeof gatewayServerSchema>;
export type GatewaySection = z.infer<typeof gatewayConfigSchema>;
