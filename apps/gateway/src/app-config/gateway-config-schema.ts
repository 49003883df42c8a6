import { DEFAULT_INGRESS_LIMITS } from '@sms-channel/channel-runtime';
import { z } from 'zod';
import { storeConfigSchema } from './store-config-schema.js';

/**
 * The `gateway` section: where the HTTP server listens, where state lives, how many workers run, and the
 * flood guards. The limits are sized above what one gateway process handles, so genuine Twilio traffic is
 * never refused by them: Twilio does not retry a webhook answered 429, so a refused genuine message is lost.
 */

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8790;

const positiveInt = z.int().min(1);

export const gatewayLimitsSchema = z.strictObject({
  /** Largest webhook body; Twilio's forms are a few KB. @default 32768 */
  maxBodyBytes: positiveInt.max(1024 * 1024).default(DEFAULT_INGRESS_LIMITS.maxBodyBytes),
  /** Time allowed to receive the whole body (slow clients get 408). @default 10000 */
  bodyTimeoutMs: positiveInt.max(120_000).default(DEFAULT_INGRESS_LIMITS.bodyTimeoutMs),
  /** Webhook requests handled at once; more get 503 with Retry-After. @default 1024 */
  maxInFlight: positiveInt.default(DEFAULT_INGRESS_LIMITS.maxInFlight),
  /** Requests per second one webhook route accepts (token bucket); more get 429. @default 5000 */
  routeRatePerSecond: positiveInt.default(DEFAULT_INGRESS_LIMITS.routeRatePerSecond),
  /** Burst above `routeRatePerSecond`. @default 10000 */
  routeBurst: positiveInt.default(DEFAULT_INGRESS_LIMITS.routeBurst),
  /** Invalid requests (bad signature, malformed, wrong account) one client IP may make per minute. @default 30 */
  invalidPerMinutePerIp: positiveInt.default(DEFAULT_INGRESS_LIMITS.invalidPerMinutePerIp),
  /** Burst of invalid requests per client IP before 429. @default 10 */
  invalidBurstPerIp: positiveInt.default(DEFAULT_INGRESS_LIMITS.invalidBurstPerIp),
  /** Assistant turns per sender per minute; more are paced (delayed), never dropped. @default 12 */
  senderTurnsPerMinute: positiveInt.default(12),
});

export const gatewayConfigSchema = z.strictObject({
  /** Interface to listen on. @default "127.0.0.1" */
  host: z.string().min(1).default(DEFAULT_HOST),
  /** TCP port; 0 picks a free one. @default 8790 */
  port: z.int().min(0).max(65_535).default(DEFAULT_PORT),
  /** Directory of the SQLite store. @default $SMS_CHANNEL_STATE_DIR or ~/.sms-channel/state */
  stateDir: z.string().min(1).optional(),
  /** Concurrent assistant turns (one sender's messages are always handled one at a time). @default 4 */
  workers: z.int().min(0).max(64).default(4),
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
});

export type GatewayLimits = z.infer<typeof gatewayLimitsSchema>;
export type GatewaySection = z.infer<typeof gatewayConfigSchema>;
