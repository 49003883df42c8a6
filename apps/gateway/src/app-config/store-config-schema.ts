import { secretRefSchema } from '@sms-channel/config';
import { z } from 'zod';

/**
 * `gateway.store`: where the gateway keeps its durable state. The embedded SQLite file under `stateDir` by
 * default (zero set-up, one gateway process); PostgreSQL when a `postgres://` URL is given, here or in
 * `$SMS_CHANNEL_DATABASE_URL`, so several gateway processes behind a load balancer share one queue.
 */

/** The env var giving the PostgreSQL URL when `gateway.store.url` does not. */
export const DATABASE_URL_ENV = 'SMS_CHANNEL_DATABASE_URL';
/** Pooled connections per gateway process (LISTEN holds one more). */
export const DEFAULT_STORE_POOL_SIZE = 10;
/** The PostgreSQL schema of the store's tables. */
export const DEFAULT_STORE_SCHEMA = 'sms_channel';
/**
 * How long a call waits for a connection (a new one, or a free one of the pool under load) before the store is
 * reported unavailable and the webhook answers 503: inside Twilio's 15 s webhook timeout. A database that is
 * down refuses connections at once; this only bounds a black-holed network or a saturated pool.
 */
export const DEFAULT_STORE_CONNECT_TIMEOUT_MS = 10_000;

/**
 * Why `url` is not a PostgreSQL URL the store can use, or undefined when it is. One rule for the config file
 * and the env var, so both are refused in the same words.
 */
export function postgresUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    // node-postgres also reads a host-less unix-socket form, postgres://user@/database?host=/run/postgresql,
    // which WHATWG URLs refuse: parse it with a stand-in host, as node-postgres does.
    parsed = URL.canParse(url) ? new URL(url) : new URL(url.replace('@/', '@socket/'));
  } catch {
    return 'must be a postgres://user@host:5432/database URL';
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    return `must be a postgres:// (or postgresql://) URL, not ${parsed.protocol}//...; leave it out for the embedded SQLite store`;
  }
  return undefined;
}

const url = z
  .string()
  .min(1, { error: 'url must not be empty; leave it out for the embedded SQLite store' })
  .superRefine((value, context) => {
    const problem = postgresUrlProblem(value);
    if (problem !== undefined) context.addIssue({ code: 'custom', message: `url ${problem}` });
  });

const password = z.union([z.string().min(1, { error: 'password must not be empty' }), secretRefSchema], {
  error: 'password must be a string or a secret ref { source: "env" | "file", provider: "default", id }',
});

export const storeConfigSchema = z.strictObject({
  /**
   * `'sqlite'` (the file `store.db` under `stateDir`) or `'postgres'` (needs `url`). Left out: PostgreSQL when
   * `url` or `$SMS_CHANNEL_DATABASE_URL` is set, else SQLite; `'sqlite'` ignores the env var.
   */
  kind: z.enum(['sqlite', 'postgres'], { error: 'kind must be "sqlite" or "postgres"' }).optional(),
  /** `postgres://user@host:5432/database` (PostgreSQL). @default $SMS_CHANNEL_DATABASE_URL */
  url: url.optional(),
  /**
   * The database password, kept out of the URL: a string or a secret ref (`{ source: "env", id:
   * "SMS_CHANNEL_DATABASE_PASSWORD" }`, `{ source: "file", id: "/run/secrets/db" }`). Wins over one in the URL.
   */
  password: password.optional(),
  /** Pooled connections per gateway process (LISTEN holds one more). @default 10 */
  poolSize: z.int().min(1).max(500).default(DEFAULT_STORE_POOL_SIZE),
  /** The schema holding the store's tables (created when missing). @default "sms_channel" */
  schema: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, {
      error: 'schema must be a lowercase identifier (letters, digits, _), at most 63 long',
    })
    .default(DEFAULT_STORE_SCHEMA),
  /** How long a call waits for a connection before the store is reported unavailable. @default 10000 */
  connectTimeoutMs: z.int().min(100).max(60_000).default(DEFAULT_STORE_CONNECT_TIMEOUT_MS),
});

export type StoreSection = z.infer<typeof storeConfigSchema>;
