/**
 * Turns better-sqlite3's `SqliteError` (extended result codes such as `SQLITE_BUSY_SNAPSHOT`) into this
 * package's named errors, so callers never see SQLite's vocabulary.
 */
import { StoreCorruptError, StoreError } from '../errors.js';

function sqliteCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' && error.code.startsWith('SQLITE_') ? error.code : undefined;
}

/** A lock held by another connection: worth retrying. */
export function isBusy(error: unknown): boolean {
  const code = sqliteCode(error);
  return code !== undefined && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/** The file is not a database, or is damaged. */
export function isCorrupt(error: unknown): boolean {
  const code = sqliteCode(error);
  return code !== undefined && (code.startsWith('SQLITE_NOTADB') || code.startsWith('SQLITE_CORRUPT'));
}

/** Wraps any SQLite failure in a `StoreError` naming the file; this package's own errors pass through. */
export function toStoreError(path: string, error: unknown): Error {
  if (error instanceof StoreError) return error;
  if (isCorrupt(error)) {
    return new StoreCorruptError(path, error instanceof Error ? error.message : String(error), {
      cause: error,
    });
  }
  const code = sqliteCode(error);
  if (code === undefined) return error instanceof Error ? error : new Error(String(error));
  const message = error instanceof Error ? error.message : String(error);
  return new StoreError(
    'STORE_SQLITE_FAILED',
    `SQLite failed on the store at ${path}: ${message} (${code})`,
    {
      cause: error,
    },
  );
}
