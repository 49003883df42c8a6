/**
 * The inbound queue on SQLite. One table holds every message in one of four states
 * (pending -> claimed -> completed | dead, and claimed -> pending on a retry); the UNIQUE
 * `(account_id, message_sid)` constraint is the deduplication, so it holds across processes too.
 */
import { requireCount, requireText } from '../arguments.js';
import { createInboundAdmittedListeners } from '../inbound-admitted-listeners.js';
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
import type { SqliteContext } from './sqlite-context.js';

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

function toClaimed(row: InboundRow): ClaimedInbound {
  return { ...toStored(row), leaseUntil: row.lease_until ?? 0 };
}

function toDeadLetter(row: InboundRow): DeadLetter {
  return { ...toStored(row), reason: row.last_error ?? '', deadLetteredAt: row.settled_at ?? 0 };
}

function toQueued(row: InboundRow): QueuedInbound {
  const claimed = row.state === 'claimed';
  return {
    ...toStored(row),
    state: claimed ? 'claimed' : 'pending',
    availableAt: claimed ? null : row.available_at,
    leaseUntil: claimed ? row.lease_until : null,
    lastError: row.last_error,
  };
}

export function createSqliteInboundQueue(ctx: SqliteContext, settings: QueueSettings): InboundQueue {
  const { db } = ctx;
  // Process-local: only admits made through this store object are heard (see `onInboundAdmitted`).
  const admitted = createInboundAdmittedListeners();
  const insert = db.prepare(
    `INSERT INTO inbound (account_id, message_sid, sender, payload, state, available_at, admitted_at)
     VALUES (?, ?, ?, ?, 'pending', ?, ?) ON CONFLICT (account_id, message_sid) DO NOTHING`,
  );
  // The oldest unsettled message that is ready (pending and due, or claimed with a lapsed lease), is the
  // oldest unsettled message of its sender, and whose sender has no other message in flight (a requeued dead
  // letter is older than the message that may be running). A NULL sender never equals another, so it is
  // never held back.
  const selectReady = db.prepare<{ now: number }, Pick<InboundRow, 'id' | 'state' | 'attempts'>>(
    `SELECT i.id, i.state, i.attempts FROM inbound AS i INDEXED BY inbound_queue
     WHERE i.state IN ('pending', 'claimed')
       AND (CASE i.state WHEN 'pending' THEN i.available_at ELSE i.lease_until END) <= :now
       AND NOT EXISTS (
         SELECT 1 FROM inbound AS o INDEXED BY inbound_by_sender
         WHERE o.account_id = i.account_id AND o.sender = i.sender AND o.id <> i.id
           AND o.state IN ('pending', 'claimed')
           AND (o.id < i.id OR (o.state = 'claimed' AND o.lease_until > :now)))
     ORDER BY i.id LIMIT 1`,
  );
  const claim = db.prepare<[number, number], InboundRow>(
    `UPDATE inbound SET state = 'claimed', attempts = attempts + 1, lease_until = ?
     WHERE id = ? RETURNING *`,
  );
  const selectState = db.prepare<[number], Pick<InboundRow, 'state' | 'attempts'>>(
    'SELECT state, attempts FROM inbound WHERE id = ?',
  );
  const complete = db.prepare(
    `UPDATE inbound SET state = 'completed', lease_until = NULL, settled_at = ? WHERE id = ?`,
  );
  const bury = db.prepare(
    `UPDATE inbound SET state = 'dead', lease_until = NULL, settled_at = ?, last_error = ? WHERE id = ?`,
  );
  const retryLater = db.prepare(
    `UPDATE inbound SET state = 'pending', lease_until = NULL, available_at = ?, last_error = ? WHERE id = ?`,
  );
  // The claim that handed it out is given back: attempts - 1 (claiming always counted one).
  const defer = db.prepare(
    `UPDATE inbound SET state = 'pending', lease_until = NULL, available_at = ?,
       attempts = max(attempts - 1, 0), last_error = coalesce(?, last_error)
     WHERE id = ?`,
  );
  const extend = db.prepare('UPDATE inbound SET lease_until = ? WHERE id = ?');
  const requeue = db.prepare(
    `UPDATE inbound SET state = 'pending', attempts = 0, available_at = ?, settled_at = NULL, last_error = NULL
     WHERE id = ? AND state = 'dead'`,
  );
  type ListFilter = { account: string | null; sid: string | null; limit: number };
  const deadLetters = db.prepare<ListFilter, InboundRow>(
    `SELECT * FROM inbound WHERE state = 'dead'
       AND (:account IS NULL OR account_id = :account) AND (:sid IS NULL OR message_sid = :sid)
     ORDER BY settled_at DESC, id DESC LIMIT :limit`,
  );
  const queued = db.prepare<Omit<ListFilter, 'sid'>, InboundRow>(
    `SELECT * FROM inbound INDEXED BY inbound_queue WHERE state IN ('pending', 'claimed')
       AND (:account IS NULL OR account_id = :account)
     ORDER BY id LIMIT :limit`,
  );
  const counts = db.prepare<[], { state: InboundRow['state']; n: number }>(
    'SELECT state, count(*) AS n FROM inbound GROUP BY state',
  );

  /** The claimed row's state, or why it is not claimed. */
  function claimedAttempts(
    id: number,
  ): { ok: true; attempts: number } | { ok: false; reason: NotSettledReason } {
    const row = selectState.get(id);
    if (row === undefined) return { ok: false, reason: 'not-found' };
    if (row.state !== 'claimed') return { ok: false, reason: 'not-claimed' };
    return { ok: true, attempts: row.attempts };
  }

  function claimNext(leaseMs: number): ClaimedInbound | null {
    for (;;) {
      const now = ctx.now();
      const ready = selectReady.get({ now });
      if (ready === undefined) return null;
      if (ready.state === 'claimed' && ready.attempts >= settings.maxAttempts) {
        // The worker holding it vanished on the last allowed attempt: likely a message that crashes workers.
        bury.run(now, `lease expired on attempt ${ready.attempts} of ${settings.maxAttempts}`, ready.id);
        continue;
      }
      return toClaimed(claim.get(now + leaseMs, ready.id) as InboundRow);
    }
  }

  return {
    async admitInbound(accountId, messageSid, payload, options = {}) {
      requireText('accountId', accountId);
      requireText('messageSid', messageSid);
      const text = encodePayload(payload);
      const sender =
        options.sender === undefined ? defaultSender(payload) : requireText('sender', options.sender);
      const result = await ctx.write(() => {
        const now = ctx.now();
        return { duplicate: insert.run(accountId, messageSid, sender, text, now, now).changes === 0 };
      });
      if (!result.duplicate) admitted.emit({ accountId, messageSid, sender });
      return result;
    },

    onInboundAdmitted(listener) {
      return admitted.subscribe(listener);
    },

    async claimInbound(options = {}) {
      const leaseMs = requireCount('leaseMs', options.leaseMs ?? settings.leaseMs);
      return ctx.write(() => claimNext(leaseMs));
    },

    async completeInbound(id) {
      return ctx.write((): SettleResult => {
        const state = claimedAttempts(id);
        if (!state.ok) return state;
        complete.run(ctx.now(), id);
        return { ok: true };
      });
    },

    async failInbound(id, options) {
      const reason = requireText('reason', options.reason);
      const maxAttempts = requireCount('maxAttempts', options.maxAttempts ?? settings.maxAttempts);
      const given =
        options.retryAfterMs === undefined ? undefined : requireCount('retryAfterMs', options.retryAfterMs);
      return ctx.write((): FailResult => {
        const state = claimedAttempts(id);
        if (!state.ok) return state;
        const now = ctx.now();
        if (state.attempts >= maxAttempts) {
          bury.run(now, reason, id);
          return { ok: true, outcome: 'dead-lettered' };
        }
        const retryAt = now + (given ?? settings.retryDelayMs(state.attempts));
        retryLater.run(retryAt, reason, id);
        return { ok: true, outcome: 'retry', retryAt };
      });
    },

    async deferInbound(id, options) {
      const delay = requireCount('retryAfterMs', options.retryAfterMs);
      const reason = options.reason === undefined ? null : requireText('reason', options.reason);
      return ctx.write((): DeferResult => {
        const state = claimedAttempts(id);
        if (!state.ok) return state;
        const retryAt = ctx.now() + delay;
        defer.run(retryAt, reason, id);
        return { ok: true, retryAt };
      });
    },

    async deadLetterInbound(id, reason) {
      requireText('reason', reason);
      return ctx.write((): SettleResult => {
        const state = claimedAttempts(id);
        if (!state.ok) return state;
        bury.run(ctx.now(), reason, id);
        return { ok: true };
      });
    },

    async extendInboundLease(id, leaseMs) {
      requireCount('leaseMs', leaseMs);
      return ctx.write((): SettleResult => {
        const state = claimedAttempts(id);
        if (!state.ok) return state;
        extend.run(ctx.now() + leaseMs, id);
        return { ok: true };
      });
    },

    async listDeadLetters(options = {}) {
      const limit = requireCount('limit', options.limit ?? 100);
      const account = options.accountId === undefined ? null : requireText('accountId', options.accountId);
      const sid = options.messageSid === undefined ? null : requireText('messageSid', options.messageSid);
      return ctx.read(() => deadLetters.all({ account, sid, limit }).map(toDeadLetter));
    },

    async listQueuedInbound(options = {}) {
      const limit = requireCount('limit', options.limit ?? 100);
      const account = options.accountId === undefined ? null : requireText('accountId', options.accountId);
      return ctx.read(() => queued.all({ account, limit }).map(toQueued));
    },

    async requeueDeadLetter(id) {
      return ctx.write(() => requeue.run(ctx.now(), id).changes === 1);
    },

    async countInbound() {
      return ctx.read(() => {
        const result: InboundCounts = { pending: 0, claimed: 0, completed: 0, deadLettered: 0 };
        for (const { state, n } of counts.all()) {
          if (state === 'dead') result.deadLettered = n;
          else result[state] = n;
        }
        return result;
      });
    },
  };
}
