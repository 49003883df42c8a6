/**
 * Opening the file safely: create it (and its folder) when missing, owner-only since it holds phone numbers
 * and message text; recognise our own files by `application_id` BEFORE changing anything, so a damaged or
 * foreign file is reported and left exactly as it was; then switch to WAL and apply missing migrations.
 */
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { StoreForeignFileError, StoreOpenError, StoreVersionError } from '../errors.js';
import { type BusyRetry, busySliceMs } from './busy-retry.js';
import { applicationId, latestVersion, migrations } from './schema.js';
import { firstColumn, type SqliteConnection, type SqliteDriver } from './sqlite-driver.js';
import { toStoreError } from './sqlite-errors.js';

/** How commits reach the disk; see `OpenStoreOptions.synchronous`. */
export type SynchronousMode = 'full' | 'normal';

const inMemoryPath = ':memory:';

function createFileIfMissing(path: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    closeSync(openSync(path, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw new StoreOpenError(path, (error as Error).message, { cause: error });
  }
}

function connect(driver: SqliteDriver, path: string): SqliteConnection {
  try {
    // SQLite's own busy wait is one short slice per attempt, see busy-retry.ts.
    return driver.open(path, { busyTimeoutMs: busySliceMs });
  } catch (error) {
    throw new StoreOpenError(path, (error as Error).message, { cause: error });
  }
}

function pragma(db: SqliteConnection, statement: string): unknown {
  return firstColumn(db.prepare(`PRAGMA ${statement}`).get());
}

/** Refuses files that are not ours; reading the header and schema also surfaces a damaged file here. */
function checkIdentity(db: SqliteConnection, path: string): void {
  const id = pragma(db, 'application_id');
  const objects = firstColumn(db.prepare('SELECT count(*) FROM sqlite_schema').get());
  if (id === applicationId) return;
  if (id !== 0) throw new StoreForeignFileError(path, `application_id is ${String(id)}`);
  if (objects !== 0) {
    throw new StoreForeignFileError(path, `it holds ${String(objects)} tables or indexes of its own`);
  }
}

function useWal(db: SqliteConnection, path: string): void {
  if (path === inMemoryPath) return;
  const mode = pragma(db, 'journal_mode = WAL');
  if (mode !== 'wal') {
    throw new StoreOpenError(
      path,
      `the file system does not support SQLite's WAL mode (got "${String(mode)}")`,
    );
  }
}

function migrate(db: SqliteConnection, path: string): void {
  if (pragma(db, 'user_version') === latestVersion) return;
  db.exec('BEGIN IMMEDIATE');
  try {
    // Read again under the write lock: another process may have migrated meanwhile.
    const version = Number(pragma(db, 'user_version'));
    if (version > latestVersion) throw new StoreVersionError(path, version, latestVersion);
    for (const migration of migrations) {
      if (migration.version > version) db.exec(migration.sql);
    }
    db.exec(`PRAGMA application_id = ${applicationId}`);
    db.exec(`PRAGMA user_version = ${latestVersion}`);
    db.exec('COMMIT');
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

/** Opens (creating if needed) and migrates the store file; on any failure the connection is closed. */
export async function openDatabase(
  driver: SqliteDriver,
  path: string,
  synchronous: SynchronousMode,
  retryWhileBusy: BusyRetry,
): Promise<SqliteConnection> {
  if (path !== inMemoryPath) createFileIfMissing(path);
  const db = connect(driver, path);
  try {
    await retryWhileBusy(() => checkIdentity(db, path));
    await retryWhileBusy(() => useWal(db, path));
    db.exec(`PRAGMA synchronous = ${synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    await retryWhileBusy(() => migrate(db, path));
    return db;
  } catch (error) {
    db.close();
    throw toStoreError(path, error);
  }
}
