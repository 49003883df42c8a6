import { EventEmitter } from 'node:events';
import type { Pool } from 'pg';
import { describe, expect, it } from 'vitest';
import { isStoreUnavailableError } from '../errors.js';
import { createPgContext } from './postgres-context.js';

const location = { host: 'db', port: 5432, database: 'sms', schema: 'sms_channel', label: 'db:5432/sms' };

/**
 * A pooled client whose server goes away right after BEGIN, between two statements, as a restart does: node-postgres
 * then emits 'error' on the client (no query is active to receive it) and refuses the next statement.
 */
function clientLostAfterBegin() {
  const client = Object.assign(new EventEmitter(), {
    released: [] as (Error | undefined)[],
    query: async (sql: string) => {
      if (sql === 'BEGIN') {
        setImmediate(() => {
          const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
          client.emit('error', reset);
        });
        await new Promise((resolve) => setImmediate(resolve));
        return { rows: [], rowCount: 0 };
      }
      throw Object.assign(new Error('Client has encountered a connection error and is not queryable'), {});
    },
    release: (error?: Error) => {
      client.released.push(error);
    },
  });
  return client;
}

describe('a transaction whose connection is lost between statements', () => {
  it('fails with StoreUnavailableError and destroys the connection instead of crashing the process', async () => {
    const client = clientLostAfterBegin();
    const pool = { connect: async () => client } as unknown as Pool;
    const ctx = createPgContext(pool, location, Date.now);
    const failure = await ctx
      .transaction(async (query) => {
        await new Promise((resolve) => setImmediate(resolve));
        await query('SELECT 1');
      })
      .catch((error: unknown) => error);
    expect(isStoreUnavailableError(failure)).toBe(true);
    expect(client.released).toHaveLength(1);
    expect(client.released[0]).toBeInstanceOf(Error);
    expect(client.listenerCount('error')).toBe(0);
  });
});
