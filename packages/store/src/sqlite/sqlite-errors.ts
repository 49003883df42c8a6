/**
 * Turns SQLite failures from either driver into this package's named errors, so callers never see SQLite's
 * vocabulary. The two drivers report a failure differently:
 * - better-sqlite3 throws a `SqliteError` whose `code` is the extended result code's name
 *   (`SQLITE_BUSY_SNAPSHOT`);
 * - node:sqlite throws an `Error` with `code: 'ERR_SQLITE_ERROR'`, the extended result code as a number in
 *   `errcode` (517) and SQLite's text for it in `errstr`.
 * Both are reduced to a name starting with the primary code's (`SQLITE_BUSY...`) before deciding.
 */
import { isStoreError, StoreCorruptError, StoreError } from '../errors.js';

/**
 * SQLite's primary result codes, by number (https://sqlite.org/rescode.html). An extended code carries its
 * primary code in the low 8 bits. A fixed table of SQLite's stable ABI; no package provides it.
 */
const primaryCodes: readonly string[] = [
  'OK',
  'ERROR',
  'INTERNAL',
  'PERM',
  'ABORT',
  'BUSY',
  'LOCKED',
  'NOMEM',
  'READONLY',
  'INTERRUPT',
  'IOERR',
  'CORRUPT',
  'NOTFOUND',
  'FULL',
  'CANTOPEN',
  'PROTOCOL',
  'EMPTY',
  'SCHEMA',
  'TOOBIG',
  'CONSTRAINT',
  'MISMATCH',
  'MISUSE',
  'NOLFS',
  'AUTH',
  'FORMAT',
  'RANGE',
  'NOTADB',
  'NOTICE',
  'WARNING',
];

/** The SQLite result code's name (`SQLITE_BUSY_SNAPSHOT`, `SQLITE_NOTADB`...), or `undefined` if not SQLite's. */
export function sqliteErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const { code } = error;
  if (typeof code !== 'string') return undefined;
  if (code.startsWith('SQLITE_')) return code;
  if (code === 'ERR_SQLITE_ERROR' && 'errcode' in error && typeof error.errcode === 'number') {
    const name = primaryCodes[error.errcode & 0xff];
    return name === undefined ? `SQLITE_${error.errcode}` : `SQLITE_${name}`;
  }
  return undefined;
}

/** A lock held by another connection: worth retrying. */
export function isBusy(error: unknown): boolean {
  const code = sqliteErrorCode(error);
  return code !== undefined && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/** The file is not a database, or is damaged. */
export function isCorrupt(error: unknown): boolean {
  const code = sqliteErrorCode(error);
  return code !== undefined && (code.startsWith('SQLITE_NOTADB') || code.startsWith('SQLITE_CORRUPT'));
}

/** Wraps any SQLite failure in a `StoreError` naming the file; this package's own errors pass through. */
export function toStoreError(path: string, error: unknown): Error {
  if (isStoreError(error)) return error;
  if (isCorrupt(error)) {
    return new StoreCorruptError(path, error instanceof Error ? error.message : String(error), {
      cause: error,
    });
  }
  const code = sqliteErrorCode(error);
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
