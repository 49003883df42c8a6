/**
 * The SQLite driver the tests run on. `SMS_STORE_DRIVER` (tests only; the library reads no environment)
 * picks one, as `pnpm test:node-sqlite` does to run the suites on node:sqlite under a newer Node; unset, the
 * tests use `'auto'`, the default users get.
 */
import { loadSqliteDriver, type SqliteDriverChoice } from '../sqlite/load-sqlite-driver.js';
import type { OpenConnectionOptions, SqliteConnection } from '../sqlite/sqlite-driver.js';

function parseDriver(value: string | undefined): SqliteDriverChoice {
  if (value === undefined || value === '') return 'auto';
  if (value === 'auto' || value === 'better-sqlite3' || value === 'node:sqlite') return value;
  throw new Error(`SMS_STORE_DRIVER must be auto, better-sqlite3 or node:sqlite, not "${value}"`);
}

export const testDriver: SqliteDriverChoice = parseDriver(process.env.SMS_STORE_DRIVER);

/** A plain connection through the tests' driver, to set up or inspect files behind the store's back. */
export async function openTestConnection(
  path: string,
  options?: OpenConnectionOptions,
): Promise<SqliteConnection> {
  return (await loadSqliteDriver(testDriver)).open(path, options);
}
