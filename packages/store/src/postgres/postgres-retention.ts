/**
 * Retention on PostgreSQL: each kind of row is deleted in chunks (a `ctid` subquery with LIMIT), each chunk its
 * own statement, so pruning a large backlog never holds many row locks or one long transaction.
 */
import type { PruneResult } from '../gateway-store.js';
import type { PgContext } from './postgres-context.js';

/** Rows deleted per statement. */
const chunk = 2000;

export function createPostgresPrune(ctx: PgContext, retentionMs: number): () => Promise<PruneResult> {
  const deleteOld = (table: string, condition: string) => {
    const name = ctx.table(table);
    return `DELETE FROM ${name} WHERE ctid IN (SELECT ctid FROM ${name} WHERE ${condition} LIMIT ${chunk})`;
  };
  const deletes: Record<keyof PruneResult, string> = {
    inbound: deleteOld('inbound', `state = 'completed' AND settled_at < $1`),
    outboundParts: deleteOld('outbound_part', 'sent_at < $1'),
    deliveries: deleteOld('delivery', 'updated_at < $1'),
    conversationTurns: deleteOld('conversation_turn', 'created_at < $1'),
    // Expired at least a retention period ago, as on SQLite.
    pairingRequests: deleteOld('pairing_pending', 'expires_at < $1'),
    replyDrafts: deleteOld('reply_draft', 'created_at < $1'),
    sendIntents: deleteOld('send_intent', 'intended_at < $1'),
    senderTurns: deleteOld('sender_turn', 'started_at < $1'),
  };

  return async function prune(): Promise<PruneResult> {
    const cutoff = ctx.now() - retentionMs;
    const result = Object.fromEntries(
      Object.keys(deletes).map((kind) => [kind, 0]),
    ) as unknown as PruneResult;
    for (const [kind, sql] of Object.entries(deletes) as [keyof PruneResult, string][]) {
      for (;;) {
        const { rowCount } = await ctx.query(sql, [cutoff]);
        result[kind] += rowCount;
        if (rowCount < chunk) break;
      }
    }
    return result;
  };
}
