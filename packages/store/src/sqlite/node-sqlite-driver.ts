/**
 * The node:sqlite driver: Node's built-in SQLite (`DatabaseSync`, unflagged from Node 22.13), so the store
 * runs without any native addon, e.g. bundled into a plugin for a host whose Node ABI differs from ours.
 *
 * It is fetched with `process.getBuiltinModule` at open time rather than imported: Node 20 (which has no
 * node:sqlite) never sees the specifier, and bundlers have nothing to resolve. The workspace's @types/node
 * is Node 20's, so the small part used here is described below and checked when the module is fetched.
 *
 * Differences from better-sqlite3 this driver absorbs:
 * - rows come with a null prototype: they are copied into plain objects;
 * - `changes` may be a bigint (only with `readBigInts`, which stays off): normalised to a number;
 * - no `timeout` option before Node 22.16: `PRAGMA busy_timeout` sets the same handler;
 * - `isTransaction` only from Node 22.16: before that, `inTransaction` is probed (see `probeTransaction`).
 * Integers read back as numbers (readBigInts off); every integer the store writes is a safe integer, and
 * node:sqlite throws ERR_OUT_OF_RANGE rather than round a larger one. Numbers are bound as REAL; the
 * store's STRICT tables store integral ones as INTEGER, and SQLite compares them numerically.
 */
import type { SqliteConnection, SqliteDriver, SqliteStatement, SqlParameters } from './sqlite-driver.js';
import { sqliteErrorCode } from './sqlite-errors.js';

type Row = Record<string, unknown>;

interface NodeStatement {
  run(...parameters: unknown[]): { changes: number | bigint };
  get(...parameters: unknown[]): Row | undefined;
  all(...parameters: unknown[]): Row[];
}

export interface NodeDatabase {
  exec(sql: string): void;
  prepare(sql: string): NodeStatement;
  close(): void;
  readonly isTransaction?: boolean;
}

type NodeDatabaseConstructor = new (path: string, options?: { readOnly?: boolean }) => NodeDatabase;

/** The oldest Node with node:sqlite unflagged, for messages. */
const nodeSqliteMinimum = '22.13';

/** `DatabaseSync` from node:sqlite, or why it is unavailable in this process. */
function databaseSync(): NodeDatabaseConstructor | string {
  // Node 20.16+ and 22.3+ have getBuiltinModule; it answers undefined for a module this Node lacks.
  const module: unknown = process.getBuiltinModule?.('node:sqlite');
  if (typeof module === 'object' && module !== null && 'DatabaseSync' in module) {
    const { DatabaseSync } = module;
    if (typeof DatabaseSync === 'function') return DatabaseSync as NodeDatabaseConstructor;
  }
  return `node:sqlite needs Node >= ${nodeSqliteMinimum} (this is Node ${process.versions.node})`;
}

function plain(row: Row | undefined): Row | undefined {
  return row === undefined ? undefined : { ...row };
}

function wrapStatement(statement: NodeStatement): SqliteStatement<SqlParameters, Row> {
  return {
    run: (...parameters) => ({ changes: Number(statement.run(...parameters).changes) }),
    get: (...parameters) => plain(statement.get(...parameters)),
    all: (...parameters) => statement.all(...parameters).map((row) => ({ ...row })),
  };
}

/**
 * Whether a transaction is open, on a Node without `isTransaction`: a plain BEGIN fails inside a transaction
 * (SQLITE_ERROR, "cannot start a transaction within a transaction") and otherwise opens a deferred one (no
 * lock taken until it reads or writes), rolled back at once.
 */
export function probeTransaction(db: NodeDatabase): boolean {
  try {
    db.exec('BEGIN');
  } catch (error) {
    if (sqliteErrorCode(error) === 'SQLITE_ERROR') return true;
    throw error;
  }
  db.exec('ROLLBACK');
  return false;
}

function wrap(db: NodeDatabase): SqliteConnection {
  return {
    exec(sql) {
      db.exec(sql);
    },
    prepare: (sql) => wrapStatement(db.prepare(sql)) as never,
    get inTransaction() {
      return db.isTransaction ?? probeTransaction(db);
    },
    close() {
      db.close();
    },
  };
}

/** Fetches node:sqlite; throws an `Error` saying which Node it needs when this one has none. */
export function loadNodeSqliteDriver(): SqliteDriver {
  const DatabaseSync = databaseSync();
  if (typeof DatabaseSync === 'string') throw new Error(DatabaseSync);
  return {
    name: 'node:sqlite',
    open(path, options = {}) {
      const db = new DatabaseSync(path, { readOnly: options.readOnly ?? false });
      try {
        db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 0))}`);
      } catch (error) {
        db.close();
        throw error;
      }
      return wrap(db);
    },
  };
}
