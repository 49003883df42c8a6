import { requireText } from '../arguments.js';
import type { OptOut, OptOutRegistry } from '../opt-outs.js';
import type { SqliteContext } from './sqlite-context.js';

/** The opt-out set on SQLite: a row per opted-out sender; START deletes it. */
export function createSqliteOptOuts(ctx: SqliteContext): OptOutRegistry {
  const { db } = ctx;
  const insert = db.prepare(
    'INSERT INTO opt_out (account_id, sender, since) VALUES (?, ?, ?) ON CONFLICT (account_id, sender) DO NOTHING',
  );
  const remove = db.prepare('DELETE FROM opt_out WHERE account_id = ? AND sender = ?');
  const exists = db.prepare<[string, string], { opted_out: number }>(
    'SELECT 1 AS opted_out FROM opt_out WHERE account_id = ? AND sender = ?',
  );
  const list = db.prepare<[string], OptOut>(
    'SELECT sender, since FROM opt_out WHERE account_id = ? ORDER BY sender',
  );

  return {
    async recordOptOut(accountId, sender) {
      requireText('accountId', accountId);
      requireText('sender', sender);
      return ctx.write(() => ({ changed: insert.run(accountId, sender, ctx.now()).changes === 1 }));
    },

    async clearOptOut(accountId, sender) {
      return ctx.write(() => ({ changed: remove.run(accountId, sender).changes === 1 }));
    },

    async isOptedOut(accountId, sender) {
      return ctx.read(() => exists.get(accountId, sender) !== undefined);
    },

    async listOptOuts(accountId) {
      return ctx.read(() => list.all(accountId));
    },
  };
}
