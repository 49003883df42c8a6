import { requireCount, requireText } from '../arguments.js';
import type { ConversationHistory, ConversationRole, ConversationTurn } from '../conversation-history.js';
import { StoreArgumentError } from '../errors.js';
import { requireRole } from '../reply-draft-arguments.js';
import type { PgContext } from './postgres-context.js';

/** Conversation turns on PostgreSQL, one row per turn, read newest-first through an index then reversed. */
export function createPostgresConversationHistory(ctx: PgContext): ConversationHistory {
  const turns = ctx.table('conversation_turn');

  return {
    async appendConversationTurn(accountId, sender, turn) {
      requireText('accountId', accountId);
      requireText('sender', sender);
      const role = requireRole(turn.role);
      if (typeof turn.content !== 'string') throw new StoreArgumentError('content', 'expected a string');
      await ctx.query(
        `INSERT INTO ${turns} (account_id, sender, role, content, created_at) VALUES ($1, $2, $3, $4, $5)`,
        [accountId, sender, role, turn.content, ctx.now()],
      );
    },

    async listConversationTurns(accountId, sender, options = {}) {
      const limit = requireCount('limit', options.limit ?? 20);
      const { rows } = await ctx.query<{ role: ConversationRole; content: string; at: number }>(
        `SELECT role, content, created_at AS at FROM ${turns}
         WHERE account_id = $1 AND sender = $2 ORDER BY id DESC LIMIT $3`,
        [accountId, sender, limit],
      );
      return rows.reverse() as ConversationTurn[];
    },

    async clearConversation(accountId, sender) {
      const { rowCount } = await ctx.query(`DELETE FROM ${turns} WHERE account_id = $1 AND sender = $2`, [
        accountId,
        sender,
      ]);
      return rowCount;
    },
  };
}
