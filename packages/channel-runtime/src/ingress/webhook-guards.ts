import type { IngressLimits } from './ingress-limits.js';
import { KeyedTokenBuckets } from './token-bucket.js';

/** The flood guards of the webhook: shared by every route of one server. */
export interface WebhookGuards {
  /** Invalid requests per client IP. */
  invalid: KeyedTokenBuckets;
  /** Requests per route. */
  route: KeyedTokenBuckets;
  /** Requests being handled now. */
  inFlight: number;
  maxInFlight: number;
}

export type WebhookGuardLimits = Pick<
  IngressLimits,
  'maxInFlight' | 'routeRatePerSecond' | 'routeBurst' | 'invalidPerMinutePerIp' | 'invalidBurstPerIp'
>;

export function createWebhookGuards(limits: WebhookGuardLimits, now: () => number = Date.now): WebhookGuards {
  return {
    invalid: new KeyedTokenBuckets({
      capacity: limits.invalidBurstPerIp,
      refillPerSecond: limits.invalidPerMinutePerIp / 60,
      now,
    }),
    route: new KeyedTokenBuckets({
      capacity: limits.routeBurst,
      refillPerSecond: limits.routeRatePerSecond,
      now,
    }),
    inFlight: 0,
    maxInFlight: limits.maxInFlight,
  };
}
