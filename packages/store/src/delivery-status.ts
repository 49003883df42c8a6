/**
 * Twilio's outbound message statuses and the rule for applying status callbacks. Twilio does not promise to
 * deliver callbacks in order or only once, so a status is applied only when it moves the message forward:
 * a late `sent` never overwrites `delivered`, and a repeated `delivered` changes nothing.
 */

/**
 * The statuses an outbound Message can report, in lifecycle order (Twilio's Message resource `Status`
 * values, without the inbound-only `receiving` and `received`). With a Messaging Service a message starts
 * as `accepted` (or `scheduled`), without one as `queued`.
 */
export const deliveryStatuses = [
  'scheduled',
  'accepted',
  'queued',
  'sending',
  'sent',
  'delivered',
  'undelivered',
  'failed',
  'partially_delivered',
  'canceled',
  'read',
] as const;

/** One of Twilio's outbound message statuses. */
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/**
 * Position of each status in the lifecycle. The final outcomes share one rank: whichever Twilio reports
 * first stands. `read` (channels with read receipts) comes after `delivered`.
 */
const rank: Readonly<Record<DeliveryStatus, number>> = {
  scheduled: 0,
  accepted: 1,
  queued: 2,
  sending: 3,
  sent: 4,
  delivered: 5,
  undelivered: 5,
  failed: 5,
  partially_delivered: 5,
  canceled: 5,
  read: 6,
};

/** Narrows untrusted text (a status callback's `MessageStatus`) to a known status. */
export function isDeliveryStatus(value: unknown): value is DeliveryStatus {
  return typeof value === 'string' && Object.hasOwn(rank, value);
}

/** What a status update does to a message's recorded status. */
export type StatusUpdateDecision = 'apply' | 'duplicate' | 'stale';

/** Decides whether `next` moves a message forward from `current` (`undefined`: nothing recorded yet). */
export function decideStatusUpdate(
  current: DeliveryStatus | undefined,
  next: DeliveryStatus,
): StatusUpdateDecision {
  if (current === undefined) return 'apply';
  if (current === next) return 'duplicate';
  return rank[next] > rank[current] ? 'apply' : 'stale';
}
