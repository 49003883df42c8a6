import type { SqliteConnection } from './sqlite-driver.js';

/** What each SQLite-backed part of the store shares. */
export interface SqliteContext {
  db: SqliteConnection;
  /** Queues synchronous write work for the next group commit. */
  write: <T>(work: () => T) => Promise<T>;
  /** Runs synchronous read work now, waiting out locks. */
  read: <T>(work: () => T) => Promise<T>;
  /** The clock (ms since the epoch). */
  now: () => number;
}
