/**
 * `openPostgresStore`: the gateway store on PostgreSQL, for several gateway instances behind a load balancer
 * sharing one database. Same `GatewayStore` interface and contract suite as the SQLite store; node-postgres
 * (`pg`) is imported only here, when a PostgreSQL store is opened.
 *
 * Durability: every write is a statement or transaction that has committed when its promise resolves; the
 * store's sessions never run with `synchronous_commit = off` (a server default of `off` is overridden), so an
 * admit that resolved is on the server's disk (and on synchronous standbys when the server waits for them).
 */
import type { ClientConfig, Pool, PoolConfig } from 'pg';
import { requireCount, requireText } from '../arguments.js';
import { StoreArgumentError } from '../errors.js';
import type { GatewayStore } from '../gateway-store.js';
import {
  defaultLeaseMs,
  defaultMaxAttempts,
  defaultRetentionMs,
  defaultRetryDelayMs,
} from '../queue-defaults.js';
import { loadPg, type PgModule } from './load-pg.js';
import { createPostgresAdmitNotifications } from './postgres-admit-notifications.js';
import { createPgContext } from './postgres-context.js';
import { createPostgresConversationHistory } from './postgres-conversation-history.js';
import { type PostgresLocation, toPostgresStoreError } from './postgres-errors.js';
import { createPostgresInboundQueue } from './postgres-inbound-queue.js';
import { migratePostgres } from './postgres-migrate.js';
import { createPostgresOptOuts } from './postgres-opt-outs.js';
import { createPostgresOutboundLog } from './postgres-outbound-log.js';
import { createPostgresPairingStore } from './postgres-pairing-store.js';
import { createPostgresPing } from './postgres-ping.js';
import { createPostgresReplyDrafts } from './postgres-reply-drafts.js';
import { createPostgresPrune } from './postgres-retention.js';
import { createPostgresSenderPacing } from './postgres-sender-pacing.js';

/** Options of `openPostgresStore`. */
export interface OpenPostgresStoreOptions {
  /** The database, as a `postgres://user@host:port/database` URL (node-postgres's connection string). */
  connectionString: string;
  /**
   * The password, kept out of the connection string (e.g. resolved from a secret ref); it wins over one in
   * the URL. Never appears in errors.
   * @default the URL's, else node-postgres's defaults (PGPASSWORD, ~/.pgpass)
   */
  password?: string;
  /**
   * Connections in the pool (each in-flight call holds one; LISTEN holds one more, outside the pool).
   * @default 10
   */
  poolSize?: number;
  /**
   * The PostgreSQL schema holding the store's tables, created when missing. Several stores can share a
   * database under different schemas.
   * @default 'sms_channel'
   */
  schema?: string;
  /**
   * How long to wait for a connection (a new one, or a free one of the pool) before `StoreUnavailableError`.
   * @default 10000
   */
  connectTimeoutMs?: number;
  /**
   * How long completed messages, reply parts, intents, drafts, delivery records and history are kept.
   * @default 604800000 (7 days)
   */
  retentionMs?: number;
  /**
   * Claim lease when `claimInbound` is given none: a claim of an instance that died is handed out again
   * after it.
   * @default 300000 (5 minutes)
   */
  leaseMs?: number;
  /**
   * Claims of one message before it is dead-lettered, when `failInbound` is given none.
   * @default 5
   */
  maxAttempts?: number;
  /**
   * The clock, in ms since the epoch (tests move it). Every time the store writes comes from it, so
   * instances should have synchronised clocks (NTP), as leases compare times written by different ones.
   * @default Date.now
   */
  now?: () => number;
}

/** The PostgreSQL gateway store. */
export interface PostgresGatewayStore extends GatewayStore {
  /** Where it lives: host, port, database and schema (no credentials). */
  readonly location: Omit<PostgresLocation, 'label'>;
  /**
   * Resolves when the database answers: at once when a call succeeded within the last second (and none failed
   * to reach the server since), else once `SELECT 1` answered on a pooled connection. What a readiness check
   * asks: a busy pool is not an unreachable server. Fails like any call: `StoreUnavailableError` when the
   * server cannot be reached, `StoreClosedError` after `close`.
   */
  ping(): Promise<void>;
}

/** Schema names the store accepts: plain identifiers, so no quoting surprises in tools and logs. */
const schemaPattern = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The connection string with the separate password in it. node-postgres lets every field of a connection
 * string override the same option (an absent password parses as empty), so the password travels inside the
 * URL it is handed; pg keeps it out of its errors, and so does this store.
 */
function withPassword(connectionString: string, password: string | undefined): string {
  if (password === undefined) return connectionString;
  let url: URL;
  try {
    url = new URL(connectionString);
  } catch (cause) {
    throw new StoreArgumentError(
      'connectionString',
      'a separate password needs a postgres://user@host:port/database URL',
      { cause },
    );
  }
  url.password = encodeURIComponent(password);
  // A URL without a host (a unix socket given as ?host=/path) cannot carry a password: say so, never drop it.
  if (password !== '' && url.password === '') {
    throw new StoreArgumentError(
      'connectionString',
      'a separate password needs a URL with a host (postgres://user@host:port/database)',
    );
  }
  return url.href;
}

/** Whether the server would run the store's sessions with `synchronous_commit = off`. */
async function asyncCommitByDefault(pool: Pool): Promise<boolean> {
  const { rows } = await pool.query<{ setting: string }>(
    "SELECT current_setting('synchronous_commit') AS setting",
  );
  return rows[0]?.setting === 'off';
}

/**
 * A pool whose connections can never emit an unheard 'error' (which would crash the process). An idle connection
 * the server closed (a restart) reaches the pool's own 'error' event: it drops it, and the next call opens a new
 * one. But pg-pool takes its listener off a connection when it hands it to a waiter, and the waiter's own listener
 * comes later: a server that shuts down in between (seen in the PostgreSQL outage test: 57P01 "terminating
 * connection due to administrator command") emitted 'error' on a connection nobody listened to. Each connection
 * gets a listener of its own for its whole life; the failure still reaches whoever uses it next, as a failed query.
 */
function listened(pool: Pool): Pool {
  pool.on('error', () => undefined);
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
  });
  return pool;
}

function locate(pg: PgModule, config: ClientConfig, schema: string): PostgresLocation {
  // A Client resolves the URL, environment and defaults into host/port/database without connecting.
  const probe = new pg.Client(config);
  const host = probe.host;
  const port = probe.port;
  const database = probe.database ?? '';
  return { host, port, database, schema, label: `${host}:${port}/${database} (schema ${schema})` };
}

/**
 * Opens the store in `schema` of the database, creating the schema and migrating it (one instance at a time,
 * the others wait). Fails with `StoreUnavailableError` (host and port, never the password) when the database
 * cannot be reached, `StoreForeignFileError` when the schema holds another application's tables, and
 * `StoreVersionError` when a newer release migrated it.
 */
export async function openPostgresStore(options: OpenPostgresStoreOptions): Promise<PostgresGatewayStore> {
  const connectionString = requireText('connectionString', options?.connectionString);
  const password = options.password === undefined ? undefined : requireText('password', options.password);
  const poolSize = requireCount('poolSize', options.poolSize ?? 10);
  if (poolSize < 1) throw new StoreArgumentError('poolSize', 'expected at least 1 connection');
  const schema = options.schema ?? 'sms_channel';
  if (!schemaPattern.test(schema)) {
    throw new StoreArgumentError(
      'schema',
      'expected a lowercase identifier (letters, digits, _), at most 63 long',
    );
  }
  const connectTimeoutMs = requireCount('connectTimeoutMs', options.connectTimeoutMs ?? 10_000);
  const retentionMs = requireCount('retentionMs', options.retentionMs ?? defaultRetentionMs);
  const leaseMs = requireCount('leaseMs', options.leaseMs ?? defaultLeaseMs);
  const maxAttempts = requireCount('maxAttempts', options.maxAttempts ?? defaultMaxAttempts);
  const now = options.now ?? Date.now;

  const pg = await loadPg();
  const int8 = pg.types.builtins.INT8;
  const clientConfig: ClientConfig = {
    connectionString: withPassword(connectionString, password),
    connectionTimeoutMillis: connectTimeoutMs,
    // bigint columns (times, ids, counts) as numbers: the store only writes safe integers.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === int8 ? Number : pg.types.getTypeParser(oid, format)) as never,
    },
  };
  const location = locate(pg, clientConfig, schema);
  let pool: Pool = listened(new pg.Pool({ ...clientConfig, max: poolSize } satisfies PoolConfig));
  try {
    await migratePostgres(pool, location, now());
    if (await asyncCommitByDefault(pool)) {
      // Durability: a server default of synchronous_commit=off would acknowledge a commit before its flush.
      await pool.end();
      pool = listened(new pg.Pool({ ...clientConfig, max: poolSize, options: '-c synchronous_commit=on' }));
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw toPostgresStoreError(location, error);
  }

  const ctx = createPgContext(pool, location, now);
  const notifications = createPostgresAdmitNotifications(pg, clientConfig, schema);
  let closing: Promise<void> | undefined;
  return {
    location: { host: location.host, port: location.port, database: location.database, schema },
    ...createPostgresInboundQueue(
      ctx,
      { leaseMs, maxAttempts, retryDelayMs: defaultRetryDelayMs },
      notifications,
    ),
    ...createPostgresOutboundLog(ctx),
    ...createPostgresReplyDrafts(ctx),
    ...createPostgresConversationHistory(ctx),
    ...createPostgresOptOuts(ctx),
    ...createPostgresSenderPacing(ctx),
    pairing: createPostgresPairingStore(ctx),
    prune: createPostgresPrune(ctx, retentionMs),
    ping: createPostgresPing(ctx),
    close() {
      closing ??= (async () => {
        await ctx.close();
        await notifications.close();
        await pool.end();
      })();
      return closing;
    },
  };
}
