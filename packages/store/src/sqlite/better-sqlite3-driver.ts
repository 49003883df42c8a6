/**
 * The better-sqlite3 driver: the native addon the workspace installs and builds for its Node. Loaded only
 * when chosen (a dynamic import), so a bundle that leaves `better-sqlite3` out never touches it.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteConnection, SqliteDriver } from './sqlite-driver.js';

type DatabaseConstructor = typeof BetterSqlite3;

function wrap(db: BetterSqlite3.Database): SqliteConnection {
  return {
    exec(sql) {
      db.exec(sql);
    },
    // better-sqlite3's statements already have the seam's shape: `run` -> `{ changes }`, `get` -> row or
    // undefined, `all` -> rows, integers as numbers (safeIntegers stays off).
    prepare: (sql) => db.prepare(sql) as never,
    get inTransaction() {
      return db.inTransaction;
    },
    close() {
      db.close();
    },
  };
}

/**
 * Imports better-sqlite3 and proves its native addon loads in this process (better-sqlite3 loads the addon
 * on the first `new Database`, not on import; an addon built for another Node ABI fails only then).
 * Rejects when the package is missing or its addon does not load.
 */
export async function loadBetterSqlite3Driver(): Promise<SqliteDriver> {
  const imported: { default?: DatabaseConstructor } = await import('better-sqlite3');
  const Database = imported.default ?? (imported as unknown as DatabaseConstructor);
  new Database(':memory:').close();
  return {
    name: 'better-sqlite3',
    open(path, options = {}) {
      return wrap(
        new Database(path, { readonly: options.readOnly ?? false, timeout: options.busyTimeoutMs ?? 0 }),
      );
    },
  };
}
