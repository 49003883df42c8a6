/**
 * The outbound log: each reply part Twilio accepted, with its Message SID, and the delivery status Twilio
 * later reports for it. A reply is identified by a `turnKey` (typically the inbound `MessageSid` it answers),
 * so a turn resumed after a crash sends only the parts that are not in the log yet.
 */
import type { DeliveryStatus } from './delivery-status.js';

/** One reply part Twilio accepted. */
export interface OutboundPartInput {
  /** Position of the part in the reply, from 0. */
  partIndex: number;
  /** The Message SID Twilio returned for it. */
  messageSid: string;
  /** The recipient, as sent. */
  to: string;
  /**
   * The status in Twilio's create response.
   * @default 'queued'
   */
  status?: DeliveryStatus;
}

/** What `recordOutboundPart` did. */
export type RecordOutboundPartResult =
  | { recorded: true }
  /** The part was already recorded with this same SID. */
  | { recorded: false; reason: 'duplicate' }
  /** The part was already recorded with another SID (returned): it was sent twice; the first record stands. */
  | { recorded: false; reason: 'part-conflict'; messageSid: string };

/** A logged reply part and its delivery state. */
export interface OutboundPart {
  accountId: string;
  turnKey: string;
  partIndex: number;
  messageSid: string;
  to: string;
  /** When it was recorded, ms since the epoch. */
  sentAt: number;
  status: DeliveryStatus;
  /** Twilio's `ErrorCode` for `failed` / `undelivered`, when reported. */
  errorCode: number | null;
}

/** Options of `applyDeliveryStatus`. */
export interface DeliveryStatusOptions {
  /** The callback's `ErrorCode`, if any. */
  errorCode?: number;
}

/** What `applyDeliveryStatus` did. */
export type ApplyDeliveryStatusResult =
  /** Recorded; `previous` is the status it replaced (`null` for a message not seen before). */
  | { applied: true; previous: DeliveryStatus | null }
  /** Not applied: the message already has this status, or one further along. */
  | { applied: false; reason: 'duplicate' | 'stale'; current: DeliveryStatus };

/** A message's delivery record. */
export interface Delivery {
  accountId: string;
  messageSid: string;
  status: DeliveryStatus;
  errorCode: number | null;
  /** When the status last moved, ms since the epoch. */
  updatedAt: number;
}

/** The outbound half of a gateway store. */
export interface OutboundLog {
  /** Logs a part Twilio accepted (idempotent) and records its initial delivery status. */
  recordOutboundPart(
    accountId: string,
    turnKey: string,
    part: OutboundPartInput,
  ): Promise<RecordOutboundPartResult>;
  /** The turn's logged parts, by `partIndex`. */
  listOutboundParts(accountId: string, turnKey: string): Promise<OutboundPart[]>;
  /**
   * Applies a status callback if it moves the message forward. A callback may arrive before its part is
   * logged (Twilio can call back before the create response is processed), so an unknown SID is recorded too.
   */
  applyDeliveryStatus(
    accountId: string,
    messageSid: string,
    status: DeliveryStatus,
    options?: DeliveryStatusOptions,
  ): Promise<ApplyDeliveryStatusResult>;
  getDelivery(accountId: string, messageSid: string): Promise<Delivery | undefined>;
}
