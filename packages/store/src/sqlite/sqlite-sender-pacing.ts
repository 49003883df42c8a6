/**
 * Per-sender pacing on SQLite: a row per turn start. Each acquire runs whole in one write (one IMMEDIATE
 * transaction, which also excludes other processes on the file): it forgets the sender's starts that left the
 * window, then counts the rest. So a sender keeps at most `limit` rows.
 */
import { requireText } from '../arguments.js';
import type { SenderPacing } from '../sender-pacing.js';
import { requireTurnLimit, waitForTurn } from '../sender-turn-window.js';
import type { SqliteContext } from './sqlite-context.js';

export function createSqliteSenderPacing(ctx: SqliteContext): SenderPacing {
  const { db } = ctx;
  const forget = db.prepare(
    'DELETE FROM sender_turn WHERE account_id = ? AND sender = ? AND started_at <= ?',
  );
  const starts = db.prepare<[string, string], { started_at: number }>(
    'SELECT started_at FROM sender_turn WHERE account_id = ? AND sender = ? ORDER BY started_at',
  );
  const record = db.prepare('INSERT INTO sender_turn (account_id, sender, started_at) VALUES (?, ?, ?)');

  return {
    async tryAcquireSenderTurn(accountId, sender, turnLimit) {
      requireText('accountId', accountId);
      requireText('sender', sender);
      const { limit, windowMs } = requireTurnLimit(turnLimit);
      return ctx.write(() => {
        const now = ctx.now();
        forget.run(accountId, sender, now - windowMs);
        const wait = waitForTurn(
          starts.all(accountId, sender).map((row) => row.started_at),
          { limit, windowMs },
          now,
        );
        if (wait === 0) record.run(accountId, sender, now);
        return wait;
      });
    },
  };
}
