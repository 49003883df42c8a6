/**
 * The inbound queue on PostgreSQL, shared by every gateway instance on the database.
 *
 * - Deduplication: the UNIQUE (account_id, message_sid) constraint. The admits of one event-loop turn are one
 *   autocommit statement (postgres-admit-batch.ts) that also queues a NOTIFY per stored row (sent by the
 *   server at commit) for `onInboundAdmitted` listeners.
 * - Claims: in one transaction, the oldest ready candidate is locked with `FOR UPDATE SKIP LOCKED` (two
 *   instances never wait on, or take, the same row), then the claim takes a transaction-scoped advisory lock
 *   on its sender and checks again, in a fresh snapshot, that the sender has no older unsettled message and
 *   no other live claim: one message per sender at a time, whichever instance claims it.
 * - Leases: a claim lapsed past `lease_until` (its instance died) is ready again, as on SQLite.
 */
import { requireCount, requireId, requireText } from '../arguments.js';
import { StoreArgumentError } from '../errors.js';
import type {
  ClaimedInbound,
  DeadLetter,
  DeferResult,
  FailResult,
  InboundCounts,
  InboundQueue,
  NotSettledReason,
  QueuedInbound,
  SettleResult,
  StoredInbound,
} from '../inbound-queue.js';
import { decodePayload, encodePayload } from '../json.js';
import type { QueueSettings } from '../queue-defaults.js';
import { createAdmitBatch } from './postgres-admit-batch.js';
import type { PostgresAdmitNotifications } from './postgres-admit-notifications.js';
import type { PgContext, PgQuery } from './postgres-context.js';

interface InboundRow {
  id: number;
  account_id: string;
  message_sid: string;
  sender: string | null;
  payload: string;
  state: 'pending' | 'claimed' | 'completed' | 'dead';
  attempts: number;
  available_at: number;
  lease_until: number | null;
  last_error: string | null;
  admitted_at: number;
  settled_at: number | null;
}

function defaultSender(payload: object): string | null {
  const from = (payload as { From?: unknown }).From;
  return typeof from === 'string' && from.length > 0 ? from : null;
}

function toStored(row: InboundRow): StoredInbound {
  return {
    id: row.id,
    accountId: row.account_id,
    messageSid: row.message_sid,
    sender: row.sender,
    payload: decodePayload(row.payload),
    attempts: row.attempts,
    admittedAt: row.admitted_at,
  };
}

export function createPostgresInboundQueue(
  ctx: PgContext,
  settings: QueueSettings,
  notifications: PostgresAdmitNotifications,
): InboundQueue {
  const inbound = ctx.table('inbound');
  const admit = createAdmitBatch({
    inbound,
    channel: notifications.channel,
    now: ctx.now,
    run: ctx.direct,
    // Admits made after a listener subscribed must be heard: wait for its LISTEN to be in place.
    beforeBatch: () => notifications.ready(),
  });
  // A message of the same sender that holds this one back: an older unsettled one, or a live claim.
  const blocker = `SELECT 1 FROM ${inbound} AS o
     WHERE o.account_id = i.account_id AND o.sender = i.sender AND o.id <> i.id
       AND o.state IN ('pending', 'claimed')
       AND (o.id < i.id OR (o.state = 'claimed' AND o.lease_until > $1))`;
  const selectReady = `SELECT i.id, i.state, i.attempts, i.account_id, i.sender FROM ${inbound} AS i
     WHERE i.state IN ('pending', 'claimed')
       AND (CASE i.state WHEN 'pending' THEN i.available_at ELSE i.lease_until END) <= $1
       AND NOT EXISTS (${blocker})
     ORDER BY i.id LIMIT 1 FOR UPDATE OF i SKIP LOCKED`;
  const stillReady = `SELECT NOT EXISTS (${blocker}) AS ready FROM ${inbound} AS i WHERE i.id = $2`;

  async function claimedAttempts(
    query: PgQuery,
    id: number,
  ): Promise<{ ok: true; attempts: number } | { ok: false; reason: NotSettledReason }> {
    const { rows } = await query<Pick<InboundRow, 'state' | 'attempts'>>(
      `SELECT state, attempts FROM ${inbound} WHERE id = $1 FOR UPDATE`,
      [id],
    );
    const [row] = rows;
    if (row === undefined) return { ok: false, reason: 'not-found' };
    if (row.state !== 'claimed') return { ok: false, reason: 'not-claimed' };
    return { ok: true, attempts: row.attempts };
  }

  function bury(query: PgQuery, id: number, reason: string, now: number) {
    return query(
      `UPDATE ${inbound} SET state = 'dead', lease_until = NULL, settled_at = $1, last_error = $2 WHERE id = $3`,
      [now, reason, id],
    );
  }

  /** One claim attempt: a claimed row, `null` (nothing ready), or `'again'` (a race lost: look again). */
  async function claimOnce(query: PgQuery, leaseMs: number): Promise<ClaimedInbound | null | 'again'> {
    const now = ctx.now();
    const { rows } = await query<Pick<InboundRow, 'id' | 'state' | 'attempts' | 'account_id' | 'sender'>>(
      selectReady,
      [now],
    );
    const [ready] = rows;
    if (ready === undefined) return null;
    if (ready.sender !== null) {
      await query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        `sms-channel.store sender ${JSON.stringify([ctx.location.schema, ready.account_id, ready.sender])}`,
      ]);
      const check = await query<{ ready: boolean }>(stillReady, [now, ready.id]);
      if (check.rows[0]?.ready !== true) return 'again';
    }
    if (ready.state === 'claimed' && ready.attempts >= settings.maxAttempts) {
      // The instance holding it vanished on the last allowed attempt: likely a message that crashes workers.
      await bury(
        query,
        ready.id,
        `lease expired on attempt ${ready.attempts} of ${settings.maxAttempts}`,
        now,
      );
      return 'again';
    }
    const claimed = await query<InboundRow>(
      `UPDATE ${inbound} SET state = 'claimed', attempts = attempts + 1, lease_until = $1 WHERE id = $2 RETURNING *`,
      [now + leaseMs, ready.id],
    );
    const row = claimed.rows[0] as InboundRow;
    return { ...toStored(row), leaseUntil: row.lease_until ?? 0 };
  }

  async function settle<T>(
    id: number,
    work: (query: PgQuery, attempts: number) => Promise<T>,
  ): Promise<T | { ok: false; reason: NotSettledReason }> {
    requireId(id);
    return ctx.transaction(async (query) => {
      const state = await claimedAttempts(query, id);
      if (!state.ok) return state;
      return work(query, state.attempts);
    });
  }

  return {
    async admitInbound(accountId, messageSid, payload, options = {}) {
      requireText('accountId', accountId);
      requireText('messageSid', messageSid);
      const text = encodePayload(payload);
      const sender =
        options.sender === undefined ? defaultSender(payload) : requireText('sender', options.sender);
      for (const [argument, value] of [
        ['accountId', accountId],
        ['messageSid', messageSid],
        ['sender', sender],
      ] as const) {
        if (value?.includes('\u0000')) throw new StoreArgumentError(argument, 'contains a NUL character');
      }
      // Tracked from now on (close waits for it); written with the other admits of this turn.
      const stored = await ctx.withPool(() => admit({ accountId, messageSid, sender, payload: text }));
      return { duplicate: !stored };
    },

    onInboundAdmitted(listener) {
      return notifications.subscribe(listener);
    },

    async claimInbound(options = {}) {
      const leaseMs = requireCount('leaseMs', options.leaseMs ?? settings.leaseMs);
      for (;;) {
        const claimed = await ctx.transaction((query) => claimOnce(query, leaseMs));
        if (claimed !== 'again') return claimed;
      }
    },

    async completeInbound(id) {
      return settle(id, async (query): Promise<SettleResult> => {
        await query(
          `UPDATE ${inbound} SET state = 'completed', lease_until = NULL, settled_at = $1 WHERE id = $2`,
          [ctx.now(), id],
        );
        return { ok: true };
      });
    },

    async failInbound(id, options) {
      const reason = requireText('reason', options.reason);
      const maxAttempts = requireCount('maxAttempts', options.maxAttempts ?? settings.maxAttempts);
      const given =
        options.retryAfterMs === undefined ? undefined : requireCount('retryAfterMs', options.retryAfterMs);
      return settle(id, async (query, attempts): Promise<FailResult> => {
        const now = ctx.now();
        if (attempts >= maxAttempts) {
          await bury(query, id, reason, now);
          return { ok: true, outcome: 'dead-lettered' };
        }
        const retryAt = now + (given ?? settings.retryDelayMs(attempts));
        await query(
          `UPDATE ${inbound} SET state = 'pending', lease_until = NULL, available_at = $1, last_error = $2
           WHERE id = $3`,
          [retryAt, reason, id],
        );
        return { ok: true, outcome: 'retry', retryAt };
      });
    },

    async deferInbound(id, options) {
      const delay = requireCount('retryAfterMs', options.retryAfterMs);
      const reason = options.reason === undefined ? null : requireText('reason', options.reason);
      return settle(id, async (query): Promise<DeferResult> => {
        const retryAt = ctx.now() + delay;
        // The claim that handed it out is given back: attempts - 1 (claiming always counted one).
        await query(
          `UPDATE ${inbound} SET state = 'pending', lease_until = NULL, available_at = $1,
             attempts = greatest(attempts - 1, 0), last_error = coalesce($2, last_error)
           WHERE id = $3`,
          [retryAt, reason, id],
        );
        return { ok: true, retryAt };
      });
    },

    async deadLetterInbound(id, reason) {
      requireText('reason', reason);
      return settle(id, async (query): Promise<SettleResult> => {
        await bury(query, id, reason, ctx.now());
        return { ok: true };
      });
    },

    async extendInboundLease(id, leaseMs) {
      requireCount('leaseMs', leaseMs);
      return settle(id, async (query): Promise<SettleResult> => {
        await query(`UPDATE ${inbound} SET lease_until = $1 WHERE id = $2`, [ctx.now() + leaseMs, id]);
        return { ok: true };
      });
    },

    async listDeadLetters(options = {}) {
      const limit = requireCount('limit', options.limit ?? 100);
      const account = options.accountId === undefined ? null : requireText('accountId', options.accountId);
      const sid = options.messageSid === undefined ? null : requireText('messageSid', options.messageSid);
      const { rows } = await ctx.query<InboundRow>(
        `SELECT * FROM ${inbound} WHERE state = 'dead' AND ($1::text IS NULL OR account_id = $1)
           AND ($2::text IS NULL OR message_sid = $2)
         ORDER BY settled_at DESC, id DESC LIMIT $3`,
        [account, sid, limit],
      );
      return rows.map(
        (row): DeadLetter => ({
          ...toStored(row),
          reason: row.last_error ?? '',
          deadLetteredAt: row.settled_at ?? 0,
        }),
      );
    },

    async listQueuedInbound(options = {}) {
      const limit = requireCount('limit', options.limit ?? 100);
      const account = options.accountId === undefined ? null : requireText('accountId', options.accountId);
      const { rows } = await ctx.query<InboundRow>(
        `SELECT * FROM ${inbound} WHERE state IN ('pending', 'claimed') AND ($1::text IS NULL OR account_id = $1)
         ORDER BY id LIMIT $2`,
        [account, limit],
      );
      return rows.map((row): QueuedInbound => {
        const claimed = row.state === 'claimed';
        return {
          ...toStored(row),
          state: claimed ? 'claimed' : 'pending',
          availableAt: claimed ? null : row.available_at,
          leaseUntil: claimed ? row.lease_until : null,
          lastError: row.last_error,
        };
      });
    },

    async requeueDeadLetter(id) {
      requireId(id);
      const { rowCount } = await ctx.query(
        `UPDATE ${inbound} SET state = 'pending', attempts = 0, available_at = $1, settled_at = NULL,
           last_error = NULL
         WHERE id = $2 AND state = 'dead'`,
        [ctx.now(), id],
      );
      return rowCount === 1;
    },

    async countInbound() {
      const { rows } = await ctx.query<{ state: InboundRow['state']; n: number }>(
        `SELECT state, count(*) AS n FROM ${inbound} GROUP BY state`,
      );
      const result: InboundCounts = { pending: 0, claimed: 0, completed: 0, deadLettered: 0 };
      for (const { state, n } of rows) {
        if (state === 'dead') result.deadLettered = n;
        else result[state] = n;
      }
      return result;
    },
  };
}
