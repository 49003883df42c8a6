/**
 * The flood guards of the webhook and its body limits. Sized above what one process serves, so genuine Twilio
 * traffic is never refused by them: Twilio does not retry a webhook answered 429 or 503, so a refused genuine
 * message is lost.
 */
export interface IngressLimits {
  /** Largest webhook body; Twilio's forms are a few KB. @default 32768 */
  maxBodyBytes: number;
  /** Time allowed to receive the whole body (slow clients get 408). @default 10000 */
  bodyTimeoutMs: number;
  /** Webhook requests handled at once; more get 503 with Retry-After. @default 1024 */
  maxInFlight: number;
  /** Requests per second one webhook route accepts (token bucket); more get 429. @default 5000 */
  routeRatePerSecond: number;
  /** Burst above `routeRatePerSecond`. @default 10000 */
  routeBurst: number;
  /** Invalid requests (bad signature, malformed, wrong account) one client IP may make per minute. @default 30 */
  invalidPerMinutePerIp: number;
  /** Burst of invalid requests per client IP before 429. @default 10 */
  invalidBurstPerIp: number;
}

export const DEFAULT_INGRESS_LIMITS: Readonly<IngressLimits> = Object.freeze({
  maxBodyBytes: 32 * 1024,
  bodyTimeoutMs: 10_000,
  maxInFlight: 1024,
  routeRatePerSecond: 5000,
  routeBurst: 10_000,
  invalidPerMinutePerIp: 30,
  invalidBurstPerIp: 10,
});
