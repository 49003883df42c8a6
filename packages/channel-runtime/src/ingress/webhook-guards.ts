import type { IngressLimits } from './ingress-limits.js';
import { KeyedTokenBuckets } from './token-bucket.js';
import { UnverifiedRequests } from './unverified-requests.js';

/** The flood guards of the webhook: shared by every route of one server. */
export interface WebhookGuards {
  /** Requests whose body is being read, before their signature is checked (per client address, and in all). */
  unverified: UnverifiedRequests;
  /** Invalid requests per client address: consulted only once a request's signature has failed. */
  invalid: KeyedTokenBuckets;
  /** Signed requests per route. */
  route: KeyedTokenBuckets;
  /** Signed requests being committed now. */
  inFlight: number;
  maxInFlight: number;
}

export type WebhookGuardLimits = Pick<
  IngressLimits,
  | 'maxUnverifiedPerAddress'
  | 'maxUnverified'
  | 'maxInFlight'
  | 'routeRatePerSecond'
  | 'routeBurst'
  | 'invalidPerMinutePerIp'
  | 'invalidBurstPerIp'
>;

export function createWebhookGuards(limits: WebhookGuardLimits, now: () => number = Date.now): WebhookGuards {
  return {
    unverified: new UnverifiedRequests({
      maxPerAddress: limits.maxUnverifiedPerAddress,
      max: limits.maxUnverified,
    }),
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
