/**
 * Where pairing state lives. `createPairing` holds the rules (codes, expiry, limits); a store only keeps
 * data, per account, and offers the few primitives that must be atomic so that concurrent webhooks for the
 * same sender cannot mint two codes or exceed the pending limit. Every implementation must pass
 * `runPairingStoreContract` from `@sms-channel/phone-policy/testing`.
 *
 * Times are milliseconds since the epoch, always passed in by the caller (the store has no clock).
 */

/** One sender waiting for the owner to approve their pairing code. */
export interface PendingPairing {
  /** The sender, E.164. */
  sender: string;
  /** The code as issued (upper case). Unique among the account's stored pending requests. */
  code: string;
  createdAt: number;
  expiresAt: number;
  /** Optional caller data kept with the request (e.g. the first message's SID); strings only, so any store can persist it. */
  meta?: Readonly<Record<string, string>>;
}

/** Options of `getOrCreatePending`. */
export interface GetOrCreatePendingOptions {
  /** Requests with `expiresAt <= now` are expired: they do not count, and a sender's expired request is replaced. */
  now: number;
  /** The most unexpired pending requests the account may hold. */
  maxPending: number;
}

/** What `getOrCreatePending` did. */
export type GetOrCreatePendingResult =
  /** The candidate was stored (no unexpired request for that sender existed). */
  | { status: 'created'; pending: PendingPairing }
  /** The sender already had an unexpired request; it is returned unchanged and the candidate is dropped. */
  | { status: 'existing'; pending: PendingPairing }
  /** The account already holds `maxPending` unexpired requests of other senders; nothing was stored. */
  | { status: 'limit-reached'; pendingCount: number }
  /** Another stored request (expired or not) of the account uses the candidate's code; draw another and retry. */
  | { status: 'code-conflict' };

/** Async storage of pending pairing requests and approved senders, partitioned by account id. */
export interface PairingStore {
  /**
   * Atomically (with respect to every other call on the same account): if `candidate.sender` has an unexpired
   * request, return it; otherwise, if the code is free and fewer than `maxPending` unexpired requests exist,
   * store `candidate` (replacing that sender's expired request, if any).
   */
  getOrCreatePending(
    accountId: string,
    candidate: PendingPairing,
    options: GetOrCreatePendingOptions,
  ): Promise<GetOrCreatePendingResult>;
  /** The stored request with exactly this code (expired ones included, until deleted), or `undefined`. */
  findPendingByCode(accountId: string, code: string): Promise<PendingPairing | undefined>;
  /** Every stored request of the account, expired ones included, oldest `createdAt` first. */
  listPending(accountId: string): Promise<PendingPairing[]>;
  /** Deletes the sender's request; true when one existed. */
  deletePending(accountId: string, sender: string): Promise<boolean>;
  /** Deletes the account's requests with `expiresAt <= before`; returns how many. */
  deleteExpiredPending(accountId: string, before: number): Promise<number>;
  /** Adds the sender to the account's approved set (idempotent). */
  addApproved(accountId: string, sender: string): Promise<void>;
  /** Removes the sender from the approved set; true when they were in it. */
  removeApproved(accountId: string, sender: string): Promise<boolean>;
  isApproved(accountId: string, sender: string): Promise<boolean>;
  /** The account's approved senders, sorted. */
  listApproved(accountId: string): Promise<string[]>;
}
