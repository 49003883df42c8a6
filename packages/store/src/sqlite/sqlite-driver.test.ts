/**
 * What the store relies on from a SQLite driver, checked against each real driver this Node can load
 * (better-sqlite3 under the workspace's Node 20; node:sqlite under Node >= 22.13, via `pnpm test:node-sqlite`).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqliteDriverLoaders } from './load-sqlite-driver.js';
import { probeTransaction } from './node-sqlite-driver.js';
import type { SqliteDriver, SqliteDriverName } from './sqlite-driver.js';
import { isBusy, isCorrupt, sqliteErrorCode } from './sqlite-errors.js';

const names: SqliteDriverName[] = ['better-sqlite3', 'node:sqlite'];
const drivers = await Promise.all(
  names.map(async (name) => {
    try {
      return { name, driver: await sqliteDriverLoaders[name](), reason: '' };
    } catch (error) {
      return { name, driver: undefined, reason: (error as Error).message.split('\n', 1)[0] };
    }
  }),
);

function thrownBy(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sms-store-driver-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

for (const { name, driver: loaded, reason } of drivers) {
  const title =
    loaded === undefined ? `the ${name} driver (not loadable here: ${reason})` : `the ${name} driver`;
  describe(title, () => {
    beforeEach((context) => {
      if (loaded === undefined) context.skip(`the ${name} driver cannot load here: ${reason}`);
    });
    const driver = loaded as SqliteDriver;
    const memory = () => {
      const db = driver.open(':memory:');
      db.exec('CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, n INTEGER) STRICT');
      return db;
    };

    it('tells its name', () => {
      expect(driver.name).toBe(name);
    });

    it('returns rows as plain objects keyed by column name', () => {
      const db = memory();
      db.prepare('INSERT INTO item (name, n) VALUES (?, ?)').run('a', 1);
      const row = db.prepare('SELECT name, n FROM item').get();
      expect(row).toEqual({ name: 'a', n: 1 });
      expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
      expect(Object.getPrototypeOf(db.prepare('SELECT name FROM item').all()[0])).toBe(Object.prototype);
      db.close();
    });

    it('returns undefined from get, and nothing from all, when no row matches', () => {
      const db = memory();
      expect(db.prepare('SELECT * FROM item').get()).toBeUndefined();
      expect(db.prepare('SELECT * FROM item').all()).toEqual([]);
      db.close();
    });

    it('binds positional and named parameters', () => {
      const db = memory();
      db.prepare('INSERT INTO item (name, n) VALUES (?, ?)').run('a', 7);
      expect(
        db.prepare<{ name: string }>('SELECT n FROM item WHERE name = :name').get({ name: 'a' }),
      ).toEqual({
        n: 7,
      });
      db.close();
    });

    it('reports the rows a write changed as a number', () => {
      const db = memory();
      const insert = db.prepare('INSERT INTO item (name) VALUES (?) ON CONFLICT (name) DO NOTHING');
      expect(insert.run('a')).toMatchObject({ changes: 1 });
      expect(insert.run('a')).toMatchObject({ changes: 0 });
      db.close();
    });

    it('stores integral numbers as INTEGER and reads them back as numbers', () => {
      const db = memory();
      const ms = Date.UTC(2026, 0, 1) + 123;
      db.prepare('INSERT INTO item (name, n) VALUES (?, ?)').run('a', ms);
      expect(db.prepare('SELECT n, typeof(n) AS type FROM item').get()).toEqual({ n: ms, type: 'integer' });
      db.close();
    });

    it('knows whether a transaction is open', () => {
      const db = memory();
      expect(db.inTransaction).toBe(false);
      db.exec('BEGIN IMMEDIATE');
      db.exec('SAVEPOINT write');
      expect(db.inTransaction).toBe(true);
      db.exec('RELEASE write');
      db.exec('COMMIT');
      expect(db.inTransaction).toBe(false);
      db.close();
    });

    it('sets the busy timeout it is given', () => {
      const db = driver.open(':memory:', { busyTimeoutMs: 250 });
      expect(db.prepare('PRAGMA busy_timeout').get()).toEqual({ timeout: 250 });
      db.close();
    });

    it("reports another connection's write lock as a busy error", () => {
      const path = join(dir, 'locked.db');
      const holder = driver.open(path);
      holder.exec('PRAGMA journal_mode = WAL');
      holder.exec('BEGIN IMMEDIATE');
      const other = driver.open(path);
      const error = thrownBy(() => other.exec('BEGIN IMMEDIATE'));
      expect(isBusy(error)).toBe(true);
      holder.exec('ROLLBACK');
      other.close();
      holder.close();
    });

    it('reports a file that is not a database as corrupt on first use', () => {
      const path = join(dir, 'garbage.db');
      writeFileSync(path, 'not a database\n'.repeat(300));
      const db = driver.open(path);
      const error = thrownBy(() => db.prepare('PRAGMA application_id').get());
      expect(isCorrupt(error)).toBe(true);
      db.close();
    });

    it('reports a constraint failure as a SQLite error that is neither busy nor corrupt', () => {
      const db = memory();
      const insert = db.prepare('INSERT INTO item (name) VALUES (?)');
      insert.run('a');
      const error = thrownBy(() => insert.run('a'));
      expect(sqliteErrorCode(error)).toMatch(/^SQLITE_CONSTRAINT/);
      expect(isBusy(error) || isCorrupt(error)).toBe(false);
      db.close();
    });

    it('refuses writes on a read-only connection', () => {
      const path = join(dir, 'ro.db');
      driver.open(path).close();
      const db = driver.open(path, { readOnly: true });
      expect(sqliteErrorCode(thrownBy(() => db.exec('CREATE TABLE t (x)')))).toMatch(/^SQLITE_READONLY/);
      db.close();
    });
  });
}

const nodeSqlite = process.getBuiltinModule?.('node:sqlite') as
  | { DatabaseSync: new (path: string) => Parameters<typeof probeTransaction>[0] }
  | undefined;

describe('the transaction probe for node:sqlite before Node 22.16', () => {
  beforeEach((context) => {
    if (nodeSqlite === undefined) context.skip(`Node ${process.version} has no node:sqlite`);
  });
  it('tells an open transaction from none, and leaves none open behind it', () => {
    const db = new (nodeSqlite as NonNullable<typeof nodeSqlite>).DatabaseSync(':memory:');
    expect(probeTransaction(db)).toBe(false);
    expect(probeTransaction(db)).toBe(false);
    db.exec('BEGIN IMMEDIATE');
    expect(probeTransaction(db)).toBe(true);
    db.exec('COMMIT');
    expect(probeTransaction(db)).toBe(false);
    db.close();
  });
});
