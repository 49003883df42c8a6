/**
 * What the calling thread and the store thread say to each other. Calls go in batches (every call made during
 * one turn of the caller's event loop, in one message), so the store thread starts them all in one turn of its
 * own loop and the store's group commit covers them with one transaction, as it would on one thread.
 */
import type { GatewayStore } from '../gateway-store.js';
import type { InboundAdmitted } from '../inbound-queue.js';
import type { GatewayPairingStore } from '../pairing.js';
import type { SqliteDriverName } from '../sqlite/sqlite-driver.js';
import type { SerializedError } from './serialized-error.js';

/**
 * Every method of `GatewayStore` that takes plain data and answers plain data (kept in step by a test);
 * `onInboundAdmitted` takes a function, so its events come back as messages instead.
 */
export const storeMethods = [
  'admitInbound',
  'claimInbound',
  'completeInbound',
  'failInbound',
  'deferInbound',
  'deadLetterInbound',
  'extendInboundLease',
  'listDeadLetters',
  'listQueuedInbound',
  'requeueDeadLetter',
  'countInbound',
  'recordOutboundPart',
  'listOutboundParts',
  'recordSendIntent',
  'listSendIntents',
  'applyDeliveryStatus',
  'getDelivery',
  'saveReplyDraft',
  'getReplyDraft',
  'appendConversationTurn',
  'listConversationTurns',
  'clearConversation',
  'recordOptOut',
  'clearOptOut',
  'isOptedOut',
  'listOptOuts',
  'tryAcquireSenderTurn',
  'prune',
  'close',
] as const satisfies readonly Exclude<keyof GatewayStore, 'pairing' | 'onInboundAdmitted'>[];

/** Every method of `GatewayPairingStore`. */
export const pairingMethods = [
  'getOrCreatePending',
  'findPendingByCode',
  'listPending',
  'deletePending',
  'deleteExpiredPending',
  'addApproved',
  'removeApproved',
  'isApproved',
  'listApproved',
  'markCodeSent',
  'codeSentAt',
] as const satisfies readonly (keyof GatewayPairingStore)[];

export type CallTarget = 'store' | 'pairing';

export interface StoreCall {
  id: number;
  target: CallTarget;
  method: string;
  args: unknown[];
}

/** Calls made together. `now`: the caller's clock when they were sent, when the caller gave the store one. */
export interface CallBatch {
  now: number | undefined;
  calls: StoreCall[];
}

export type CallReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: SerializedError };

/** What the store thread sends back. */
export type ThreadMessage =
  | { type: 'opened'; driver: SqliteDriverName }
  | { type: 'open-failed'; error: SerializedError }
  /** Replies settled in one turn of the store thread, and the admits it stored meanwhile. */
  | { type: 'replies'; replies: CallReply[]; admitted: InboundAdmitted[] };

/** What the store thread is started with. */
export interface StoreThreadData {
  path: string;
  /** `openStore` options but the clock, which cannot cross threads. */
  options: Record<string, unknown>;
  /** Whether the store's clock is the caller's, sent with every batch (`CallBatch.now`). */
  callerClock: boolean;
}
