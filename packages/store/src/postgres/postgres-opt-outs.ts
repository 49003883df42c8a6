import { requireText } from '../arguments.js';
import type { OptOut, OptOutRegistry } from '../opt-outs.js';
import type { PgContext } from './postgres-context.js';

/** The opt-out set on PostgreSQL: a row per opted-out sender; START deletes it. */
export function createPostgresOptOuts(ctx: PgContext): OptOutRegistry {
  const optOut = ctx.table('opt_out');

  return {
    async recordOptOut(accountId, sender) {
      requireText('accountId', accountId);
      requireText('sender', sender);
      const { rowCount } = await ctx.query(
        `INSERT INTO ${optOut} (account_id, sender, since) VALUES ($1, $2, $3) ON CONFLICT (account_id, sender) DO NOTHING`,
        [accountId, sender, ctx.now()],
      );
      return { changed: rowCount === 1 };
    },

    async clearOptOut(accountId, sender) {
      const { rowCount } = await ctx.query(`DELETE FROM ${optOut} WHERE account_id = $1 AND sender = $2`, [
        accountId,
        sender,
      ]);
      return { changed: rowCount === 1 };
    },

    async isOptedOut(accountId, sender) {
      const { rowCount } = await ctx.query(`SELECT 1 FROM ${optOut} WHERE account_id = $1 AND sender = $2`, [
        accountId,
        sender,
      ]);
      return rowCount === 1;
    },

    async listOptOuts(accountId) {
      const { rows } = await ctx.query<OptOut>(
        `SELECT sender, since FROM ${optOut} WHERE account_id = $1 ORDER BY sender`,
        [accountId],
      );
      return rows;
    },
  };
}
