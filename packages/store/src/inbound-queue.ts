/**
 * The inbound queue: every webhook the gateway acknowledged, deduplicated on `(accountId, messageSid)`, handed
 * to workers one message per sender at a time. Twilio retries a webhook that was not answered in 15 s with the
 * same `MessageSid`, so admitting is idempotent and one message can only ever produce one assistant turn.
 */
import type { JsonObject } from './json.js';

/** Options of `admitInbound`. */
export interface AdmitInboundOptions {
  /**
   * The sender whose messages must be handled in order, one at a time.
   * @default `payload.From` when it is a non-empty string, else the message is ordered with nothing.
   */
  sender?: string;
}

/** What `admitInbound` did. */
export interface AdmitResult {
  /** True when this `(accountId, messageSid)` was admitted before: nothing was written. */
  duplicate: boolean;
}

/** A message newly admitted (never a duplicate), as told to `onInboundAdmitted` listeners. */
export interface InboundAdmitted {
  accountId: string;
  messageSid: string;
  /** Its ordering key (see `AdmitInboundOptions.sender`). */
  sender: string | null;
}

/** Told of each message admitted; must not throw (what it throws is reported as an uncaught exception). */
export type InboundAdmittedListener = (event: InboundAdmitted) => void;

/** Options of `claimInbound`. */
export interface ClaimInboundOptions {
  /**
   * How long the claim is held. If neither `completeInbound` nor `failInbound` is called in time (the worker
   * crashed), the message becomes claimable again.
   * @default the store's `leaseMs` (5 minutes for the SQLite store)
   */
  leaseMs?: number;
}

/** An admitted message as the queue holds it: what a claim and a dead letter both carry. */
export interface StoredInbound {
  /** Row id: what `completeInbound` / `failInbound` (or, for a dead letter, `requeueDeadLetter`) take. */
  id: number;
  accountId: string;
  messageSid: string;
  /** The ordering key (see `AdmitInboundOptions.sender`); `null`: ordered with nothing. */
  sender: string | null;
  payload: JsonObject;
  /** Claims of this message so far (on a claim, that claim included: 1 on the first try). */
  attempts: number;
  /** When the message was admitted, ms since the epoch. */
  admittedAt: number;
}

/** A message handed to one worker. */
export interface ClaimedInbound extends StoredInbound {
  /** When the claim lapses, ms since the epoch. */
  leaseUntil: number;
}

/** Options of `failInbound`. */
export interface FailInboundOptions {
  /** Why this attempt failed; kept with the message, and as the dead-letter reason on the last attempt. */
  reason: string;
  /**
   * Wait at least this long before the next attempt (for example Twilio's `Retry-After`).
   * @default the store's backoff: 1 s, doubling per attempt, at most 5 minutes
   */
  retryAfterMs?: number;
  /**
   * Dead-letter the message instead of retrying once it has been claimed this many times.
   * @default the store's `maxAttempts` (5 for the SQLite store)
   */
  maxAttempts?: number;
}

/** Options of `deferInbound`. */
export interface DeferInboundOptions {
  /** Hand the message out again no sooner than this (ms from now). */
  retryAfterMs: number;
  /**
   * Why it waits (for example per-sender pacing); kept with the message like a failure reason.
   * @default the reason of its last failed attempt is kept
   */
  reason?: string;
}

/** What `deferInbound` did. */
export type DeferResult = { ok: true; retryAt: number } | { ok: false; reason: NotSettledReason };

/**
 * Why a settle call (`completeInbound`, `failInbound`, `deferInbound`, `deadLetterInbound`,
 * `extendInboundLease`) did nothing.
 */
export type NotSettledReason = 'not-found' | 'not-claimed';

/** What `completeInbound`, `deadLetterInbound` and `extendInboundLease` did. */
export type SettleResult = { ok: true } | { ok: false; reason: NotSettledReason };

/** What `failInbound` did. */
export type FailResult =
  | { ok: true; outcome: 'retry'; retryAt: number }
  | { ok: true; outcome: 'dead-lettered' }
  | { ok: false; reason: NotSettledReason };

/** A message given up on, kept (payload included) for inspection. */
export interface DeadLetter extends StoredInbound {
  reason: string;
  deadLetteredAt: number;
}

/** Options of `listDeadLetters`. */
export interface ListDeadLettersOptions {
  /** Only this account's. */
  accountId?: string;
  /** Only the dead letter of this MessageSid (one per account: several accounts may each hold one). */
  messageSid?: string;
  /**
   * At most this many, newest first.
   * @default 100
   */
  limit?: number;
}

/** A message admitted and not settled yet (waiting for a worker, or held by one), as `listQueuedInbound` lists it. */
export interface QueuedInbound extends StoredInbound {
  /** `'pending'`: waiting for a worker, maybe for its retry time; `'claimed'`: a worker holds it. */
  state: 'pending' | 'claimed';
  /** Pending: the earliest time it may be handed out (ms since the epoch); claimed: `null`. */
  availableAt: number | null;
  /** Claimed: when the claim lapses (ms since the epoch); pending: `null`. */
  leaseUntil: number | null;
  /** Why its last attempt failed, or why it was deferred; `null` if neither happened. */
  lastError: string | null;
}

/** Options of `listQueuedInbound`. */
export interface ListQueuedInboundOptions {
  /** Only this account's. */
  accountId?: string;
  /**
   * At most this many, oldest first (the order workers take them in, sender by sender).
   * @default 100
   */
  limit?: number;
}

/** How many inbound messages are in each state. */
export interface InboundCounts {
  /** Waiting for a worker (including those waiting for a retry time). */
  pending: number;
  /** Held by a worker (including claims whose lease has lapsed but were not reclaimed yet). */
  claimed: number;
  /** Done, kept until retention prunes them (they still deduplicate Twilio retries). */
  completed: number;
  deadLettered: number;
}

/** The inbound half of a gateway store. */
export interface InboundQueue {
  /**
   * Stores the message unless `(accountId, messageSid)` was admitted before. When the promise resolves the
   * message is committed to disk: the gateway may acknowledge Twilio.
   */
  admitInbound(
    accountId: string,
    messageSid: string,
    payload: JsonObject,
    options?: AdmitInboundOptions,
  ): Promise<AdmitResult>;
  /**
   * Calls `listener` after each admit that stored a message (once committed), so idle workers wake at once
   * instead of polling; returns the function that unsubscribes it. SQLite: admits made through this store
   * object (this process). PostgreSQL: admits by every instance on the database (LISTEN/NOTIFY); a
   * notification sent while the listening connection was down is lost, so workers still poll, slowly.
   */
  onInboundAdmitted(listener: InboundAdmittedListener): () => void;
  /**
   * Hands out the oldest ready message whose sender has no older message pending or in flight (so one
   * sender's messages are handled in order, while different senders proceed in parallel); `null` when none
   * is ready. A lapsed claim is reclaimed here; one that lapsed on its last allowed attempt is dead-lettered.
   */
  claimInbound(options?: ClaimInboundOptions): Promise<ClaimedInbound | null>;
  /** Marks a claimed message done. */
  completeInbound(id: number): Promise<SettleResult>;
  /** Puts a claimed message back for a later retry, or dead-letters it after its last allowed attempt. */
  failInbound(id: number, options: FailInboundOptions): Promise<FailResult>;
  /**
   * Puts a claimed message back untouched, to be handed out again after `retryAfterMs`, WITHOUT counting the
   * claim as an attempt (it was not tried: a worker chose to wait, e.g. for per-sender pacing). Its sender's
   * later messages stay behind it, as for a retry.
   */
  deferInbound(id: number, options: DeferInboundOptions): Promise<DeferResult>;
  /** Gives up on a claimed message at once (a permanent failure), keeping it for inspection. */
  deadLetterInbound(id: number, reason: string): Promise<SettleResult>;
  /** Pushes the lease of a claimed message to `leaseMs` from now (a heartbeat for long turns). */
  extendInboundLease(id: number, leaseMs: number): Promise<SettleResult>;
  listDeadLetters(options?: ListDeadLettersOptions): Promise<DeadLetter[]>;
  /** The messages not settled yet (pending or claimed), oldest first: what the queue still has to do. */
  listQueuedInbound(options?: ListQueuedInboundOptions): Promise<QueuedInbound[]>;
  /** Puts a dead-lettered message back in the queue with its attempts reset; false if no such dead letter. */
  requeueDeadLetter(id: number): Promise<boolean>;
  countInbound(): Promise<InboundCounts>;
}
