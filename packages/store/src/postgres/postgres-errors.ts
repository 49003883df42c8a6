/**
 * Turns node-postgres failures into this package's named errors. A server that cannot be reached, refuses
 * the login, shuts down or drops the connection is a `StoreUnavailableError` naming host and port (never the
 * password): the webhook answers 503 and Twilio retries. Anything else is a `StoreError` with the SQLSTATE.
 */
import { isStoreError, StoreError, StoreUnavailableError } from '../errors.js';

/** Where the store lives, for messages: never holds the password. */
export interface PostgresLocation {
  host: string;
  port: number;
  database: string;
  schema: string;
  /** `host:port/database (schema s)`: what errors name as the store's `path`. */
  label: string;
}

/** Node's socket errors and PostgreSQL's shutdown / too-many-connections SQLSTATEs. */
const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ENOENT',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

/** node-postgres's own messages for a connection that failed or ended under it. */
const unavailableMessages =
  /connection terminated|connection timeout|timeout exceeded when trying to connect|client has encountered a connection error|not queryable|connection refused/i;

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Whether the failure is the connection's (the server is down, gone or refusing us), not the statement's. */
export function isConnectionFailure(error: unknown): boolean {
  const code = codeOf(error);
  if (code !== undefined && (unavailableCodes.has(code) || code.startsWith('08') || code.startsWith('28'))) {
    return true;
  }
  // Several connection attempts at once (localhost resolving to ::1 and 127.0.0.1) fail as one AggregateError.
  if (error instanceof AggregateError) return error.errors.some(isConnectionFailure);
  return error instanceof Error && unavailableMessages.test(error.message);
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    return error.errors.map(messageOf).join('; ');
  }
  return error instanceof Error ? error.message : String(error);
}

/** Wraps a node-postgres failure in a `StoreError`; this package's own errors pass through. */
export function toPostgresStoreError(location: PostgresLocation, error: unknown): Error {
  if (isStoreError(error)) return error;
  if (isConnectionFailure(error)) {
    const code = codeOf(error);
    const detail = code === undefined ? messageOf(error) : `${messageOf(error)} (${code})`;
    return new StoreUnavailableError(location.host, location.port, detail, { cause: error });
  }
  const code = codeOf(error);
  return new StoreError(
    'STORE_POSTGRES_FAILED',
    `PostgreSQL failed on the store at ${location.label}: ${messageOf(error)}${code === undefined ? '' : ` (SQLSTATE ${code})`}`,
    { cause: error },
  );
}
