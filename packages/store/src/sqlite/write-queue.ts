/**
 * Group commit. Every write is queued and the queue is flushed once per event-loop turn in ONE transaction,
 * each write inside its own savepoint (a failing write is rolled back alone and rejects alone). With
 * `synchronous=FULL` a commit costs one fsync of the WAL, so a burst of webhooks arriving together shares one
 * fsync instead of paying one each; no promise resolves before its transaction has committed.
 */
import { StoreClosedError } from '../errors.js';
import type { BusyRetry } from './busy-retry.js';
import type { SqliteConnection } from './sqlite-driver.js';
import { isBusy, toStoreError } from './sqlite-errors.js';

/** Queues synchronous writes and commits them in batches. */
export interface WriteQueue {
  /** Runs `work` inside the next batch transaction; resolves with its result once that batch has committed. */
  run<T>(work: () => T): Promise<T>;
  /** Commits what is queued, then refuses new work with `StoreClosedError`. */
  close(): Promise<void>;
}

interface Job {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * The most writes one transaction takes: bounds how long one flush blocks the event loop.
 * @default 512
 */
const maxBatch = 512;

export function createWriteQueue(db: SqliteConnection, path: string, retryWhileBusy: BusyRetry): WriteQueue {
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const rollback = db.prepare('ROLLBACK');
  const savepoint = db.prepare('SAVEPOINT write');
  const release = db.prepare('RELEASE write');
  const rollbackTo = db.prepare('ROLLBACK TO write');
  const queue: Job[] = [];
  let closed = false;
  let draining: Promise<void> | undefined;

  function runOne(job: Job): Outcome {
    savepoint.run();
    try {
      const value = job.work();
      release.run();
      return { ok: true, value };
    } catch (error) {
      // A lock error cannot happen inside an IMMEDIATE transaction; anything else is this write's own failure.
      if (isBusy(error)) throw error;
      rollbackTo.run();
      release.run();
      return { ok: false, error };
    }
  }

  function commitBatch(batch: readonly Job[]): Outcome[] {
    begin.run();
    try {
      const outcomes = batch.map(runOne);
      commit.run();
      return outcomes;
    } catch (error) {
      if (db.inTransaction) rollback.run();
      throw error;
    }
  }

  async function drain(): Promise<void> {
    // Let the current event-loop turn finish so writes issued together land in one batch.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (queue.length > 0) {
      const batch = queue.splice(0, maxBatch);
      let outcomes: Outcome[];
      try {
        outcomes = await retryWhileBusy(() => commitBatch(batch));
      } catch (error) {
        for (const job of batch) job.reject(error);
        continue;
      }
      outcomes.forEach((outcome, i) => {
        const job = batch[i] as Job;
        if (outcome.ok) job.resolve(outcome.value);
        else job.reject(toStoreError(path, outcome.error));
      });
    }
    draining = undefined;
  }

  return {
    run<T>(work: () => T): Promise<T> {
      if (closed) return Promise.reject(new StoreClosedError(path));
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
        draining ??= drain();
      });
    },
    async close() {
      closed = true;
      await draining;
    },
  };
}
