import type { Database } from 'better-sqlite3';

/** What each SQLite-backed part of the store shares. */
export interface SqliteContext {
  db: Database;
  /** The file, for error messages. */
  path: string;
  /** Queues synchronous write work for the next group commit. */
  write: <T>(work: () => T) => Promise<T>;
  /** Runs synchronous read work now, waiting out locks. */
  read: <T>(work: () => T) => Promise<T>;
  /** The clock (ms since the epoch). */
  now: () => number;
}
