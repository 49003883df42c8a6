import { requireCount, requireText } from '../arguments.js';
import type { ConversationHistory, ConversationRole, ConversationTurn } from '../conversation-history.js';
import { StoreArgumentError } from '../errors.js';
import { requireRole } from '../reply-draft-arguments.js';
import type { SqliteContext } from './sqlite-context.js';
import type { SqliteConnection, SqliteStatement } from './sqlite-driver.js';

/**
 * The statement appending one turn: `run(accountId, sender, role, content, createdAt)`. Reply drafts append
 * the turns saved with a draft through it, in the draft's own write.
 */
export function prepareAppendTurn(
  db: SqliteConnection,
): SqliteStatement<[string, string, ConversationRole, string, number]> {
  return db.prepare(
    'INSERT INTO conversation_turn (account_id, sender, role, content, created_at) VALUES (?, ?, ?, ?, ?)',
  );
}

/** Conversation turns on SQLite, one row per turn, read newest-first through an index then reversed. */
export function createSqliteConversationHistory(ctx: SqliteContext): ConversationHistory {
  const { db } = ctx;
  const insert = prepareAppendTurn(db);
  const latest = db.prepare<
    [string, string, number],
    { role: ConversationRole; content: string; at: number }
  >(
    `SELECT role, content, created_at AS at FROM conversation_turn
     WHERE account_id = ? AND sender = ? ORDER BY id DESC LIMIT ?`,
  );
  const clear = db.prepare('DELETE FROM conversation_turn WHERE account_id = ? AND sender = ?');

  return {
    async appendConversationTurn(accountId, sender, turn) {
      requireText('accountId', accountId);
      requireText('sender', sender);
      const role = requireRole(turn.role);
      if (typeof turn.content !== 'string') throw new StoreArgumentError('content', 'expected a string');
      await ctx.write(() => insert.run(accountId, sender, role, turn.content, ctx.now()));
    },

    async listConversationTurns(accountId, sender, options = {}) {
      const limit = requireCount('limit', options.limit ?? 20);
      return ctx.read((): ConversationTurn[] => latest.all(accountId, sender, limit).reverse());
    },

    async clearConversation(accountId, sender) {
      return ctx.write(() => clear.run(accountId, sender).changes);
    },
  };
}
