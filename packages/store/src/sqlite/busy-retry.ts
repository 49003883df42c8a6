/**
 * Waiting out another process's lock. SQLite's own busy handler (`busy_timeout`) sleeps while blocking the
 * thread, and both drivers (better-sqlite3, node:sqlite) run SQLite on the event loop's thread, so each
 * attempt only waits a short slice in SQLite and the rest of the budget is spent between attempts on timers:
 * a CLI holding the write lock for a moment never freezes the gateway's webhook server, and the caller never
 * sees `SQLITE_BUSY` unless the lock outlives the whole budget.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { StoreBusyError } from '../errors.js';
import { isBusy, toStoreError } from './sqlite-errors.js';

/** How long SQLite itself waits for a lock within one attempt; set as the connection's `busy_timeout`. */
export const busySliceMs = 200;

/** Runs synchronous database work, retrying it while the database is locked. */
export type BusyRetry = <T>(work: () => T) => Promise<T>;

/** Makes a `BusyRetry` that gives up after `timeoutMs` with a `StoreBusyError` naming `path`. */
export function createBusyRetry(path: string, timeoutMs: number): BusyRetry {
  return async function retryWhileBusy<T>(work: () => T): Promise<T> {
    const started = performance.now();
    for (let attempt = 0; ; attempt++) {
      try {
        return work();
      } catch (error) {
        const waited = performance.now() - started;
        if (!isBusy(error)) throw toStoreError(path, error);
        if (waited >= timeoutMs) throw new StoreBusyError(path, Math.round(waited), { cause: error });
        // Short, growing pauses with jitter so two waiting processes do not retry in lockstep.
        await sleep(Math.min(5 * 2 ** attempt, 100) * (0.5 + Math.random()));
      }
    }
  };
}
