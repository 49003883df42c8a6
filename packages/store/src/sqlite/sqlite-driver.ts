/**
 * The seam between the store and a SQLite binding. The store runs on either better-sqlite3 (a native addon,
 * built for one Node ABI) or Node's built-in `node:sqlite` (no addon: what a bundled plugin on a newer host
 * Node can load). Both are synchronous and close to each other; this is the small common subset the store
 * uses, so every guarantee (WAL, synchronous=FULL, group commit, busy handling, migrations) is written once.
 *
 * Neither binding is imported here: each driver module loads its own lazily (see load-sqlite-driver.ts).
 */

/** The SQLite bindings the store can run on. */
export type SqliteDriverName = 'better-sqlite3' | 'node:sqlite';

/** A value SQLite can bind or return. Integers come back as numbers on both drivers. */
export type SqlValue = string | number | bigint | Uint8Array | null;

/** Positional parameters (`?`) as a tuple, or named ones (`:name`) as one object. */
export type SqlParameters = SqlValue[] | Record<string, SqlValue>;

type ArgumentsOf<P extends SqlParameters> = P extends SqlValue[] ? P : [P];

/** What running a write statement did. */
export interface SqlRunResult {
  /** Rows inserted, updated or deleted. */
  changes: number;
}

/** A prepared statement; `Row` is the shape of one result row. */
export interface SqliteStatement<P extends SqlParameters = SqlValue[], Row = Record<string, unknown>> {
  run(...parameters: ArgumentsOf<P>): SqlRunResult;
  /** The first row, or `undefined` when there is none. */
  get(...parameters: ArgumentsOf<P>): Row | undefined;
  all(...parameters: ArgumentsOf<P>): Row[];
}

/** One open database connection. Rows are plain objects keyed by column name. */
export interface SqliteConnection {
  /** Runs one or more statements that return no rows (DDL, PRAGMA assignments, BEGIN/COMMIT). */
  exec(sql: string): void;
  prepare<P extends SqlParameters = SqlValue[], Row = Record<string, unknown>>(
    sql: string,
  ): SqliteStatement<P, Row>;
  /** Whether a transaction is open (SQLite may have rolled one back by itself after an error). */
  readonly inTransaction: boolean;
  close(): void;
}

/** Options of `SqliteDriver.open`. */
export interface OpenConnectionOptions {
  /**
   * Open without write access.
   * @default false
   */
  readOnly?: boolean;
  /**
   * SQLite's `busy_timeout`: how long one statement waits for another connection's lock before failing
   * with `SQLITE_BUSY`. It blocks the thread, so the store keeps it short (see busy-retry.ts).
   * @default 0 (fail at once)
   */
  busyTimeoutMs?: number;
}

/** A loaded SQLite binding. */
export interface SqliteDriver {
  readonly name: SqliteDriverName;
  /** Opens (creating when missing, unless read-only) the database at `path`; `':memory:'` for a private one. */
  open(path: string, options?: OpenConnectionOptions): SqliteConnection;
}

/** The first column of a row (a PRAGMA's value, a `count(*)`), or `undefined` for no row. */
export function firstColumn(row: Record<string, unknown> | undefined): unknown {
  return row === undefined ? undefined : Object.values(row)[0];
}
