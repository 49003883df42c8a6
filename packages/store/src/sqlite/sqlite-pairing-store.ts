/**
 * `PairingStore` on SQLite. The atomicity `getOrCreatePending` promises comes from the write queue: each call
 * runs whole inside one IMMEDIATE transaction, which also excludes other processes (a CLI approving a code).
 */
import type { GetOrCreatePendingResult, PendingPairing } from '@sms-channel/phone-policy';
import { requireCount, requireText } from '../arguments.js';
import { StoreArgumentError } from '../errors.js';
import type { GatewayPairingStore } from '../pairing.js';
import type { SqliteContext } from './sqlite-context.js';

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

export function createSqlitePairingStore(ctx: SqliteContext): GatewayPairingStore {
  const { db } = ctx;
  const bySender = db.prepare<[string, string], PendingRow>(
    'SELECT * FROM pairing_pending WHERE account_id = ? AND sender = ?',
  );
  const byCode = db.prepare<[string, string], PendingRow>(
    'SELECT * FROM pairing_pending WHERE account_id = ? AND code = ?',
  );
  const codeTakenByOther = db.prepare<[string, string, string], { taken: number }>(
    'SELECT 1 AS taken FROM pairing_pending WHERE account_id = ? AND code = ? AND sender <> ?',
  );
  const countUnexpired = db.prepare<[string, number], { n: number }>(
    'SELECT count(*) AS n FROM pairing_pending WHERE account_id = ? AND expires_at > ?',
  );
  const upsert = db.prepare(
    `INSERT INTO pairing_pending (account_id, sender, code, created_at, expires_at, meta, code_sent_at)
     VALUES (?, ?, ?, ?, ?, ?, NULL)
     ON CONFLICT (account_id, sender) DO UPDATE SET code = excluded.code, created_at = excluded.created_at,
       expires_at = excluded.expires_at, meta = excluded.meta, code_sent_at = NULL`,
  );
  const listAll = db.prepare<[string], PendingRow>(
    'SELECT * FROM pairing_pending WHERE account_id = ? ORDER BY created_at, sender',
  );
  const deleteOne = db.prepare('DELETE FROM pairing_pending WHERE account_id = ? AND sender = ?');
  const deleteExpired = db.prepare('DELETE FROM pairing_pending WHERE account_id = ? AND expires_at <= ?');
  const markSent = db.prepare(
    'UPDATE pairing_pending SET code_sent_at = ? WHERE account_id = ? AND sender = ? AND code = ?',
  );
  const sentAt = db.prepare<[string, string, string], { code_sent_at: number | null }>(
    'SELECT code_sent_at FROM pairing_pending WHERE account_id = ? AND sender = ? AND code = ?',
  );
  const approve = db.prepare(
    `INSERT INTO pairing_approved (account_id, sender, approved_at) VALUES (?, ?, ?)
     ON CONFLICT (account_id, sender) DO NOTHING`,
  );
  const unapprove = db.prepare('DELETE FROM pairing_approved WHERE account_id = ? AND sender = ?');
  const approved = db.prepare<[string, string], { approved: number }>(
    'SELECT 1 AS approved FROM pairing_approved WHERE account_id = ? AND sender = ?',
  );
  const approvedSenders = db.prepare<[string], { sender: string }>(
    'SELECT sender FROM pairing_approved WHERE account_id = ? ORDER BY sender',
  );

  function getOrCreate(
    accountId: string,
    candidate: PendingPairing,
    meta: string | null,
    now: number,
    maxPending: number,
  ): GetOrCreatePendingResult {
    const current = bySender.get(accountId, candidate.sender);
    if (current !== undefined && current.expires_at > now)
      return { status: 'existing', pending: toPending(current) };
    if (codeTakenByOther.get(accountId, candidate.code, candidate.sender) !== undefined) {
      return { status: 'code-conflict' };
    }
    const pendingCount = countUnexpired.get(accountId, now)?.n ?? 0;
    if (pendingCount >= maxPending) return { status: 'limit-reached', pendingCount };
    upsert.run(accountId, candidate.sender, candidate.code, candidate.createdAt, candidate.expiresAt, meta);
    return { status: 'created', pending: toPending(bySender.get(accountId, candidate.sender) as PendingRow) };
  }

  return {
    async getOrCreatePending(accountId, candidate, options) {
      requireText('accountId', accountId);
      requireText('sender', candidate.sender);
      requireText('code', candidate.code);
      requireCount('createdAt', candidate.createdAt);
      requireCount('expiresAt', candidate.expiresAt);
      requireCount('maxPending', options.maxPending);
      const meta = encodeMeta(candidate.meta);
      return ctx.write(() => getOrCreate(accountId, candidate, meta, options.now, options.maxPending));
    },
    async findPendingByCode(accountId, code) {
      return ctx.read(() => {
        const row = byCode.get(accountId, code);
        return row === undefined ? undefined : toPending(row);
      });
    },
    async listPending(accountId) {
      return ctx.read(() => listAll.all(accountId).map(toPending));
    },
    async deletePending(accountId, sender) {
      return ctx.write(() => deleteOne.run(accountId, sender).changes === 1);
    },
    async deleteExpiredPending(accountId, before) {
      return ctx.write(() => deleteExpired.run(accountId, before).changes);
    },
    async markCodeSent(accountId, sender, code) {
      return ctx.write(() => markSent.run(ctx.now(), accountId, sender, code).changes === 1);
    },
    async codeSentAt(accountId, sender, code) {
      return ctx.read(() => sentAt.get(accountId, sender, code)?.code_sent_at ?? undefined);
    },
    async addApproved(accountId, sender) {
      requireText('accountId', accountId);
      requireText('sender', sender);
      await ctx.write(() => approve.run(accountId, sender, ctx.now()));
    },
    async removeApproved(accountId, sender) {
      return ctx.write(() => unapprove.run(accountId, sender).changes === 1);
    },
    async isApproved(accountId, sender) {
      return ctx.read(() => approved.get(accountId, sender) !== undefined);
    },
    async listApproved(accountId) {
      return ctx.read(() => approvedSenders.all(accountId).map((row) => row.sender));
    },
  };
}
