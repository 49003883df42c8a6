/**
 * Group commit for admits on PostgreSQL. Admits are written by ONE statement at a time (a multi-row `INSERT ...
 * ON CONFLICT DO NOTHING` from arrays, with a `pg_notify` per stored row): those made during one turn of the event
 * loop go together, and those made while a statement is being committed wait for it and go together in the next.
 * So a burst of webhooks, or a steady stream of them arriving one per turn, shares one round trip, one commit and
 * one WAL flush per batch instead of paying one each, as the SQLite store's write queue does. A lone admit on an
 * idle store waits for nothing. No admit resolves before its statement has committed.
 */
import type { PgQuery } from './postgres-context.js';

/** One admit, validated. */
export interface AdmitRow {
  accountId: string;
  messageSid: string;
  sender: string | null;
  /** The payload as JSON text. */
  payload: string;
}

interface Job {
  row: AdmitRow;
  resolve: (stored: boolean) => void;
  reject: (error: unknown) => void;
}

/**
 * The most admits one statement takes: bounds its parameter arrays and how long it holds its locks.
 * @default 500
 */
const maxBatch = 500;

/** The statement, given the inbound table: stores what is new, notifies it, returns what it stored. */
export function admitStatement(inbound: string): string {
  return `WITH input AS (
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY
        AS t(account_id, message_sid, sender, payload, ord)),
    stored AS (
      INSERT INTO ${inbound} (account_id, message_sid, sender, payload, state, available_at, admitted_at)
      SELECT account_id, message_sid, sender, payload, 'pending', $5, $5 FROM input ORDER BY ord
      ON CONFLICT (account_id, message_sid) DO NOTHING
      RETURNING account_id, message_sid, sender)
    SELECT account_id, message_sid,
      pg_notify($6, json_build_object('accountId', account_id, 'messageSid', message_sid, 'sender', sender)::text)
    FROM stored`;
}

/**
 * Returns `admit(row)`: resolves `true` once the row is committed, `false` when `(accountId, messageSid)` was
 * admitted before (by anyone, or earlier in the same batch). `run` executes the batch statement, after
 * `beforeBatch` (the LISTEN connection's readiness).
 */
export function createAdmitBatch(options: {
  inbound: string;
  channel: string;
  now: () => number;
  run: PgQuery;
  beforeBatch: () => Promise<void>;
}): (row: AdmitRow) => Promise<boolean> {
  const sql = admitStatement(options.inbound);
  const queue: Job[] = [];
  let scheduled = false;
  // One statement in flight: the admits arriving meanwhile form the next batch. Without this, admits arriving one
  // per event-loop turn (each webhook read in its own turn) each paid a commit and a WAL flush of their own
  // (measured: 0.9 WAL fsyncs per webhook under load).
  let writing = false;

  async function write(batch: readonly Job[]): Promise<void> {
    await options.beforeBatch();
    const rows = batch.map((job) => job.row);
    const { rows: stored } = await options.run<{ account_id: string; message_sid: string }>(sql, [
      rows.map((row) => row.accountId),
      rows.map((row) => row.messageSid),
      rows.map((row) => row.sender),
      rows.map((row) => row.payload),
      options.now(),
      options.channel,
    ]);
    const fresh = new Set(stored.map((row) => JSON.stringify([row.account_id, row.message_sid])));
    for (const job of batch) {
      // The first of several identical admits in one batch is the one stored; `delete` makes the rest duplicates.
      job.resolve(fresh.delete(JSON.stringify([job.row.accountId, job.row.messageSid])));
    }
  }

  function schedule(): void {
    if (scheduled || writing || queue.length === 0) return;
    scheduled = true;
    // Let the current event-loop turn finish, so admits issued together land in one statement.
    setImmediate(flush);
  }

  function flush(): void {
    scheduled = false;
    const batch = queue.splice(0, maxBatch);
    writing = true;
    write(batch)
      .catch((error: unknown) => {
        for (const job of batch) job.reject(error);
      })
      .finally(() => {
        writing = false;
        schedule();
      });
  }

  return (row) =>
    new Promise<boolean>((resolve, reject) => {
      queue.push({ row, resolve, reject });
      schedule();
    });
}
