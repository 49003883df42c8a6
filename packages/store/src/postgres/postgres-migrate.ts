/**
 * Creating and migrating the store's schema. Instances that start together serialise on a session advisory
 * lock keyed by the schema: the first migrates, the others wait for it, then find nothing left to do. A
 * schema that holds tables but no `sms_channel_schema` is another application's and is left untouched.
 */
import type { Pool } from 'pg';
import { StoreForeignFileError, StoreVersionError } from '../errors.js';
import { quoteIdentifier } from './postgres-context.js';
import type { PostgresLocation } from './postgres-errors.js';
import { latestPostgresVersion, postgresMigrations } from './postgres-schema.js';

/** The advisory lock key of a schema's migrations: `pg_advisory_lock(hashtextextended(<this>, 0))`. */
export function migrationLockName(schema: string): string {
  return `sms-channel.store migrations ${schema}`;
}

async function currentVersion(client: { query: Pool['query'] }, location: PostgresLocation): Promise<number> {
  const { rows } = await client.query<{ versioned: boolean; tables: string }>(
    `SELECT to_regclass($1) IS NOT NULL AS versioned,
       (SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = $2) AS tables`,
    [`${quoteIdentifier(location.schema)}.sms_channel_schema`, location.schema],
  );
  const [row] = rows;
  if (row?.versioned) {
    const version = await client.query<{ version: number | null }>(
      `SELECT max(version) AS version FROM ${quoteIdentifier(location.schema)}.sms_channel_schema`,
    );
    return version.rows[0]?.version ?? 0;
  }
  const tables = Number(row?.tables ?? 0);
  if (tables > 0) {
    throw new StoreForeignFileError(
      location.label,
      `schema ${location.schema} holds ${tables} tables of its own`,
    );
  }
  return 0;
}

/** Creates the schema when missing and applies the missing migrations, under the migration lock. */
export async function migratePostgres(pool: Pool, location: PostgresLocation, now: number): Promise<void> {
  const schema = quoteIdentifier(location.schema);
  const client = await pool.connect();
  let broken: Error | undefined;
  // Checked out, the client has no pool listener: a server going away would emit 'error' on it unheard.
  const onError = (error: Error) => {
    broken ??= error;
  };
  client.on('error', onError);
  try {
    await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [
      migrationLockName(location.schema),
    ]);
    try {
      const version = await currentVersion(client, location);
      if (version > latestPostgresVersion) {
        throw new StoreVersionError(location.label, version, latestPostgresVersion);
      }
      if (version === latestPostgresVersion) return;
      await client.query('BEGIN');
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${schema}.sms_channel_schema (
           version integer PRIMARY KEY, description text NOT NULL, applied_at bigint NOT NULL)`,
      );
      for (const migration of postgresMigrations) {
        if (migration.version <= version) continue;
        await client.query(migration.sql(schema));
        await client.query(
          `INSERT INTO ${schema}.sms_channel_schema (version, description, applied_at) VALUES ($1, $2, $3)`,
          [migration.version, migration.description, now],
        );
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await client
        .query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [migrationLockName(location.schema)])
        .catch((error: Error) => (broken = error));
    }
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}
