import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from './open-store.js';
import { applicationId, latestVersion, migrations } from './schema.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sms-store-open-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function openFailure(path: string): Promise<Error & { path?: string }> {
  try {
    const store = await openStore(path);
    await store.close();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected openStore to fail');
}

/** Writes a file of our schema at `version`, as an older release would have left it. */
function writeStoreAtVersion(path: string, version: number): void {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  for (const migration of migrations.slice(0, version)) db.exec(migration.sql);
  db.pragma(`application_id = ${applicationId}`);
  db.pragma(`user_version = ${version}`);
  db.close();
}

describe('openStore', () => {
  it('creates a missing file and its folders, readable by the owner only', async () => {
    const path = join(dir, 'state', 'sms', 'store.db');
    const store = await openStore(path);
    await store.close();
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'state', 'sms')).mode & 0o777).toBe(0o700);
  });

  it('leaves the file in WAL mode at the latest schema version, marked as ours', async () => {
    const path = join(dir, 'store.db');
    await (await openStore(path)).close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion);
    expect(db.pragma('application_id', { simple: true })).toBe(applicationId);
    db.close();
  });

  it('numbers its migrations 1, 2, 3... with no gap', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('treats an empty file as a new store', async () => {
    const path = join(dir, 'store.db');
    writeFileSync(path, '');
    const store = await openStore(path);
    expect(await store.admitInbound('acct', 'SM1', { From: '+15555550101' })).toEqual({ duplicate: false });
    await store.close();
  });

  it('migrates a file of schema version 1, keeping its rows', async () => {
    const path = join(dir, 'store.db');
    writeStoreAtVersion(path, 1);
    const old = new Database(path);
    old
      .prepare('INSERT INTO opt_out (account_id, sender, since) VALUES (?, ?, ?)')
      .run('acct', '+15555550101', 5);
    old.close();
    const store = await openStore(path);
    expect(await store.listOptOuts('acct')).toEqual([{ sender: '+15555550101', since: 5 }]);
    await store.pairing.addApproved('acct', '+15555550102');
    expect(await store.pairing.isApproved('acct', '+15555550102')).toBe(true);
    await store.close();
  });

  it('lets two connections open a new file at the same time', async () => {
    const path = join(dir, 'store.db');
    const [one, two] = await Promise.all([openStore(path), openStore(path)]);
    await one.admitInbound('acct', 'SM1', { From: '+15555550101' });
    expect((await two.countInbound()).pending).toBe(1);
    await Promise.all([one.close(), two.close()]);
  });
});

describe('openStore on a file that is not a usable store', () => {
  it('refuses a file of garbage with StoreCorruptError naming the file, and leaves it untouched', async () => {
    const path = join(dir, 'store.db');
    const garbage = Buffer.from('this is a text file, not a database\n'.repeat(200));
    writeFileSync(path, garbage);
    const error = await openFailure(path);
    expect(error).toMatchObject({ name: 'StoreCorruptError', code: 'STORE_CORRUPT', path });
    expect(error.message).toContain(path);
    expect(readFileSync(path).equals(garbage)).toBe(true);
  });

  it('refuses a store whose schema pages were damaged, with StoreCorruptError', async () => {
    const path = join(dir, 'store.db');
    writeStoreAtVersion(path, latestVersion);
    const bytes = readFileSync(path);
    // Keep the 100-byte header (so SQLite recognises the file), scramble the rest of page 1: the schema.
    bytes.fill(0xa5, 100, 4096);
    writeFileSync(path, bytes);
    expect(await openFailure(path)).toMatchObject({ name: 'StoreCorruptError', path });
  });

  it("refuses another application's SQLite database with StoreForeignFileError, leaving it unchanged", async () => {
    const path = join(dir, 'app.db');
    const foreign = new Database(path);
    foreign.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)');
    foreign.close();
    const before = readFileSync(path);
    const error = await openFailure(path);
    expect(error).toMatchObject({ name: 'StoreForeignFileError', code: 'STORE_FOREIGN_FILE', path });
    expect(error.message).toContain(path);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('refuses an empty SQLite database that carries another application id', async () => {
    const path = join(dir, 'app.db');
    const foreign = new Database(path);
    foreign.pragma('application_id = 42');
    foreign.close();
    expect(await openFailure(path)).toMatchObject({ name: 'StoreForeignFileError' });
  });

  it('refuses a store written by a newer release with StoreVersionError', async () => {
    const path = join(dir, 'store.db');
    writeStoreAtVersion(path, latestVersion);
    const newer = new Database(path);
    newer.pragma(`user_version = ${latestVersion + 1}`);
    newer.close();
    expect(await openFailure(path)).toMatchObject({
      name: 'StoreVersionError',
      foundVersion: latestVersion + 1,
      supportedVersion: latestVersion,
      path,
    });
  });

  it('reports a folder in the way with StoreOpenError naming the path', async () => {
    const path = join(dir, 'store.db');
    mkdirSync(path);
    const error = await openFailure(path);
    expect(error).toMatchObject({ name: 'StoreOpenError', path });
    expect(error.message).toContain(path);
  });

  it('refuses options that are not non-negative integers, with StoreArgumentError', async () => {
    await expect(openStore(join(dir, 'store.db'), { leaseMs: -1 })).rejects.toMatchObject({
      name: 'StoreArgumentError',
      argument: 'leaseMs',
    });
  });
});
