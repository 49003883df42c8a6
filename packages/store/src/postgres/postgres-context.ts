/**
 * What each PostgreSQL-backed part of the store shares: statements on the pool (each its own autocommit
 * transaction), transactions on one pooled connection, the clock, and the schema-qualified table names.
 * Every call is tracked, so `close` can wait for the ones already accepted before ending the pool.
 */
import type { Pool, PoolClient } from 'pg';
import { isStoreUnavailableError, StoreClosedError } from '../errors.js';
import { isConnectionFailure, type PostgresLocation, toPostgresStoreError } from './postgres-errors.js';

/** One statement's result. */
export interface PgResult<Row> {
  rows: Row[];
  rowCount: number;
}

/** Runs one statement. */
export type PgQuery = <Row = Record<string, unknown>>(
  sql: string,
  parameters?: unknown[],
) => Promise<PgResult<Row>>;

export interface PgContext {
  /** One statement, committed on its own when it returns. */
  query: PgQuery;
  /** `work` running statements on the pool (each committed on its own), tracked like `query` from now on. */
  withPool<T>(work: (query: PgQuery) => Promise<T>): Promise<T>;
  /**
   * One statement, NOT tracked nor refused after close: only for work whose callers are tracked themselves
   * (a batch of admits, each a `withPool` call that waits for it). Errors are still the store's.
   */
  direct: PgQuery;
  /** `work` inside BEGIN ... COMMIT on one connection; retried whole on a deadlock or serialization failure. */
  transaction<T>(work: (query: PgQuery) => Promise<T>): Promise<T>;
  /** The clock (ms since the epoch); every time the store writes comes from it, never from the server. */
  now: () => number;
  /** `"schema".name`. */
  table: (name: string) => string;
  location: PostgresLocation;
  /**
   * When a call last succeeded, and when one last failed because the server could not be reached
   * (`performance.now()`, 0: never): whether the database answers, learnt from the store's own traffic.
   */
  readonly health: { readonly lastAnsweredAt: number; readonly lastUnreachableAt: number };
  /** Whether `close` was called. */
  readonly closed: boolean;
  /** Refuses new calls, waits for those in progress. */
  close(): Promise<void>;
}

/** SQLSTATEs after which a transaction is simply run again. */
const retryable = new Set(['40001', '40P01']);
const maxTransactionAttempts = 5;

/** Quotes an identifier (a schema name) for SQL. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function runOn(client: Pool | PoolClient): PgQuery {
  return async (sql, parameters) => {
    const result = await client.query(sql, parameters);
    return { rows: result.rows, rowCount: result.rowCount ?? 0 };
  };
}

export function createPgContext(pool: Pool, location: PostgresLocation, now: () => number): PgContext {
  const schema = quoteIdentifier(location.schema);
  const inFlight = new Set<Promise<unknown>>();
  const health = { lastAnsweredAt: 0, lastUnreachableAt: 0 };
  let closed = false;

  function track<T>(work: () => Promise<T>): Promise<T> {
    if (closed) return Promise.reject(new StoreClosedError(location.label));
    const running = work().then(
      (result) => {
        health.lastAnsweredAt = performance.now();
        return result;
      },
      (error: unknown) => {
        const failure = toPostgresStoreError(location, error);
        if (isStoreUnavailableError(failure)) health.lastUnreachableAt = performance.now();
        throw failure;
      },
    );
    const settled = running.then(
      () => undefined,
      () => undefined,
    );
    inFlight.add(settled);
    void settled.then(() => inFlight.delete(settled));
    return running;
  }

  async function inTransaction<T>(work: (query: PgQuery) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await pool.connect();
      let broken: Error | undefined;
      // A checked-out client has no pool listener: a server that goes away between two statements emits
      // 'error' on it, which would crash the process unheard. Note it; the next statement fails anyway.
      const onError = (error: Error) => {
        broken ??= error;
      };
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const result = await work(runOn(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        if (isConnectionFailure(error)) broken = error as Error;
        else await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
        const code = (error as { code?: unknown }).code;
        if (typeof code !== 'string' || !retryable.has(code) || attempt >= maxTransactionAttempts)
          throw error;
      } finally {
        client.off('error', onError);
        // A connection that failed is destroyed rather than handed to the next caller.
        client.release(broken);
      }
    }
  }

  return {
    query: (sql, parameters) => track(() => runOn(pool)(sql, parameters)),
    withPool: (work) => track(() => work(runOn(pool))),
    async direct<Row>(sql: string, parameters?: unknown[]) {
      try {
        return await runOn(pool)<Row>(sql, parameters);
      } catch (error) {
        throw toPostgresStoreError(location, error);
      }
    },
    transaction: (work) => track(() => inTransaction(work)),
    now,
    table: (name) => `${schema}.${name}`,
    location,
    health,
    get closed() {
      return closed;
    },
    async close() {
      closed = true;
      while (inFlight.size > 0) await Promise.all(inFlight);
    },
  };
}
