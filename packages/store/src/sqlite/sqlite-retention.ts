/**
 * Retention on SQLite. Each kind of row is deleted in chunks, each chunk its own small write, so pruning a
 * large backlog never holds the write lock (or the event loop) for long.
 */
import type { PruneResult } from '../gateway-store.js';
import type { SqliteContext } from './sqlite-context.js';

/** Rows deleted per write. */
const chunk = 2000;

export function createSqlitePrune(ctx: SqliteContext, retentionMs: number): () => Promise<PruneResult> {
  const { db } = ctx;
  const deletes = {
    inbound: db.prepare(
      `DELETE FROM inbound WHERE id IN (SELECT id FROM inbound WHERE state = 'completed' AND settled_at < ? LIMIT ${chunk})`,
    ),
    outboundParts: db.prepare(
      `DELETE FROM outbound_part WHERE (account_id, turn_key, part_index) IN (
         SELECT account_id, turn_key, part_index FROM outbound_part WHERE sent_at < ? LIMIT ${chunk})`,
    ),
    deliveries: db.prepare(
      `DELETE FROM delivery WHERE (account_id, message_sid) IN (
         SELECT account_id, message_sid FROM delivery WHERE updated_at < ? LIMIT ${chunk})`,
    ),
    replyDrafts: db.prepare(
      `DELETE FROM reply_draft WHERE id IN (SELECT id FROM reply_draft WHERE created_at < ? LIMIT ${chunk})`,
    ),
    conversationTurns: db.prepare(
      `DELETE FROM conversation_turn WHERE id IN (SELECT id FROM conversation_turn WHERE created_at < ? LIMIT ${chunk})`,
    ),
    sendIntents: db.prepare(
      `DELETE FROM send_intent WHERE (account_id, turn_key, part_index) IN (
         SELECT account_id, turn_key, part_index FROM send_intent WHERE intended_at < ? LIMIT ${chunk})`,
    ),
    senderTurns: db.prepare(
      `DELETE FROM sender_turn WHERE id IN (SELECT id FROM sender_turn WHERE started_at < ? LIMIT ${chunk})`,
    ),
    // Expired at least a retention period ago: long past any use, yet kept long enough to explain
    // "that code expired" to an owner who approves late.
    pairingRequests: db.prepare(
      `DELETE FROM pairing_pending WHERE (account_id, sender) IN (
         SELECT account_id, sender FROM pairing_pending WHERE expires_at < ? LIMIT ${chunk})`,
    ),
  };

  return async function prune(): Promise<PruneResult> {
    const cutoff = ctx.now() - retentionMs;
    const result: PruneResult = {
      inbound: 0,
      outboundParts: 0,
      deliveries: 0,
      conversationTurns: 0,
      pairingRequests: 0,
      replyDrafts: 0,
      sendIntents: 0,
      senderTurns: 0,
    };
    for (const [kind, statement] of Object.entries(deletes) as [
      keyof PruneResult,
      (typeof deletes)['inbound'],
    ][]) {
      for (;;) {
        const deleted = await ctx.write(() => statement.run(cutoff).changes);
        result[kind] += deleted;
        if (deleted < chunk) break;
      }
    }
    return result;
  };
}
