import { describe, expect, it } from 'vitest';
import { StoreCorruptError } from '../errors.js';
import { isBusy, isCorrupt, sqliteErrorCode, toStoreError } from './sqlite-errors.js';

/** The error shapes each driver throws (seen from better-sqlite3 12 and Node 24's node:sqlite). */
function betterSqlite3Error(code: string, message: string): Error {
  return Object.assign(new Error(message), { name: 'SqliteError', code });
}

function nodeSqliteError(errcode: number, errstr: string, message = errstr): Error {
  return Object.assign(new Error(message), { code: 'ERR_SQLITE_ERROR', errcode, errstr });
}

describe("SQLite errors from either driver's shape", () => {
  it('names better-sqlite3 errors by their extended code', () => {
    expect(sqliteErrorCode(betterSqlite3Error('SQLITE_BUSY_SNAPSHOT', 'database is locked'))).toBe(
      'SQLITE_BUSY_SNAPSHOT',
    );
  });

  it('names node:sqlite errors by the primary code inside their extended errcode (517 is BUSY_SNAPSHOT)', () => {
    expect(sqliteErrorCode(nodeSqliteError(517, 'database is locked'))).toBe('SQLITE_BUSY');
    expect(sqliteErrorCode(nodeSqliteError(1555, 'constraint failed'))).toBe('SQLITE_CONSTRAINT');
  });

  it('recognises a lock from both drivers as busy', () => {
    expect(isBusy(betterSqlite3Error('SQLITE_BUSY', 'database is locked'))).toBe(true);
    expect(isBusy(nodeSqliteError(5, 'database is locked'))).toBe(true);
    expect(isBusy(nodeSqliteError(6, 'database table is locked'))).toBe(true);
  });

  it('recognises a damaged or foreign file from both drivers as corrupt', () => {
    expect(isCorrupt(betterSqlite3Error('SQLITE_NOTADB', 'file is not a database'))).toBe(true);
    expect(isCorrupt(nodeSqliteError(26, 'file is not a database'))).toBe(true);
    expect(isCorrupt(nodeSqliteError(11, 'database disk image is malformed'))).toBe(true);
    expect(isCorrupt(nodeSqliteError(267, 'database disk image is malformed'))).toBe(true);
  });

  it('treats other errors, including non-SQLite ones that carry a code, as neither', () => {
    const notSqlite = Object.assign(new Error('database is not open'), { code: 'ERR_INVALID_STATE' });
    expect(sqliteErrorCode(notSqlite)).toBeUndefined();
    expect(isBusy(notSqlite)).toBe(false);
    expect(isBusy(nodeSqliteError(1555, 'constraint failed'))).toBe(false);
    expect(isCorrupt(nodeSqliteError(14, 'unable to open database file'))).toBe(false);
  });

  it('wraps a node:sqlite corruption in StoreCorruptError naming the file', () => {
    const error = toStoreError('/data/store.db', nodeSqliteError(26, 'file is not a database'));
    expect(error).toBeInstanceOf(StoreCorruptError);
    expect(error.message).toContain('/data/store.db');
  });

  it('wraps other node:sqlite failures in a StoreError naming the file and the code', () => {
    const error = toStoreError(
      '/data/store.db',
      nodeSqliteError(1555, 'constraint failed', 'UNIQUE constraint failed: item.name'),
    );
    expect(error).toMatchObject({ name: 'StoreError', code: 'STORE_SQLITE_FAILED' });
    expect(error.message).toBe(
      'SQLite failed on the store at /data/store.db: UNIQUE constraint failed: item.name (SQLITE_CONSTRAINT)',
    );
  });
});
