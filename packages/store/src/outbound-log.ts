/**
 * The outbound log: each reply part Twilio accepted, with its Message SID, and the delivery status Twilio
 * later reports for it. A reply is identified by a `turnKey` (typically the inbound `MessageSid` it answers),
 * so a turn resumed after a crash sends only the parts that are not in the log yet.
 *
 * Send intents close the gap between Twilio accepting a part and its SID being logged: a process that dies
 * there would send the part again on resume. The sender records the intent BEFORE the request and the SID
 * after; on resume, a part with an intent but no SID may have been accepted, so the sender asks Twilio (its
 * Messages list: this `to`, this `from`, sent since `intendedAt`, this body) and adopts the SID it finds
 * (`recordOutboundPart`) instead of sending again; only when Twilio has none does it send.
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

/** What `recordSendIntent` stores: a reply part about to be sent. */
export interface SendIntentInput {
  /** Position of the part in the reply, from 0. */
  partIndex: number;
  /** The recipient. */
  to: string;
  /** Who sends it: the From number, or the Messaging Service SID when sending through one. */
  from: string;
  /**
   * Identifies the part's body without storing it twice (the reply draft holds it), e.g. its hex SHA-256:
   * what a resumed turn compares with the bodies of the messages Twilio lists.
   */
  bodyHash: string;
}

/** A recorded intent, and the SID of the part when it has been logged since. */
export interface SendIntent extends SendIntentInput {
  accountId: string;
  turnKey: string;
  /** When the intent was recorded, ms since the epoch: Twilio cannot have accepted the part before. */
  intendedAt: number;
  /** The part's logged SID; `null`: not logged, so whether Twilio accepted it is unknown (ask Twilio). */
  messageSid: string | null;
}

/** What `recordSendIntent` did: in both cases `intent` is the one that stands. */
export type RecordSendIntentResult =
  | { recorded: true; intent: SendIntent }
  /** The part had an intent already (an earlier attempt): it stands, with its time; nothing was written. */
  | { recorded: false; intent: SendIntent };

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
   * Records that a part is about to be sent, before the request to Twilio; first write wins (a retry of the
   * part keeps the first intent, whose time bounds the search of Twilio's list).
   */
  recordSendIntent(
    accountId: string,
    turnKey: string,
    intent: SendIntentInput,
  ): Promise<RecordSendIntentResult>;
  /** The turn's intents by `partIndex`, each with the part's logged SID or `null`. */
  listSendIntents(accountId: string, turnKey: string): Promise<SendIntent[]>;
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
