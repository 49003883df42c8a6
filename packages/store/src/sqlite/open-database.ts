/**
 * Opening the file safely: create it (and its folder) when missing, owner-only since it holds phone numbers
 * and message text; recognise our own files by `application_id` BEFORE changing anything, so a damaged or
 * foreign file is reported and left exactly as it was; then switch to WAL and apply missing migrations.
 */
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { StoreForeignFileError, StoreOpenError, StoreVersionError } from '../errors.js';
import { type BusyRetry, busySliceMs } from './busy-retry.js';
import { applicationId, latestVersion, migrations } from './schema.js';
import { toStoreError } from './sqlite-errors.js';

/** How commits reach the disk; see `OpenStoreOptions.synchronous`. */
export type SynchronousMode = 'full' | 'normal';

export const inMemoryPath = ':memory:';

function createFileIfMissing(path: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    closeSync(openSync(path, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw new StoreOpenError(path, (error as Error).message, { cause: error });
  }
}

function connect(path: string): Database.Database {
  try {
    // `timeout` is SQLite's busy_timeout: one short slice per attempt, see busy-retry.ts.
    return new Database(path, { timeout: busySliceMs });
  } catch (error) {
    throw new StoreOpenError(path, (error as Error).message, { cause: error });
  }
}

/** Refuses files that are not ours; reading the header and schema also surfaces a damaged file here. */
function checkIdentity(db: Database.Database, path: string): void {
  const id = db.pragma('application_id', { simple: true }) as number;
  const objects = db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get() as number;
  if (id === applicationId) return;
  if (id !== 0) throw new StoreForeignFileError(path, `application_id is ${id}`);
  if (objects > 0) throw new StoreForeignFileError(path, `it holds ${objects} tables or indexes of its own`);
}

function useWal(db: Database.Database, path: string): void {
  if (path === inMemoryPath) return;
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (mode !== 'wal') {
    throw new StoreOpenError(
      path,
      `the file system does not support SQLite's WAL mode (got "${String(mode)}")`,
    );
  }
}

function migrate(db: Database.Database, path: string): void {
  if (db.pragma('user_version', { simple: true }) === latestVersion) return;
  db.transaction(() => {
    // Read again under the write lock: another process may have migrated meanwhile.
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > latestVersion) throw new StoreVersionError(path, version, latestVersion);
    for (const migration of migrations) {
      if (migration.version > version) db.exec(migration.sql);
    }
    db.pragma(`application_id = ${applicationId}`);
    db.pragma(`user_version = ${latestVersion}`);
  }).immediate();
}

/** Opens (creating if needed) and migrates the store file; on any failure the connection is closed. */
export async function openDatabase(
  path: string,
  synchronous: SynchronousMode,
  retryWhileBusy: BusyRetry,
): Promise<Database.Database> {
  if (path !== inMemoryPath) createFileIfMissing(path);
  const db = connect(path);
  try {
    await retryWhileBusy(() => checkIdentity(db, path));
    await retryWhileBusy(() => useWal(db, path));
    db.pragma(`synchronous = ${synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    await retryWhileBusy(() => migrate(db, path));
    return db;
  } catch (error) {
    db.close();
    throw toStoreError(path, error);
  }
}
