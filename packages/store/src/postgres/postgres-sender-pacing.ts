/**
 * Per-sender pacing on PostgreSQL: a row per turn start, as on SQLite. Instances serialise on a
 * transaction-scoped advisory lock per sender, so the count and the insert of one acquire are atomic across
 * the fleet: `limit` concurrent acquires on any number of instances start exactly `limit` turns.
 */
import { requireText } from '../arguments.js';
import type { SenderPacing } from '../sender-pacing.js';
import { requireTurnLimit, waitForTurn } from '../sender-turn-window.js';
import type { PgContext } from './postgres-context.js';

export function createPostgresSenderPacing(ctx: PgContext): SenderPacing {
  const turns = ctx.table('sender_turn');

  return {
    async tryAcquireSenderTurn(accountId, sender, turnLimit) {
      requireText('accountId', accountId);
      requireText('sender', sender);
      const limit = requireTurnLimit(turnLimit);
      return ctx.transaction(async (query) => {
        await query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
          `sms-channel.store pacing ${JSON.stringify([ctx.location.schema, accountId, sender])}`,
        ]);
        const now = ctx.now();
        await query(`DELETE FROM ${turns} WHERE account_id = $1 AND sender = $2 AND started_at <= $3`, [
          accountId,
          sender,
          now - limit.windowMs,
        ]);
        const { rows } = await query<{ started_at: number }>(
          `SELECT started_at FROM ${turns} WHERE account_id = $1 AND sender = $2 ORDER BY started_at`,
          [accountId, sender],
        );
        const wait = waitForTurn(
          rows.map((row) => row.started_at),
          limit,
          now,
        );
        if (wait === 0) {
          await query(`INSERT INTO ${turns} (account_id, sender, started_at) VALUES ($1, $2, $3)`, [
            accountId,
            sender,
            now,
          ]);
        }
        return wait;
      });
    },
  };
}
