import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBusyRetry } from './busy-retry.js';
import { openDatabase } from './open-database.js';

const dir = mkdtempSync(join(tmpdir(), 'sms-store-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// SQLite numbers: synchronous 1 = NORMAL, 2 = FULL.
describe('openDatabase', () => {
  it('fsyncs every commit (synchronous=FULL) unless told otherwise', async () => {
    const path = join(dir, 'full.db');
    const db = await openDatabase(path, 'full', createBusyRetry(path, 1000));
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    db.close();
  });

  it('uses synchronous=NORMAL when asked', async () => {
    const path = join(dir, 'normal.db');
    const db = await openDatabase(path, 'normal', createBusyRetry(path, 1000));
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    db.close();
  });
});
