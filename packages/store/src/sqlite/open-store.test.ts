import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectDraftsMigrated } from '../__fixtures__/drafts-migrated.js';
import { openTestConnection, testDriver } from '../__fixtures__/test-driver.js';
import { sqliteDriverLoaders } from './load-sqlite-driver.js';
import { type OpenStoreOptions, openStore } from './open-store.js';
import { applicationId, latestVersion, migrations } from './schema.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sms-store-open-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** `openStore` on the tests' driver. */
const open = (path: string, options: OpenStoreOptions = {}) =>
  openStore(path, { driver: testDriver, ...options });

async function openFailure(path: string): Promise<Error & { path?: string }> {
  try {
    const store = await open(path);
    await store.close();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected openStore to fail');
}

/** Writes a file of our schema at `version`, as an older release would have left it. */
async function writeStoreAtVersion(path: string, version: number): Promise<void> {
  const db = await openTestConnection(path);
  db.exec('PRAGMA journal_mode = WAL');
  for (const migration of migrations.slice(0, version)) db.exec(migration.sql);
  db.exec(`PRAGMA application_id = ${applicationId}`);
  db.exec(`PRAGMA user_version = ${version}`);
  db.close();
}

/** Runs statements on a plain connection to `path`. */
async function execOn(path: string, sql: string): Promise<void> {
  const db = await openTestConnection(path);
  db.exec(sql);
  db.close();
}

describe('openStore', () => {
  it('creates a missing file and its folders, readable by the owner only', async () => {
    const path = join(dir, 'state', 'sms', 'store.db');
    const store = await open(path);
    await store.close();
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'state', 'sms')).mode & 0o777).toBe(0o700);
  });

  it('leaves the file in WAL mode at the latest schema version, marked as ours', async () => {
    const path = join(dir, 'store.db');
    await (await open(path)).close();
    const db = await openTestConnection(path, { readOnly: true });
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(db.prepare('PRAGMA user_version').get()).toEqual({ user_version: latestVersion });
    expect(db.prepare('PRAGMA application_id').get()).toEqual({ application_id: applicationId });
    db.close();
  });

  it('numbers its migrations 1, 2, 3... with no gap', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('treats an empty file as a new store', async () => {
    const path = join(dir, 'store.db');
    writeFileSync(path, '');
    const store = await open(path);
    expect(await store.admitInbound('acct', 'SM1', { From: '+15555550101' })).toEqual({ duplicate: false });
    await store.close();
  });

  it('migrates a file of schema version 1, keeping its rows', async () => {
    const path = join(dir, 'store.db');
    await writeStoreAtVersion(path, 1);
    await execOn(path, `INSERT INTO opt_out (account_id, sender, since) VALUES ('acct', '+15555550101', 5)`);
    const store = await open(path);
    expect(await store.listOptOuts('acct')).toEqual([{ sender: '+15555550101', since: 5 }]);
    await store.pairing.addApproved('acct', '+15555550102');
    expect(await store.pairing.isApproved('acct', '+15555550102')).toBe(true);
    await store.close();
  });

  it('migrates a file of schema version 2 (before reply drafts), keeping its queue and outbound log', async () => {
    const path = join(dir, 'store.db');
    await writeStoreAtVersion(path, 2);
    await execOn(
      path,
      `INSERT INTO outbound_part (account_id, turn_key, part_index, message_sid, recipient, sent_at)
       VALUES ('acct', 'SMin1', 0, 'SMout1', '+15555550101', 5)`,
    );
    const store = await open(path);
    expect((await store.listOutboundParts('acct', 'SMin1')).map((part) => part.messageSid)).toEqual([
      'SMout1',
    ]);
    await store.saveReplyDraft('acct', 'SMin1', { to: '+15555550101', parts: ['a (1/2)', 'b (2/2)'] });
    expect((await store.getReplyDraft('acct', 'SMin1'))?.parts).toEqual(['a (1/2)', 'b (2/2)']);
    await store.close();
  });

  it('migrates a file of schema version 5 (before draft media): its drafts read back without media', async () => {
    const path = join(dir, 'store.db');
    await writeStoreAtVersion(path, 5);
    await execOn(
      path,
      `INSERT INTO reply_draft (account_id, turn_key, recipient, parts, created_at)
       VALUES ('acct', 'SMin1', '+15555550101', '["old reply"]', 5)`,
    );
    const store = await open(path);
    await expectDraftsMigrated(store);
    await store.close();
  });

  it('lets two connections open a new file at the same time', async () => {
    const path = join(dir, 'store.db');
    const [one, two] = await Promise.all([open(path), open(path)]);
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
    await writeStoreAtVersion(path, latestVersion);
    const bytes = readFileSync(path);
    // Keep the 100-byte header (so SQLite recognises the file), scramble the rest of page 1: the schema.
    bytes.fill(0xa5, 100, 4096);
    writeFileSync(path, bytes);
    expect(await openFailure(path)).toMatchObject({ name: 'StoreCorruptError', path });
  });

  it("refuses another application's SQLite database with StoreForeignFileError, leaving it unchanged", async () => {
    const path = join(dir, 'app.db');
    await execOn(path, 'CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)');
    const before = readFileSync(path);
    const error = await openFailure(path);
    expect(error).toMatchObject({ name: 'StoreForeignFileError', code: 'STORE_FOREIGN_FILE', path });
    expect(error.message).toContain(path);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('refuses an empty SQLite database that carries another application id', async () => {
    const path = join(dir, 'app.db');
    await execOn(path, 'PRAGMA application_id = 42');
    expect(await openFailure(path)).toMatchObject({ name: 'StoreForeignFileError' });
  });

  it('refuses a store written by a newer release with StoreVersionError', async () => {
    const path = join(dir, 'store.db');
    await writeStoreAtVersion(path, latestVersion);
    await execOn(path, `PRAGMA user_version = ${latestVersion + 1}`);
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
    await expect(open(join(dir, 'store.db'), { leaseMs: -1 })).rejects.toMatchObject({
      name: 'StoreArgumentError',
      argument: 'leaseMs',
    });
  });
});

describe('the driver option', () => {
  it('opens the store with the driver it names', async (context) => {
    if (testDriver === 'auto') context.skip('this run names no driver (auto)');
    const store = await open(join(dir, 'store.db'));
    expect(store.driver).toBe(testDriver);
    await store.close();
  });

  it("with 'auto', uses better-sqlite3 when its addon loads in this Node, else node:sqlite", async () => {
    const expected = await sqliteDriverLoaders['better-sqlite3']().then(
      () => 'better-sqlite3',
      () => 'node:sqlite',
    );
    const store = await openStore(join(dir, 'store.db'), { driver: 'auto' });
    expect(store.driver).toBe(expected);
    await store.close();
  });

  it('refuses an unknown driver with StoreArgumentError', async () => {
    const driver = 'sqlite3' as OpenStoreOptions['driver'];
    await expect(openStore(join(dir, 'store.db'), { driver })).rejects.toMatchObject({
      name: 'StoreArgumentError',
      argument: 'driver',
    });
  });

  it("on a Node without node:sqlite, refuses driver 'node:sqlite' with StoreOpenError saying which Node it needs", async (context) => {
    if (process.getBuiltinModule?.('node:sqlite') !== undefined)
      context.skip(`Node ${process.version} has node:sqlite`);
    const path = join(dir, 'store.db');
    const error = await openStore(path, { driver: 'node:sqlite' }).catch((e: unknown) => e as Error);
    expect(error).toMatchObject({ name: 'StoreOpenError', path });
    expect((error as Error).message).toContain(path);
    expect((error as Error).message).toContain('node:sqlite needs Node >= 22.13');
  });
});
