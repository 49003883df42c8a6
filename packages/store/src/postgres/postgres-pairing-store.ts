/**
 * `PairingStore` on PostgreSQL. `getOrCreatePending` runs in one transaction holding an advisory lock per
 * account, so instances racing to create requests see each other's: the pending limit holds across the fleet,
 * and the unique index on (account_id, code) keeps codes unique even against a writer that skips the lock.
 */
import type { GetOrCreatePendingResult, PendingPairing } from '@sms-channel/phone-policy';
import { requireCount, requireText } from '../arguments.js';
import { StoreArgumentError } from '../errors.js';
import type { GatewayPairingStore } from '../pairing.js';
import type { PgContext } from './postgres-context.js';

interface PendingRow {
  sender: string;
  code: string;
  created_at: number;
  expires_at: number;
  meta: string | null;
}

function toPending(row: PendingRow): PendingPairing {
  const pending: PendingPairing = {
    sender: row.sender,
    code: row.code,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
  if (row.meta !== null) pending.meta = JSON.parse(row.meta) as Record<string, string>;
  return pending;
}

function encodeMeta(meta: unknown): string | null {
  if (meta === undefined) return null;
  const valid =
    typeof meta === 'object' &&
    meta !== null &&
    Object.values(meta).every((value) => typeof value === 'string');
  if (!valid) throw new StoreArgumentError('meta', 'expected an object of strings');
  return JSON.stringify(meta);
}

export function createPostgresPairingStore(ctx: PgContext): GatewayPairingStore {
  const pending = ctx.table('pairing_pending');
  const approved = ctx.table('pairing_approved');

  return {
    async getOrCreatePending(accountId, candidate, options) {
      requireText('accountId', accountId);
      requireText('sender', candidate.sender);
      requireText('code', candidate.code);
      requireCount('createdAt', candidate.createdAt);
      requireCount('expiresAt', candidate.expiresAt);
      const maxPending = requireCount('maxPending', options.maxPending);
      const meta = encodeMeta(candidate.meta);
      const { now } = options;
      return ctx.transaction(async (query): Promise<GetOrCreatePendingResult> => {
        await query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
          `sms-channel.store pairing ${JSON.stringify([ctx.location.schema, accountId])}`,
        ]);
        const current = await query<PendingRow>(
          `SELECT * FROM ${pending} WHERE account_id = $1 AND sender = $2`,
          [accountId, candidate.sender],
        );
        const [row] = current.rows;
        if (row !== undefined && row.expires_at > now) return { status: 'existing', pending: toPending(row) };
        const taken = await query(
          `SELECT 1 FROM ${pending} WHERE account_id = $1 AND code = $2 AND sender <> $3`,
          [accountId, candidate.code, candidate.sender],
        );
        if (taken.rowCount > 0) return { status: 'code-conflict' };
        const counted = await query<{ n: number }>(
          `SELECT count(*) AS n FROM ${pending} WHERE account_id = $1 AND expires_at > $2`,
          [accountId, now],
        );
        const pendingCount = counted.rows[0]?.n ?? 0;
        if (pendingCount >= maxPending) return { status: 'limit-reached', pendingCount };
        const stored = await query<PendingRow>(
          `INSERT INTO ${pending} (account_id, sender, code, created_at, expires_at, meta, code_sent_at)
           VALUES ($1, $2, $3, $4, $5, $6, NULL)
           ON CONFLICT (account_id, sender) DO UPDATE SET code = excluded.code, created_at = excluded.created_at,
             expires_at = excluded.expires_at, meta = excluded.meta, code_sent_at = NULL
           RETURNING *`,
          [accountId, candidate.sender, candidate.code, candidate.createdAt, candidate.expiresAt, meta],
        );
        return { status: 'created', pending: toPending(stored.rows[0] as PendingRow) };
      });
    },

    async findPendingByCode(accountId, code) {
      const { rows } = await ctx.query<PendingRow>(
        `SELECT * FROM ${pending} WHERE account_id = $1 AND code = $2`,
        [accountId, code],
      );
      const [row] = rows;
      return row === undefined ? undefined : toPending(row);
    },

    async listPending(accountId) {
      const { rows } = await ctx.query<PendingRow>(
        `SELECT * FROM ${pending} WHERE account_id = $1 ORDER BY created_at, sender`,
        [accountId],
      );
      return rows.map(toPending);
    },

    async deletePending(accountId, sender) {
      const { rowCount } = await ctx.query(`DELETE FROM ${pending} WHERE account_id = $1 AND sender = $2`, [
        accountId,
        sender,
      ]);
      return rowCount === 1;
    },

    async deleteExpiredPending(accountId, before) {
      const { rowCount } = await ctx.query(
        `DELETE FROM ${pending} WHERE account_id = $1 AND expires_at <= $2`,
        [accountId, before],
      );
      return rowCount;
    },

    async markCodeSent(accountId, sender, code) {
      const { rowCount } = await ctx.query(
        `UPDATE ${pending} SET code_sent_at = $1 WHERE account_id = $2 AND sender = $3 AND code = $4`,
        [ctx.now(), accountId, sender, code],
      );
      return rowCount === 1;
    },

    async codeSentAt(accountId, sender, code) {
      const { rows } = await ctx.query<{ code_sent_at: number | null }>(
        `SELECT code_sent_at FROM ${pending} WHERE account_id = $1 AND sender = $2 AND code = $3`,
        [accountId, sender, code],
      );
      return rows[0]?.code_sent_at ?? undefined;
    },

    async addApproved(accountId, sender) {
      requireText('accountId', accountId);
      requireText('sender', sender);
      await ctx.query(
        `INSERT INTO ${approved} (account_id, sender, approved_at) VALUES ($1, $2, $3)
         ON CONFLICT (account_id, sender) DO NOTHING`,
        [accountId, sender, ctx.now()],
      );
    },

    async removeApproved(accountId, sender) {
      const { rowCount } = await ctx.query(`DELETE FROM ${approved} WHERE account_id = $1 AND sender = $2`, [
        accountId,
        sender,
      ]);
      return rowCount === 1;
    },

    async isApproved(accountId, sender) {
      const { rowCount } = await ctx.query(
        `SELECT 1 FROM ${approved} WHERE account_id = $1 AND sender = $2`,
        [accountId, sender],
      );
      return rowCount === 1;
    },

    async listApproved(accountId) {
      const { rows } = await ctx.query<{ sender: string }>(
        `SELECT sender FROM ${approved} WHERE account_id = $1 ORDER BY sender`,
        [accountId],
      );
      return rows.map((row) => row.sender);
    },
  };
}
