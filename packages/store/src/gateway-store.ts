/**
 * The contract of a gateway store, independent of the database behind it. `openStore` returns the SQLite
 * implementation; a shared-database implementation (PostgreSQL, for several gateways behind a load balancer)
 * would implement the same interface and pass the same suite, `runGatewayStoreContract` from
 * `@sms-channel/store/testing`. Every method is asynchronous for that reason.
 */
import type { ConversationHistory } from './conversation-history.js';
import type { InboundQueue } from './inbound-queue.js';
import type { OptOutRegistry } from './opt-outs.js';
import type { OutboundLog } from './outbound-log.js';
import type { GatewayPairingStore } from './pairing.js';
import type { ReplyDrafts } from './reply-drafts.js';
import type { SenderPacing } from './sender-pacing.js';

/** How many rows one `prune` call deleted, per kind. */
export interface PruneResult {
  /** Completed inbound messages (dead letters are kept). */
  inbound: number;
  /** Logged reply parts. */
  outboundParts: number;
  /** Delivery records. */
  deliveries: number;
  conversationTurns: number;
  /** Pairing requests that expired more than a retention period ago. */
  pairingRequests: number;
  /** Saved replies (by when they were saved). */
  replyDrafts: number;
  /** Send intents (by when they were recorded). */
  sendIntents: number;
  /** Pacing records of turn starts (kept per sender only as long as its window; these are leftovers). */
  senderTurns: number;
}

/**
 * Durable state of an SMS gateway: inbound queue, outbound log (with send intents) and reply drafts, pairing,
 * conversation history, opt-outs, per-sender pacing.
 */
export interface GatewayStore
  extends InboundQueue,
    OutboundLog,
    ReplyDrafts,
    ConversationHistory,
    OptOutRegistry,
    SenderPacing {
  /** Pending pairing requests and approved senders (phone-policy's `PairingStore`, plus the code-sent marker). */
  readonly pairing: GatewayPairingStore;
  /**
   * Deletes what is older than the store's retention: completed inbound messages (by completion time),
   * reply parts and delivery records (by their last update), reply drafts, conversation turns. Dead-lettered messages,
   * opt-outs and approved senders are kept; pairing requests go once expired for longer than the
   * retention. Meant to run periodically (for example hourly).
   */
  prune(): Promise<PruneResult>;
  /** Finishes pending writes and releases the database; later calls fail with `StoreClosedError`. */
  close(): Promise<void>;
}
