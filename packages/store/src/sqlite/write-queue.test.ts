import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestConnection } from '../__fixtures__/test-driver.js';
import { createBusyRetry } from './busy-retry.js';
import { firstColumn, type SqliteConnection } from './sqlite-driver.js';
import { createWriteQueue, type WriteQueue } from './write-queue.js';

let dir: string;
let path: string;
let db: SqliteConnection;
let commits: number;
let queue: WriteQueue;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sms-store-queue-'));
  path = join(dir, 'queue.db');
  db = await openTestConnection(path);
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('CREATE TABLE item (name TEXT PRIMARY KEY)');
  commits = 0;
  // Count the COMMITs the queue runs, to see how writes are grouped.
  const counted: SqliteConnection = {
    exec: (sql) => db.exec(sql),
    prepare: (sql) => {
      const statement = db.prepare(sql);
      if (sql !== 'COMMIT') return statement as never;
      return {
        run: () => {
          commits += 1;
          return statement.run();
        },
        get: () => statement.get(),
        all: () => statement.all(),
      } as never;
    },
    get inTransaction() {
      return db.inTransaction;
    },
    close: () => db.close(),
  };
  queue = createWriteQueue(counted, path, createBusyRetry(path, 1000));
});

afterEach(async () => {
  await queue.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const insert = (name: string) => () => db.prepare('INSERT INTO item (name) VALUES (?)').run(name).changes;

describe('the write queue', () => {
  it('commits writes issued together in one transaction', async () => {
    await Promise.all(['a', 'b', 'c'].map((name) => queue.run(insert(name))));
    expect(commits).toBe(1);
  });

  it('commits writes issued one after another separately, each before it resolves', async () => {
    const reader = await openTestConnection(path, { readOnly: true });
    for (const name of ['a', 'b']) {
      await queue.run(insert(name));
      expect(firstColumn(reader.prepare('SELECT count(*) FROM item WHERE name = ?').get(name))).toBe(1);
    }
    reader.close();
    expect(commits).toBe(2);
  });

  it('rejects a failing write alone, rolling back only what it wrote', async () => {
    const failing = () => {
      insert('half-done')();
      throw new Error('boom');
    };
    const results = await Promise.allSettled([
      queue.run(insert('a')),
      queue.run(failing),
      queue.run(insert('b')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(db.prepare('SELECT name FROM item ORDER BY name').all()).toEqual([{ name: 'a' }, { name: 'b' }]);
  });

  it('maps a constraint failure to a StoreError naming the file', async () => {
    await queue.run(insert('a'));
    await expect(queue.run(insert('a'))).rejects.toMatchObject({
      name: 'StoreError',
      code: 'STORE_SQLITE_FAILED',
    });
  });

  it('commits what was queued before close, and refuses work after it', async () => {
    const pending = queue.run(insert('a'));
    await queue.close();
    expect(await pending).toBe(1);
    await expect(queue.run(insert('b'))).rejects.toMatchObject({ name: 'StoreClosedError' });
  });
});
