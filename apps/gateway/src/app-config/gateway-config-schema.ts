import { DEFAULT_INGRESS_LIMITS } from '@sms-channel/channel-runtime';
import { z } from 'zod';

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
  /** Log level (`fatal`, `error`, `warn`, `info`, `debug`, `trace`, `silent`). @default "info" */
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // `default` (not `prefault`): the config package's issue converter walks through ZodDefault to suggest keys.
  limits: gatewayLimitsSchema.default(() => gatewayLimitsSchema.parse({})),
});

export type GatewayLimits = z.infer<typeof gatewayLimitsSchema>;
export type GatewaySection = z.infer<typeof gatewayConfigSchema>;
