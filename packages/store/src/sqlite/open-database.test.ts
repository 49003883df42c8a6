import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testDriver } from '../__fixtures__/test-driver.js';
import { createBusyRetry } from './busy-retry.js';
import { loadSqliteDriver } from './load-sqlite-driver.js';
import { openDatabase } from './open-database.js';

const driver = await loadSqliteDriver(testDriver);

const dir = mkdtempSync(join(tmpdir(), 'sms-store-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// SQLite numbers: synchronous 1 = NORMAL, 2 = FULL.
describe(`openDatabase (${driver.name} driver)`, () => {
  it('fsyncs every commit (synchronous=FULL) unless told otherwise', async () => {
    const path = join(dir, 'full.db');
    const db = await openDatabase(driver, path, 'full', createBusyRetry(path, 1000));
    expect(db.prepare('PRAGMA synchronous').get()).toEqual({ synchronous: 2 });
    db.close();
  });

  it('uses synchronous=NORMAL when asked', async () => {
    const path = join(dir, 'normal.db');
    const db = await openDatabase(driver, path, 'normal', createBusyRetry(path, 1000));
    expect(db.prepare('PRAGMA synchronous').get()).toEqual({ synchronous: 1 });
    db.close();
  });
});
