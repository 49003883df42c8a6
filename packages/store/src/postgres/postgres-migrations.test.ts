import { setImmediate as nextTurn } from 'node:timers/promises';
import type pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectDraftsMigrated } from '../__fixtures__/drafts-migrated.js';
import { adminClient, dropSchema, freshSchema, openTestStore } from '../__fixtures__/postgres.js';
import { isStoreForeignFileError, isStoreVersionError } from '../errors.js';
import type { PostgresGatewayStore } from './open-postgres-store.js';
import { migrationLockName } from './postgres-migrate.js';
import { latestPostgresVersion, postgresMigrations } from './postgres-schema.js';

let admin: pg.Client;
const schemas: string[] = [];
const stores: PostgresGatewayStore[] = [];

function schemaForTest(): string {
  const schema = freshSchema();
  schemas.push(schema);
  return schema;
}

beforeAll(async () => {
  admin = await adminClient();
});
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
  for (const schema of schemas.splice(0)) await dropSchema(schema);
});
afterAll(() => admin.end());

async function appliedVersions(schema: string): Promise<number[]> {
  const { rows } = await admin.query<{ version: number }>(
    `SELECT version FROM "${schema}".sms_channel_schema ORDER BY version`,
  );
  return rows.map((row) => row.version);
}

/** Leaves `schema` as a release at migration `version` would have: its tables and its schema records. */
async function writeSchemaAtVersion(schema: string, version: number): Promise<void> {
  const quoted = `"${schema}"`;
  await admin.query(`CREATE SCHEMA ${quoted}`);
  await admin.query(
    `CREATE TABLE ${quoted}.sms_channel_schema (
       version integer PRIMARY KEY, description text NOT NULL, applied_at bigint NOT NULL)`,
  );
  for (const migration of postgresMigrations.slice(0, version)) {
    await admin.query(migration.sql(quoted));
    await admin.query(
      `INSERT INTO ${quoted}.sms_channel_schema (version, description, applied_at) VALUES ($1, $2, 0)`,
      [migration.version, migration.description],
    );
  }
}

/** Waits until a session waits for the advisory lock `name` (state, not time: asks the server each turn). */
async function someoneWaitsForAdvisoryLock(name: string): Promise<void> {
  for (;;) {
    // A bigint advisory key shows in pg_locks as its high half (classid) and low half (objid).
    const { rows } = await admin.query<{ waiting: string }>(
      `SELECT count(*) AS waiting FROM pg_locks
       WHERE locktype = 'advisory' AND NOT granted AND objsubid = 1
         AND ((classid::bigint << 32) | objid::bigint) = hashtextextended($1, 0)`,
      [name],
    );
    if (Number(rows[0]?.waiting) > 0) return;
    await nextTurn();
  }
}

describe('PostgreSQL schema migrations', () => {
  it('creates the schema and records every migration once', async () => {
    const schema = schemaForTest();
    stores.push(await openTestStore(schema));
    expect(await appliedVersions(schema)).toEqual(
      Array.from({ length: latestPostgresVersion }, (_, i) => i + 1),
    );
  });

  it('migrates once when two instances open a new schema at the same time, and both work', async () => {
    const schema = schemaForTest();
    const [one, two] = await Promise.all([openTestStore(schema), openTestStore(schema)]);
    stores.push(one, two);
    expect(await appliedVersions(schema)).toHaveLength(latestPostgresVersion);
    await one.admitInbound('acct', 'SM1', { From: '+15555550101' });
    expect(await two.claimInbound()).toMatchObject({ messageSid: 'SM1' });
  });

  it('waits for the instance holding the migration lock before opening', async () => {
    const schema = schemaForTest();
    await admin.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [migrationLockName(schema)]);
    let opened = false;
    const opening = openTestStore(schema).then((store) => {
      opened = true;
      stores.push(store);
      return store;
    });
    await someoneWaitsForAdvisoryLock(migrationLockName(schema));
    expect(opened).toBe(false);
    await admin.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [migrationLockName(schema)]);
    expect(await (await opening).countInbound()).toMatchObject({ pending: 0 });
  });

  it('migrates a schema of version 1 (before draft media): its drafts read back without media', async () => {
    const schema = schemaForTest();
    await writeSchemaAtVersion(schema, 1);
    await admin.query(
      `INSERT INTO "${schema}".reply_draft (account_id, turn_key, recipient, parts, created_at)
       VALUES ('acct', 'SMin1', '+15555550101', '["old reply"]', 5)`,
    );
    const store = await openTestStore(schema);
    stores.push(store);
    expect(await appliedVersions(schema)).toEqual(
      Array.from({ length: latestPostgresVersion }, (_, i) => i + 1),
    );
    await expectDraftsMigrated(store);
  });

  it("refuses a schema holding another application's tables, and leaves it untouched", async () => {
    const schema = schemaForTest();
    await admin.query(`CREATE SCHEMA "${schema}"; CREATE TABLE "${schema}".orders (id int)`);
    const error = await openTestStore(schema).catch((caught: unknown) => caught);
    expect(isStoreForeignFileError(error)).toBe(true);
    expect((error as Error).message).toContain(`schema ${schema} holds 1 tables`);
    const { rows } = await admin.query(`SELECT tablename FROM pg_tables WHERE schemaname = $1`, [schema]);
    expect(rows).toEqual([{ tablename: 'orders' }]);
  });

  it('refuses a schema migrated by a newer release, naming both versions', async () => {
    const schema = schemaForTest();
    stores.push(await openTestStore(schema));
    await admin.query(
      `INSERT INTO "${schema}".sms_channel_schema (version, description, applied_at) VALUES (99, 'future', 0)`,
    );
    const error = await openTestStore(schema).catch((caught: unknown) => caught);
    expect(isStoreVersionError(error)).toBe(true);
    expect(error).toMatchObject({ foundVersion: 99, supportedVersion: latestPostgresVersion });
  });
});
