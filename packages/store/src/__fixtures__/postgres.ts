/** Helpers of the PostgreSQL tests: a fresh schema per store, on the run's cluster (postgres-server.ts). */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import {
  type OpenPostgresStoreOptions,
  openPostgresStore,
  type PostgresGatewayStore,
} from '../postgres/open-postgres-store.js';
import type { ContractStoreSettings } from '../testing/contract-fixture.js';

export const server = inject('postgres');

/** A schema name no other test uses. */
export function freshSchema(): string {
  return `t_${randomBytes(8).toString('hex')}`;
}

/** A plain client on the test cluster, to inspect or set things up behind the store's back. */
export async function adminClient(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: server.socketUrl });
  await client.connect();
  return client;
}

export async function dropSchema(schema: string): Promise<void> {
  const client = await adminClient();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

export function openTestStore(
  schema: string,
  options: Partial<OpenPostgresStoreOptions> & Partial<ContractStoreSettings> = {},
): Promise<PostgresGatewayStore> {
  return openPostgresStore({
    connectionString: server.socketUrl,
    schema,
    poolSize: 4,
    ...options,
  });
}

let admin: Promise<pg.Client> | undefined;

/**
 * Empties every table of a migrated schema (the schema version stays), on one admin connection kept for the
 * test file: a fresh store for each contract test without paying for a migration each time.
 */
export async function emptySchema(schema: string): Promise<void> {
  admin ??= adminClient();
  const client = await admin;
  const { rows } = await client.query<{ tablename: string }>(
    `SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = $1 AND tablename <> 'sms_channel_schema'`,
    [schema],
  );
  if (rows.length === 0) return;
  await client.query(
    `TRUNCATE ${rows.map((row) => `"${schema}".${row.tablename}`).join(', ')} RESTART IDENTITY`,
  );
}

/** Closes the admin connection `emptySchema` kept. */
export async function closeAdminClient(): Promise<void> {
  const client = admin;
  admin = undefined;
  await (await client)?.end();
}
