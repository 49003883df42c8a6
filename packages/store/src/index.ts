/**
 * @module @sms-channel/store
 * Durable state of an SMS gateway: the inbound queue (deduplicated on MessageSid, acknowledged to Twilio only
 * once on disk), the outbound log with delivery statuses, reply drafts, pairing, conversation history and
 * opt-outs.
 * `openStore` is the SQLite implementation of the `GatewayStore` interface, on better-sqlite3 or Node's
 * built-in node:sqlite (neither loaded before a store is opened); `openPostgresStore` the PostgreSQL one, for
 * several gateway instances on one database (node-postgres loaded only then); `openThreadedStore` from
 * `@sms-channel/store/thread` runs the SQLite store on a worker thread. The contract suite every
 * implementation must pass is `runGatewayStoreContract` from `@sms-channel/store/testing`.
 */
export type {
  ConversationHistory,
  ConversationRole,
  ConversationTurn,
  ListConversationTurnsOptions,
} from './conversation-history.js';
export { type DeliveryStatus, deliveryStatuses, isDeliveryStatus } from './delivery-status.js';
export {
  isStoreArgumentError,
  isStoreBusyError,
  isStoreClosedError,
  isStoreCorruptError,
  isStoreError,
  isStoreForeignFileError,
  isStoreOpenError,
  isStoreUnavailableError,
  isStoreVersionError,
  StoreArgumentError,
  StoreBusyError,
  StoreClosedError,
  StoreCorruptError,
  StoreError,
  StoreForeignFileError,
  StoreOpenError,
  StoreUnavailableError,
  StoreVersionError,
  storeErrorCodes,
} from './errors.js';
export type { GatewayStore, PruneResult } from './gateway-store.js';
export type {
  AdmitInboundOptions,
  AdmitResult,
  ClaimedInbound,
  ClaimInboundOptions,
  DeadLetter,
  DeferInboundOptions,
  DeferResult,
  FailInboundOptions,
  FailResult,
  InboundAdmitted,
  InboundAdmittedListener,
  InboundCounts,
  InboundQueue,
  ListDeadLettersOptions,
  ListQueuedInboundOptions,
  NotSettledReason,
  QueuedInbound,
  SettleResult,
  StoredInbound,
} from './inbound-queue.js';
export type { JsonObject, JsonValue } from './json.js';
export type { OptOut, OptOutRegistry } from './opt-outs.js';
export type {
  ApplyDeliveryStatusResult,
  Delivery,
  DeliveryStatusOptions,
  OutboundLog,
  OutboundPart,
  OutboundPartInput,
  RecordOutboundPartResult,
  RecordSendIntentResult,
  SendIntent,
  SendIntentInput,
} from './outbound-log.js';
export type { GatewayPairingStore } from './pairing.js';
export {
  type OpenPostgresStoreOptions,
  openPostgresStore,
  type PostgresGatewayStore,
} from './postgres/open-postgres-store.js';
export type {
  DraftConversationTurn,
  ReplyDraft,
  ReplyDraftInput,
  ReplyDraftMedia,
  ReplyDraftMediaInput,
  ReplyDrafts,
  SaveReplyDraftResult,
} from './reply-drafts.js';
export type { SenderPacing, SenderTurnLimit } from './sender-pacing.js';
export type { SqliteDriverChoice } from './sqlite/load-sqlite-driver.js';
export type { SynchronousMode } from './sqlite/open-database.js';
export { type OpenStoreOptions, openStore, type SqliteGatewayStore } from './sqlite/open-store.js';
export type { SqliteDriverName } from './sqlite/sqlite-driver.js';
