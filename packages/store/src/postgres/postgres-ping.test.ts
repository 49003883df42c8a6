import { describe, expect, it } from 'vitest';
import { isStoreClosedError, StoreUnavailableError } from '../errors.js';
import type { PgContext } from './postgres-context.js';
import { createPostgresPing } from './postgres-ping.js';

const location = { host: 'db', port: 5432, database: 'sms', schema: 'sms_channel', label: 'db:5432/sms' };

/** A context whose traffic history the test sets, counting the statements ping sends. */
function fakeContext(options: { answeredAgoMs?: number; unreachableAgoMs?: number; fails?: boolean } = {}) {
  const at = (ago: number | undefined) => (ago === undefined ? 0 : performance.now() - ago);
  const sent: string[] = [];
  const ctx = {
    location,
    closed: false,
    health: { lastAnsweredAt: at(options.answeredAgoMs), lastUnreachableAt: at(options.unreachableAgoMs) },
    query: async (sql: string) => {
      sent.push(sql);
      if (options.fails === true) throw new StoreUnavailableError('db', 5432, 'connect ECONNREFUSED');
      return { rows: [], rowCount: 1 };
    },
  };
  return { ctx: ctx as unknown as PgContext & { closed: boolean }, sent };
}

describe('ping', () => {
  it('answers at once after a call that just succeeded, without a statement', async () => {
    const { ctx, sent } = fakeContext({ answeredAgoMs: 10 });
    await createPostgresPing(ctx, 60_000)();
    expect(sent).toEqual([]);
  });

  it('asks the server with SELECT 1 when the store has been idle', async () => {
    const { ctx, sent } = fakeContext({ answeredAgoMs: 120_000 });
    await createPostgresPing(ctx, 60_000)();
    expect(sent).toEqual(['SELECT 1']);
  });

  it('asks the server when a call failed to reach it since the last success', async () => {
    const { ctx, sent } = fakeContext({ answeredAgoMs: 20, unreachableAgoMs: 10, fails: true });
    await expect(createPostgresPing(ctx, 60_000)()).rejects.toMatchObject({ name: 'StoreUnavailableError' });
    expect(sent).toEqual(['SELECT 1']);
  });

  it('fails with StoreClosedError once the store is closed, whatever its traffic said', async () => {
    const { ctx } = fakeContext({ answeredAgoMs: 10 });
    ctx.closed = true;
    await expect(createPostgresPing(ctx, 60_000)()).rejects.toSatisfy(isStoreClosedError);
  });
});
