/**
 * The flood guards of the webhook and its body limits. Nothing about a request is known to be genuine before its
 * signature is checked, and behind a proxy or tunnel Twilio and an attacker share one client address: so no
 * guard refuses a request before its signature is checked. Budgets on unverified requests cut off the oldest
 * unfinished body instead of refusing the newcomer, and the per-address invalid budget only changes the answer to
 * a request already proven forged. The limits on signed requests are sized above what one process serves, so
 * genuine Twilio traffic is never refused by them: Twilio does not retry a webhook answered 429 or 503.
 */
export interface IngressLimits {
  /** Largest webhook body; Twilio's forms are a few KB. @default 32768 */
  maxBodyBytes: number;
  /** Time allowed to receive the whole body (slow clients get 408). @default 10000 */
  bodyTimeoutMs: number;
  /**
   * Unverified requests (body being read, signature not checked yet) from one client address at once; one more
   * cuts off that address's oldest unfinished body (408 `body-evicted`), it is never refused. Under a flood
   * that keeps replacing its cut-off connections, a body still arriving survives about this many newer arrivals,
   * so it is sized for a genuine body delayed by a lost segment (~1 s) at the rate this host serves. @default 1024
   */
  maxUnverifiedPerAddress: number;
  /** Unverified requests at once over all addresses; one more cuts off the oldest unfinished body. @default 2048 */
  maxUnverified: number;
  /** Signed requests being committed at once; more get 503 with Retry-After (a stuck store). @default 1024 */
  maxInFlight: number;
  /** Signed requests per second one webhook route accepts (token bucket); more get 429. @default 5000 */
  routeRatePerSecond: number;
  /** Burst above `routeRatePerSecond`. @default 10000 */
  routeBurst: number;
  /**
   * Invalid requests (bad signature, malformed, wrong account) one client address may make per minute; past
   * its budget, a request whose signature fails gets 429 instead of 403. @default 30
   */
  invalidPerMinutePerIp: number;
  /** Burst of invalid requests per client address before the 429s. @default 10 */
  invalidBurstPerIp: number;
}

export const DEFAULT_INGRESS_LIMITS: Readonly<IngressLimits> = Object.freeze({
  maxBodyBytes: 32 * 1024,
  bodyTimeoutMs: 10_000,
  maxUnverifiedPerAddress: 1024,
  maxUnverified: 2048,
  maxInFlight: 1024,
  routeRatePerSecond: 5000,
  routeBurst: 10_000,
  invalidPerMinutePerIp: 30,
  invalidBurstPerIp: 10,
});
